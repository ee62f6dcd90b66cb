package dev.leadbridge.core.resilience;

import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.ConnectionOptions;
import dev.leadbridge.core.api.RateLimitSpec;
import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.error.ErrorDetails;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The resilience settings of one connection: retry, circuit breaker, rate limiter (with adaptive pacing) and
 * bulkhead. Immutable and validated: every builder method rejects a bad value at once with a message naming the
 * setting, and the constructor re-checks the whole (so a record built directly is valid too). Build one with
 * {@link #custom()} or {@link #from(ResilienceSettings)}, take {@link #ofDefaults()}, or read a connection's
 * properties with {@link #forConnection(ConnectionConfig, Optional)}. The property names are the
 * {@link ConnectionOptions} keys shown on each component; the defaults are the {@code DEFAULT_*} constants.
 *
 * @param retryMaxAttempts       {@code retry.max-attempts}: attempts of a call in all, 1 disables retries
 * @param retryInitialBackoff    {@code retry.initial-backoff}: wait before the first retry; doubled for each
 *                               further retry, with &plusmn;50% jitter
 * @param retryMaxBackoff        {@code retry.max-backoff}: the longest backoff between two attempts
 * @param retryMaxWait           {@code retry.max-wait}: the longest {@code Retry-After} (or {@code X-RateLimit-Reset})
 *                               wait honoured; a longer one fails the call at once
 * @param retryMaxDuration       {@code retry.max-duration}: the longest a call keeps retrying: no retry starts when
 *                               its wait would end later than this after the call's first attempt began
 * @param breakerFailureRate     {@code circuit-breaker.failure-rate}: percentage of failed calls (1..100) that opens
 *                               the breaker
 * @param breakerMinimumCalls    {@code circuit-breaker.minimum-calls}: calls needed before the rate is judged
 * @param breakerWindowSize      {@code circuit-breaker.window-size}: the number of latest calls the rate is taken over
 * @param breakerOpenDuration    {@code circuit-breaker.open-duration}: how long the breaker fails fast before probing
 * @param breakerHalfOpenCalls   {@code circuit-breaker.half-open-calls}: probe calls while half-open
 * @param rateLimit              {@code rate-limit.requests} per {@code rate-limit.period}: the local rate limit, or
 *                               null when off
 * @param rateLimitMaxWait       {@code rate-limit.max-wait}: the longest a call waits for the rate limit (local limiter
 *                               or the provider's reported budget) before failing at once
 * @param rateLimitSlowDownBelow {@code rate-limit.slow-down-below}: percentage of the provider's reported budget
 *                               ({@code X-RateLimit-Remaining} of {@code -Limit}) at or below which calls are spread
 *                               evenly until the reset; 0 switches adaptive pacing off
 * @param bulkheadMaxConcurrent  {@code bulkhead.max-concurrent}: the most concurrent calls on the connection
 * @param bulkheadMaxWait        {@code bulkhead.max-wait}: the longest a call waits for a free slot
 */
public record ResilienceSettings(int retryMaxAttempts,
                                 Duration retryInitialBackoff,
                                 Duration retryMaxBackoff,
                                 Duration retryMaxWait,
                                 Duration retryMaxDuration,
                                 int breakerFailureRate,
                                 int breakerMinimumCalls,
                                 int breakerWindowSize,
                                 Duration breakerOpenDuration,
                                 int breakerHalfOpenCalls,
                                 RateLimitSpec rateLimit,
                                 Duration rateLimitMaxWait,
                                 int rateLimitSlowDownBelow,
                                 int bulkheadMaxConcurrent,
                                 Duration bulkheadMaxWait) {

    /**
     * Default {@code retry.max-attempts}: 12 (the first call and eleven retries). At 20% independent transient
     * faults a call is lost with probability 0.2^12 = 4.1e-9, so a 100-page export loses a page with probability
     * 4.1e-7 and a 1,000-page one 4.1e-6 ({@code docs/resilience.md}).
     */
    public static final int DEFAULT_RETRY_MAX_ATTEMPTS = 12;
    /** Default {@code retry.initial-backoff}: 200ms. */
    public static final Duration DEFAULT_RETRY_INITIAL_BACKOFF = Duration.ofMillis(200);
    /** Default {@code retry.max-backoff}: 10s. */
    public static final Duration DEFAULT_RETRY_MAX_BACKOFF = Duration.ofSeconds(10);
    /** Default {@code retry.max-wait}: 60s. */
    public static final Duration DEFAULT_RETRY_MAX_WAIT = Duration.ofSeconds(60);
    /**
     * Default {@code retry.max-duration}: 2m. With it a call ends at most 2m plus one request's deadline
     * (connect-timeout + read-timeout) after it began, however the provider fails.
     */
    public static final Duration DEFAULT_RETRY_MAX_DURATION = Duration.ofMinutes(2);
    /** The factor the backoff grows by per retry (fixed). */
    public static final double RETRY_BACKOFF_MULTIPLIER = 2.0;
    /** The jitter of each backoff: a random factor within &plusmn;50% (fixed). */
    public static final double RETRY_JITTER = 0.5;
    /** Default {@code circuit-breaker.failure-rate}: 50 (percent). */
    public static final int DEFAULT_BREAKER_FAILURE_RATE = 50;
    /**
     * Default {@code circuit-breaker.minimum-calls}: 50. The breaker counts attempts; over fewer, 20% independent
     * faults would reach a 50% failure rate now and then (with 10 of 20: in about one 130-attempt export in ten)
     * and fail calls that retries would have carried.
     */
    public static final int DEFAULT_BREAKER_MINIMUM_CALLS = 50;
    /** Default {@code circuit-breaker.window-size}: 100 (attempts). */
    public static final int DEFAULT_BREAKER_WINDOW_SIZE = 100;
    /** Default {@code circuit-breaker.open-duration}: 30s. */
    public static final Duration DEFAULT_BREAKER_OPEN_DURATION = Duration.ofSeconds(30);
    /** Default {@code circuit-breaker.half-open-calls}: 3. */
    public static final int DEFAULT_BREAKER_HALF_OPEN_CALLS = 3;
    /** Default {@code rate-limit.max-wait}: 15m. */
    public static final Duration DEFAULT_RATE_LIMIT_MAX_WAIT = Duration.ofMinutes(15);
    /** Default {@code rate-limit.slow-down-below}: 10 (percent of the reported budget). */
    public static final int DEFAULT_RATE_LIMIT_SLOW_DOWN_BELOW = 10;
    /** Default {@code bulkhead.max-concurrent}: 10. */
    public static final int DEFAULT_BULKHEAD_MAX_CONCURRENT = 10;
    /** Default {@code bulkhead.max-wait}: 30s. */
    public static final Duration DEFAULT_BULKHEAD_MAX_WAIT = Duration.ofSeconds(30);

    private static final ResilienceSettings DEFAULTS = new Builder().build();

    /**
     * Validates every component.
     *
     * @throws IllegalArgumentException naming the first setting out of range
     * @throws NullPointerException     when a duration is null
     */
    public ResilienceSettings {
        atLeast(ConnectionOptions.RETRY_MAX_ATTEMPTS, retryMaxAttempts, 1);
        atLeastOneMilli(ConnectionOptions.RETRY_INITIAL_BACKOFF, retryInitialBackoff);
        atLeastOneMilli(ConnectionOptions.RETRY_MAX_BACKOFF, retryMaxBackoff);
        if (retryMaxBackoff.compareTo(retryInitialBackoff) < 0) {
            throw new IllegalArgumentException(ConnectionOptions.RETRY_MAX_BACKOFF + " (" + retryMaxBackoff
                    + ") must not be shorter than " + ConnectionOptions.RETRY_INITIAL_BACKOFF + " ("
                    + retryInitialBackoff + ")");
        }
        notNegative(ConnectionOptions.RETRY_MAX_WAIT, retryMaxWait);
        notNegative(ConnectionOptions.RETRY_MAX_DURATION, retryMaxDuration);
        between(ConnectionOptions.BREAKER_FAILURE_RATE, breakerFailureRate, 1, 100);
        atLeast(ConnectionOptions.BREAKER_MINIMUM_CALLS, breakerMinimumCalls, 1);
        atLeast(ConnectionOptions.BREAKER_WINDOW_SIZE, breakerWindowSize, 1);
        if (breakerMinimumCalls > breakerWindowSize) {
            throw new IllegalArgumentException(ConnectionOptions.BREAKER_MINIMUM_CALLS + " (" + breakerMinimumCalls
                    + ") must not exceed " + ConnectionOptions.BREAKER_WINDOW_SIZE + " (" + breakerWindowSize + ")");
        }
        atLeastOneMilli(ConnectionOptions.BREAKER_OPEN_DURATION, breakerOpenDuration);
        atLeast(ConnectionOptions.BREAKER_HALF_OPEN_CALLS, breakerHalfOpenCalls, 1);
        notNegative(ConnectionOptions.RATE_LIMIT_MAX_WAIT, rateLimitMaxWait);
        between(ConnectionOptions.RATE_LIMIT_SLOW_DOWN_BELOW, rateLimitSlowDownBelow, 0, 100);
        atLeast(ConnectionOptions.BULKHEAD_MAX_CONCURRENT, bulkheadMaxConcurrent, 1);
        notNegative(ConnectionOptions.BULKHEAD_MAX_WAIT, bulkheadMaxWait);
    }

    /** The defaults: the {@code DEFAULT_*} constants, no local rate limit. */
    public static ResilienceSettings ofDefaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder custom() {
        return new Builder();
    }

    /** A builder starting from {@code base}. */
    public static Builder from(ResilienceSettings base) {
        return new Builder(base);
    }

    /** The local rate limit, empty when off. */
    public Optional<RateLimitSpec> rateLimitSpec() {
        return Optional.ofNullable(rateLimit);
    }

    /**
     * Reads a connection's resilience options (see {@link ConnectionOptions}), with the defaults for what it leaves
     * out and the provider's published rate limit as the default local rate limit.
     *
     * @param config    the connection
     * @param published the provider's published limit ({@code LeadProviderFactory.publishedRateLimit()})
     * @throws ConfigurationException naming the key whose value is not usable
     */
    public static ResilienceSettings forConnection(ConnectionConfig config, Optional<RateLimitSpec> published) {
        Objects.requireNonNull(config, "config");
        Builder b = custom();
        apply(config, ConnectionOptions.RETRY_MAX_ATTEMPTS,
                () -> b.retryMaxAttempts(config.integer(ConnectionOptions.RETRY_MAX_ATTEMPTS, 0)));
        apply(config, ConnectionOptions.RETRY_INITIAL_BACKOFF,
                () -> b.retryInitialBackoff(config.duration(ConnectionOptions.RETRY_INITIAL_BACKOFF, null)));
        apply(config, ConnectionOptions.RETRY_MAX_BACKOFF,
                () -> b.retryMaxBackoff(config.duration(ConnectionOptions.RETRY_MAX_BACKOFF, null)));
        apply(config, ConnectionOptions.RETRY_MAX_WAIT,
                () -> b.retryMaxWait(config.duration(ConnectionOptions.RETRY_MAX_WAIT, null)));
        apply(config, ConnectionOptions.RETRY_MAX_DURATION,
                () -> b.retryMaxDuration(config.duration(ConnectionOptions.RETRY_MAX_DURATION, null)));
        apply(config, ConnectionOptions.BREAKER_FAILURE_RATE,
                () -> b.breakerFailureRate(config.integer(ConnectionOptions.BREAKER_FAILURE_RATE, 0)));
        apply(config, ConnectionOptions.BREAKER_MINIMUM_CALLS,
                () -> b.breakerMinimumCalls(config.integer(ConnectionOptions.BREAKER_MINIMUM_CALLS, 0)));
        apply(config, ConnectionOptions.BREAKER_WINDOW_SIZE,
                () -> b.breakerWindowSize(config.integer(ConnectionOptions.BREAKER_WINDOW_SIZE, 0)));
        apply(config, ConnectionOptions.BREAKER_OPEN_DURATION,
                () -> b.breakerOpenDuration(config.duration(ConnectionOptions.BREAKER_OPEN_DURATION, null)));
        apply(config, ConnectionOptions.BREAKER_HALF_OPEN_CALLS,
                () -> b.breakerHalfOpenCalls(config.integer(ConnectionOptions.BREAKER_HALF_OPEN_CALLS, 0)));
        apply(config, ConnectionOptions.RATE_LIMIT_MAX_WAIT,
                () -> b.rateLimitMaxWait(config.duration(ConnectionOptions.RATE_LIMIT_MAX_WAIT, null)));
        apply(config, ConnectionOptions.RATE_LIMIT_SLOW_DOWN_BELOW,
                () -> b.rateLimitSlowDownBelow(config.integer(ConnectionOptions.RATE_LIMIT_SLOW_DOWN_BELOW, 0)));
        apply(config, ConnectionOptions.BULKHEAD_MAX_CONCURRENT,
                () -> b.bulkheadMaxConcurrent(config.integer(ConnectionOptions.BULKHEAD_MAX_CONCURRENT, 0)));
        apply(config, ConnectionOptions.BULKHEAD_MAX_WAIT,
                () -> b.bulkheadMaxWait(config.duration(ConnectionOptions.BULKHEAD_MAX_WAIT, null)));
        b.rateLimit(rateLimit(config, published == null ? Optional.empty() : published));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("connection '" + config.name() + "': " + e.getMessage(),
                    ErrorDetails.of(config.provider(), config.name()), e);
        }
    }

    /** Reads a connection's resilience options for a provider that publishes no rate limit. */
    public static ResilienceSettings forConnection(ConnectionConfig config) {
        return forConnection(config, Optional.empty());
    }

    private static RateLimitSpec rateLimit(ConnectionConfig config, Optional<RateLimitSpec> published) {
        String requestsKey = ConnectionOptions.RATE_LIMIT_REQUESTS;
        String periodKey = ConnectionOptions.RATE_LIMIT_PERIOD;
        ErrorDetails where = ErrorDetails.of(config.provider(), config.name());
        if (config.option(requestsKey) == null) {
            if (config.option(periodKey) != null) {
                throw new ConfigurationException("'connections." + config.name() + "." + periodKey + "' needs '"
                        + "connections." + config.name() + "." + requestsKey + "' too", where);
            }
            return published.orElse(null);
        }
        int requests = config.integer(requestsKey, 0);
        if (requests < 0) {
            throw new ConfigurationException("'connections." + config.name() + "." + requestsKey
                    + "' must be 0 (off) or more, was " + requests, where);
        }
        if (requests == 0) {
            return null;
        }
        Duration period = config.duration(periodKey, published.map(RateLimitSpec::period).orElse(null));
        if (period == null) {
            throw new ConfigurationException("'connections." + config.name() + "." + requestsKey + "' needs '"
                    + "connections." + config.name() + "." + periodKey + "' (e.g. 1m or 1h): the provider publishes"
                    + " no rate limit to take the period from", where);
        }
        try {
            return RateLimitSpec.of(requests, period);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("'connections." + config.name() + "." + periodKey + "': "
                    + e.getMessage(), where, e);
        }
    }

    private static void apply(ConnectionConfig config, String key, Runnable setter) {
        if (config.option(key) == null) {
            return;
        }
        try {
            setter.run();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("'connections." + config.name() + "." + key + "': " + e.getMessage(),
                    ErrorDetails.of(config.provider(), config.name()), e);
        }
    }

    private static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
        }
        return value;
    }

    private static int between(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    private static Duration notNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }

    private static Duration atLeastOneMilli(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.toMillis() < 1) {
            throw new IllegalArgumentException(name + " must be at least 1ms, was " + value);
        }
        return value;
    }

    /**
     * Builds {@link ResilienceSettings}; each method checks its argument at once and throws
     * {@link IllegalArgumentException} naming the setting. Not thread-safe.
     */
    public static final class Builder {
        private int retryMaxAttempts = DEFAULT_RETRY_MAX_ATTEMPTS;
        private Duration retryInitialBackoff = DEFAULT_RETRY_INITIAL_BACKOFF;
        private Duration retryMaxBackoff = DEFAULT_RETRY_MAX_BACKOFF;
        private Duration retryMaxWait = DEFAULT_RETRY_MAX_WAIT;
        private Duration retryMaxDuration = DEFAULT_RETRY_MAX_DURATION;
        private int breakerFailureRate = DEFAULT_BREAKER_FAILURE_RATE;
        private int breakerMinimumCalls = DEFAULT_BREAKER_MINIMUM_CALLS;
        private int breakerWindowSize = DEFAULT_BREAKER_WINDOW_SIZE;
        private Duration breakerOpenDuration = DEFAULT_BREAKER_OPEN_DURATION;
        private int breakerHalfOpenCalls = DEFAULT_BREAKER_HALF_OPEN_CALLS;
        private RateLimitSpec rateLimit;
        private Duration rateLimitMaxWait = DEFAULT_RATE_LIMIT_MAX_WAIT;
        private int rateLimitSlowDownBelow = DEFAULT_RATE_LIMIT_SLOW_DOWN_BELOW;
        private int bulkheadMaxConcurrent = DEFAULT_BULKHEAD_MAX_CONCURRENT;
        private Duration bulkheadMaxWait = DEFAULT_BULKHEAD_MAX_WAIT;

        private Builder() {
        }

        private Builder(ResilienceSettings base) {
            Objects.requireNonNull(base, "base");
            retryMaxAttempts = base.retryMaxAttempts;
            retryInitialBackoff = base.retryInitialBackoff;
            retryMaxBackoff = base.retryMaxBackoff;
            retryMaxWait = base.retryMaxWait;
            retryMaxDuration = base.retryMaxDuration;
            breakerFailureRate = base.breakerFailureRate;
            breakerMinimumCalls = base.breakerMinimumCalls;
            breakerWindowSize = base.breakerWindowSize;
            breakerOpenDuration = base.breakerOpenDuration;
            breakerHalfOpenCalls = base.breakerHalfOpenCalls;
            rateLimit = base.rateLimit;
            rateLimitMaxWait = base.rateLimitMaxWait;
            rateLimitSlowDownBelow = base.rateLimitSlowDownBelow;
            bulkheadMaxConcurrent = base.bulkheadMaxConcurrent;
            bulkheadMaxWait = base.bulkheadMaxWait;
        }

        /** Attempts of a call in all (at least 1; 1 disables retries). */
        public Builder retryMaxAttempts(int attempts) {
            this.retryMaxAttempts = atLeast(ConnectionOptions.RETRY_MAX_ATTEMPTS, attempts, 1);
            return this;
        }

        /**
         * The longest a call keeps retrying, from its first attempt (not negative; zero allows no retry wait). A
         * retry whose wait would end later is not made.
         */
        public Builder retryMaxDuration(Duration maxDuration) {
            this.retryMaxDuration = notNegative(ConnectionOptions.RETRY_MAX_DURATION, maxDuration);
            return this;
        }

        /** The wait before the first retry (at least 1ms). */
        public Builder retryInitialBackoff(Duration backoff) {
            this.retryInitialBackoff = atLeastOneMilli(ConnectionOptions.RETRY_INITIAL_BACKOFF, backoff);
            return this;
        }

        /** The longest backoff between two attempts (at least 1ms, not below the initial backoff when built). */
        public Builder retryMaxBackoff(Duration backoff) {
            this.retryMaxBackoff = atLeastOneMilli(ConnectionOptions.RETRY_MAX_BACKOFF, backoff);
            return this;
        }

        /** The longest {@code Retry-After} honoured; a longer one fails the call at once (not negative). */
        public Builder retryMaxWait(Duration maxWait) {
            this.retryMaxWait = notNegative(ConnectionOptions.RETRY_MAX_WAIT, maxWait);
            return this;
        }

        /** The failure percentage (1..100) that opens the breaker. */
        public Builder breakerFailureRate(int percent) {
            this.breakerFailureRate = between(ConnectionOptions.BREAKER_FAILURE_RATE, percent, 1, 100);
            return this;
        }

        /** The calls needed before the breaker judges the failure rate (at least 1, at most the window size). */
        public Builder breakerMinimumCalls(int calls) {
            this.breakerMinimumCalls = atLeast(ConnectionOptions.BREAKER_MINIMUM_CALLS, calls, 1);
            return this;
        }

        /** The number of latest calls the failure rate is taken over (at least 1). */
        public Builder breakerWindowSize(int calls) {
            this.breakerWindowSize = atLeast(ConnectionOptions.BREAKER_WINDOW_SIZE, calls, 1);
            return this;
        }

        /** How long the open breaker fails fast before it lets probe calls through (at least 1ms). */
        public Builder breakerOpenDuration(Duration duration) {
            this.breakerOpenDuration = atLeastOneMilli(ConnectionOptions.BREAKER_OPEN_DURATION, duration);
            return this;
        }

        /** The probe calls let through while half-open (at least 1). */
        public Builder breakerHalfOpenCalls(int calls) {
            this.breakerHalfOpenCalls = atLeast(ConnectionOptions.BREAKER_HALF_OPEN_CALLS, calls, 1);
            return this;
        }

        /** The local rate limit; null switches it off. */
        public Builder rateLimit(RateLimitSpec limit) {
            this.rateLimit = limit;
            return this;
        }

        /** The local rate limit: at most {@code requests} calls per {@code period}. */
        public Builder rateLimit(int requests, Duration period) {
            return rateLimit(RateLimitSpec.of(requests, period));
        }

        /** Switches the local rate limit off (adaptive pacing on the provider's reported budget stays). */
        public Builder noRateLimit() {
            return rateLimit(null);
        }

        /** The longest a call waits for the rate limit before failing at once (not negative). */
        public Builder rateLimitMaxWait(Duration maxWait) {
            this.rateLimitMaxWait = notNegative(ConnectionOptions.RATE_LIMIT_MAX_WAIT, maxWait);
            return this;
        }

        /** The percentage (0..100) of the provider's reported budget below which calls are paced; 0 is off. */
        public Builder rateLimitSlowDownBelow(int percent) {
            this.rateLimitSlowDownBelow = between(ConnectionOptions.RATE_LIMIT_SLOW_DOWN_BELOW, percent, 0, 100);
            return this;
        }

        /** The most concurrent calls on the connection (at least 1). */
        public Builder bulkheadMaxConcurrent(int calls) {
            this.bulkheadMaxConcurrent = atLeast(ConnectionOptions.BULKHEAD_MAX_CONCURRENT, calls, 1);
            return this;
        }

        /** The longest a call waits for a free bulkhead slot (not negative). */
        public Builder bulkheadMaxWait(Duration maxWait) {
            this.bulkheadMaxWait = notNegative(ConnectionOptions.BULKHEAD_MAX_WAIT, maxWait);
            return this;
        }

        /**
         * Builds the settings.
         *
         * @throws IllegalArgumentException when two settings conflict (minimum calls above the window size, maximum
         *                                  backoff below the initial one), naming both
         */
        public ResilienceSettings build() {
            return new ResilienceSettings(retryMaxAttempts, retryInitialBackoff, retryMaxBackoff, retryMaxWait,
                    retryMaxDuration, breakerFailureRate, breakerMinimumCalls, breakerWindowSize, breakerOpenDuration,
                    breakerHalfOpenCalls, rateLimit, rateLimitMaxWait, rateLimitSlowDownBelow, bulkheadMaxConcurrent,
                    bulkheadMaxWait);
        }
    }
}
