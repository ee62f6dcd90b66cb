package dev.leadbridge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlidingWindowTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void aRequestExpiresExactlyOneWindowLater() {
        // given three requests, the third exactly one hour after the first
        List<Instant> requests = List.of(T0, T0.plusSeconds(10), T0.plusSeconds(3600));

        // when / then: the first has expired when the third is made
        assertThat(SlidingWindow.maxInWindow(requests, Duration.ofHours(1))).isEqualTo(2);
    }

    @Test
    void countsTheBusiestWindowWhateverTheOrder() {
        List<Instant> requests = List.of(T0.plusSeconds(7300), T0, T0.plusSeconds(3599), T0.plusSeconds(3601),
                T0.plusSeconds(3602));

        assertThat(SlidingWindow.maxInWindow(requests, Duration.ofHours(1))).isEqualTo(3);
        assertThat(SlidingWindow.maxInWindow(List.of(), Duration.ofHours(1))).isZero();
    }
}
