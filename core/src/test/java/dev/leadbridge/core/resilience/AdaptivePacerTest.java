package dev.leadbridge.core.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.core.RateLimitStatus;
import dev.leadbridge.core.resilience.internal.AdaptivePacer;
import dev.leadbridge.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AdaptivePacerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));

    @Test
    void callsGoAtOnceWhileTheBudgetIsAboveTheThreshold() {
        AdaptivePacer pacer = new AdaptivePacer(clock, 10);
        pacer.observe(new RateLimitStatus(1000, 101, clock.instant().plusSeconds(600), 899));
        assertThat(pacer.reserve().duration()).isZero();
    }

    @Test
    void aLowBudgetIsSpreadEvenlyUntilTheResetAndNothingLeftWaitsForIt() {
        // given 4 of 100 left, reset in 40s
        AdaptivePacer pacer = new AdaptivePacer(clock, 10);
        Instant reset = clock.instant().plusSeconds(40);
        pacer.observe(new RateLimitStatus(100, 4, reset, 96));

        // when four calls reserve without a new report, then a fifth
        Duration[] waits = new Duration[5];
        for (int i = 0; i < 5; i++) {
            waits[i] = pacer.reserve().duration();
        }

        // then
        assertThat(waits).containsExactly(Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(20),
                Duration.ofSeconds(30), Duration.ofSeconds(40));
    }

    @Test
    void aStaleReportAndPacingSwitchedOffAreIgnoredButAHoldIsNot() {
        AdaptivePacer off = new AdaptivePacer(clock, 0);
        off.observe(new RateLimitStatus(100, 0, clock.instant().plusSeconds(30), 100));
        assertThat(off.reserve().duration()).isZero();
        off.holdUntil(clock.instant().plusSeconds(5));
        assertThat(off.reserve().duration()).isEqualTo(Duration.ofSeconds(5));

        AdaptivePacer stale = new AdaptivePacer(clock, 10);
        stale.observe(new RateLimitStatus(100, 0, clock.instant().minusSeconds(1), 100));
        assertThat(stale.reserve().duration()).isZero();
    }
}
