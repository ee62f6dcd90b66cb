package dev.leadbridge.core.resilience.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlidingWindowLimiterTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void callsWithinTheLimitGoAtOnce() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(3, HOUR);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.reserve(T0, Duration.ZERO).time()).isEqualTo(T0);
        }
        assertThat(limiter.available(T0)).isZero();
    }

    @Test
    void theCallBeyondTheLimitWaitsUntilTheOldestPermitLeavesTheWindowCountedFromItsCompletion() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(2, HOUR);
        SlidingWindowLimiter.Slot first = limiter.reserve(T0, Duration.ZERO);
        limiter.complete(first, T0.plusSeconds(10));
        limiter.complete(limiter.reserve(T0.plusSeconds(20), Duration.ZERO), T0.plusSeconds(21));
        SlidingWindowLimiter.Slot third = limiter.reserve(T0.plusSeconds(30), Duration.ofHours(2));
        assertThat(third.time()).isEqualTo(T0.plusSeconds(10).plus(HOUR));
    }

    @Test
    void aWindowBoundaryNeverLetsMoreThanTheLimitIntoAnySlidingWindow() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(5, Duration.ofMinutes(1));
        java.util.List<Instant> sent = new java.util.ArrayList<>();
        Instant now = T0.plusSeconds(55);
        for (int i = 0; i < 40; i++) {
            SlidingWindowLimiter.Slot slot = limiter.reserve(now, Duration.ofHours(1));
            sent.add(slot.time());
            limiter.complete(slot, slot.time());
            now = now.plusSeconds(1);
        }
        for (Instant start : sent) {
            long inWindow = sent.stream().filter(t -> !t.isBefore(start) && t.isBefore(start.plusSeconds(60))).count();
            assertThat(inWindow).isLessThanOrEqualTo(5);
        }
    }

    @Test
    void aSlotBeyondTheMaximumWaitReservesNothing() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(1, HOUR);
        limiter.reserve(T0, Duration.ZERO);
        assertThat(limiter.reserve(T0, Duration.ofMinutes(59))).isNull();
        assertThat(limiter.available(T0)).isZero();
        assertThat(limiter.available(T0.plus(HOUR))).isEqualTo(1);
    }

    @Test
    void aCancelledPermitIsGivenBack() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(1, HOUR);
        limiter.cancel(limiter.reserve(T0, Duration.ZERO));
        assertThat(limiter.available(T0)).isEqualTo(1);
        assertThat(limiter.reserve(T0, Duration.ZERO).time()).isEqualTo(T0);
    }

    @Test
    void aLimitBelowOneOrAnEmptyPeriodIsRefused() {
        assertThatThrownBy(() -> new SlidingWindowLimiter(0, HOUR)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SlidingWindowLimiter(1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
