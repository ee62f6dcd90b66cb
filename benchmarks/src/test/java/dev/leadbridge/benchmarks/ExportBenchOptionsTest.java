package dev.leadbridge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportBenchOptionsTest {

    @Test
    void quickStartsSmallAndFlagsOverrideIt() {
        // when
        ExportBench.Options o = ExportBench.Options.parse(new String[] {"--quick", "--latency-ms", "30",
                "--concurrency", "8", "--no-pin"});

        // then
        assertThat(o.leadsPerConnection()).isEqualTo(ExportBench.Options.quick().leadsPerConnection());
        assertThat(o.latency()).isEqualTo(Duration.ofMillis(30));
        assertThat(o.pageConcurrency()).isEqualTo(8);
        assertThat(o.pinListings()).isFalse();
    }

    @Test
    void refusesAnUnknownFlag() {
        assertThatThrownBy(() -> ExportBench.Options.parse(new String[] {"--fast"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--fast");
    }

    @Test
    void ratioLinesReadAsTheIssueShowsThem() {
        // given a sequential median of 5,000 ms, a Leadbridge median of 400 ms and a floor of 320 ms
        ExportBench.BenchResult result = new ExportBench.BenchResult(ExportBench.Options.full(),
                List.of(Duration.ofMillis(500), Duration.ofMillis(400), Duration.ofMillis(380)),
                List.of(Duration.ofMillis(5_000), Duration.ofMillis(5_100), Duration.ofMillis(4_900)),
                Duration.ofMillis(320), 16, List.of(Duration.ofMillis(300)), 2);

        // then
        assertThat(result.speedupLine()).isEqualTo("speedup vs sequential: 12.5x");
        assertThat(result.floorLine()).isEqualTo("vs floor: 1.25x");
        assertThat(result.targetsMet()).isTrue();
        assertThat(result.cpuBound()).isEqualTo(Duration.ofMillis(150));
    }
}
