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

    @Test
    void callsStillInFlightWhenABudgetReportArrivesKeepCountingAgainstIt() {
        // given two calls in flight, then the answer of an earlier call reports 2 of 100 left
        AdaptivePacer pacer = new AdaptivePacer(clock, 10);
        Instant reset = clock.instant().plusSeconds(60);
        pacer.reserve();
        pacer.reserve();
        pacer.observe(new RateLimitStatus(100, 2, reset, 98));

        // when a third call reserves before those two answer
        Duration wait = pacer.reserve().duration();

        // then the two in flight may use up the budget, so the third waits for the reset
        assertThat(wait).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void releasedCallsNoLongerCountAgainstTheNextReport() {
        // given a call that ended before the next report
        AdaptivePacer pacer = new AdaptivePacer(clock, 10);
        pacer.reserve();
        pacer.released();
        pacer.observe(new RateLimitStatus(100, 2, clock.instant().plusSeconds(60), 98));

        // when / then: two calls are left, spread over the minute
        assertThat(pacer.reserve().duration()).isZero();
        assertThat(pacer.reserve().duration()).isEqualTo(Duration.ofSeconds(30));
    }
}
