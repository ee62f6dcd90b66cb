package dev.leadbridge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FloorTest {

    @Test
    void firstPageThenTheRestConcurrencyAtATime() {
        // given 10,000 leads in pages of 100: 100 pages, the first alone, then 99 ten at a time
        int pages = Floor.pages(10_000, 100);

        // when / then
        assertThat(pages).isEqualTo(100);
        assertThat(Floor.criticalPathRoundTrips(pages, 10)).isEqualTo(11);
        assertThat(Floor.criticalPathRoundTrips(pages, 1)).isEqualTo(100);
        assertThat(Floor.criticalPathRoundTrips(pages, 99)).isEqualTo(2);
        assertThat(Floor.criticalPathRoundTrips(1, 16)).isEqualTo(1);
    }

    @Test
    void floorIsTheRoundTripsTimesTheLatency() {
        assertThat(Floor.floor(10_000, 100, 16, Duration.ofMillis(20))).isEqualTo(Duration.ofMillis(160));
        assertThat(Floor.floor(0, 100, 16, Duration.ofMillis(20))).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> Floor.pages(10, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Floor.criticalPathRoundTrips(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
