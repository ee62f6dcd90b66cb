package dev.leadbridge.core.api;

import java.time.Duration;
import java.util.Objects;

/**
 * A request budget: at most {@code requests} calls per {@code period}, e.g. workspace-v1's published 1000 requests per
 * hour per key. Immutable.
 *
 * @param requests the calls allowed per period, at least 1
 * @param period   the period, at least one millisecond
 */
public record RateLimitSpec(int requests, Duration period) {

    /**
     * Validates the budget.
     *
     * @throws IllegalArgumentException when requests is below 1 or the period is shorter than a millisecond
     */
    public RateLimitSpec {
        Objects.requireNonNull(period, "period");
        if (requests < 1) {
            throw new IllegalArgumentException("rate limit requests must be at least 1, was " + requests);
        }
        if (period.toMillis() < 1) {
            throw new IllegalArgumentException("rate limit period must be at least 1ms, was " + period);
        }
    }

    /** At most {@code requests} calls per {@code period}. */
    public static RateLimitSpec of(int requests, Duration period) {
        return new RateLimitSpec(requests, period);
    }

    /** At most {@code requests} calls per hour. */
    public static RateLimitSpec perHour(int requests) {
        return new RateLimitSpec(requests, Duration.ofHours(1));
    }

    /** E.g. {@code 1000 requests per 1h}. */
    @Override
    public String toString() {
        return requests + " requests per " + Durations.format(period);
    }
}
