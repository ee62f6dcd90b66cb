package dev.leadbridge.core.cache;

import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.ConnectionOptions;
import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.error.ErrorDetails;
import java.time.Duration;
import java.util.Objects;

/**
 * The get-by-id cache settings of one connection. The cache is always bounded ({@link #maxSize()}) and entries
 * always expire ({@link #ttl()} after they were written); list pages and streams are never cached. Immutable and
 * validated; build with {@link #custom()}, take {@link #ofDefaults()} or {@link #disabled()}, or read a connection's
 * properties with {@link #forConnection(ConnectionConfig)}.
 *
 * @param enabled     {@code cache.enabled}: whether get-by-id results are cached
 * @param maxSize     {@code cache.max-size}: the most cached leads (at least 1)
 * @param ttl         {@code cache.ttl}: how long a lead stays cached after it was fetched (at least 1ms)
 * @param notFoundTtl {@code cache.not-found-ttl}: how long a "not found" answer is cached; zero, the default, caches
 *                    none
 */
public record CacheSettings(boolean enabled, int maxSize, Duration ttl, Duration notFoundTtl) {

    /** Default {@code cache.enabled}: true. */
    public static final boolean DEFAULT_ENABLED = true;
    /** Default {@code cache.max-size}: 10,000 leads. */
    public static final int DEFAULT_MAX_SIZE = 10_000;
    /** Default {@code cache.ttl}: 60s. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
    /** Default {@code cache.not-found-ttl}: 0 (not-found answers are not cached). */
    public static final Duration DEFAULT_NOT_FOUND_TTL = Duration.ZERO;

    private static final CacheSettings DEFAULTS = new Builder().build();
    private static final CacheSettings DISABLED = new Builder().enabled(false).build();

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException naming the setting out of range
     */
    public CacheSettings {
        Objects.requireNonNull(ttl, ConnectionOptions.CACHE_TTL);
        Objects.requireNonNull(notFoundTtl, ConnectionOptions.CACHE_NOT_FOUND_TTL);
        checkMaxSize(maxSize);
        checkTtl(ttl);
        checkNotFoundTtl(notFoundTtl);
    }

    /** The defaults: enabled, 10,000 leads, 60s, no not-found caching. */
    public static CacheSettings ofDefaults() {
        return DEFAULTS;
    }

    /** No caching at all. */
    public static CacheSettings disabled() {
        return DISABLED;
    }

    /** A builder starting from the defaults. */
    public static Builder custom() {
        return new Builder();
    }

    /** A builder starting from {@code base}. */
    public static Builder from(CacheSettings base) {
        return new Builder(base);
    }

    /** Whether "not found" answers are cached. */
    public boolean cachesNotFound() {
        return enabled && !notFoundTtl.isZero();
    }

    /**
     * Reads a connection's cache options ({@code cache.*}), with the defaults for what it leaves out.
     *
     * @throws ConfigurationException naming the key whose value is not usable
     */
    public static CacheSettings forConnection(ConnectionConfig config) {
        Objects.requireNonNull(config, "config");
        ErrorDetails where = ErrorDetails.of(config.provider(), config.name());
        Builder b = custom();
        String key = null;
        try {
            key = ConnectionOptions.CACHE_ENABLED;
            b.enabled(config.flag(key, DEFAULT_ENABLED));
            key = ConnectionOptions.CACHE_MAX_SIZE;
            b.maxSize(config.integer(key, DEFAULT_MAX_SIZE));
            key = ConnectionOptions.CACHE_TTL;
            b.ttl(config.duration(key, DEFAULT_TTL));
            key = ConnectionOptions.CACHE_NOT_FOUND_TTL;
            b.notFoundTtl(config.duration(key, DEFAULT_NOT_FOUND_TTL));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("'connections." + config.name() + "." + key + "': " + e.getMessage(),
                    where, e);
        }
        return b.build();
    }

    private static int checkMaxSize(int maxSize) {
        if (maxSize < 1) {
            throw new IllegalArgumentException(ConnectionOptions.CACHE_MAX_SIZE + " must be at least 1, was "
                    + maxSize);
        }
        return maxSize;
    }

    private static Duration checkTtl(Duration ttl) {
        Objects.requireNonNull(ttl, ConnectionOptions.CACHE_TTL);
        if (ttl.toMillis() < 1) {
            throw new IllegalArgumentException(ConnectionOptions.CACHE_TTL + " must be at least 1ms, was " + ttl);
        }
        return ttl;
    }

    private static Duration checkNotFoundTtl(Duration ttl) {
        Objects.requireNonNull(ttl, ConnectionOptions.CACHE_NOT_FOUND_TTL);
        if (ttl.isNegative()) {
            throw new IllegalArgumentException(ConnectionOptions.CACHE_NOT_FOUND_TTL + " must not be negative, was "
                    + ttl);
        }
        return ttl;
    }

    /**
     * Builds {@link CacheSettings}; each method checks its argument at once and throws
     * {@link IllegalArgumentException} naming the setting. Not thread-safe.
     */
    public static final class Builder {
        private boolean enabled = DEFAULT_ENABLED;
        private int maxSize = DEFAULT_MAX_SIZE;
        private Duration ttl = DEFAULT_TTL;
        private Duration notFoundTtl = DEFAULT_NOT_FOUND_TTL;

        private Builder() {
        }

        private Builder(CacheSettings base) {
            Objects.requireNonNull(base, "base");
            enabled = base.enabled;
            maxSize = base.maxSize;
            ttl = base.ttl;
            notFoundTtl = base.notFoundTtl;
        }

        /** Whether get-by-id results are cached. */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** The most cached leads (at least 1). */
        public Builder maxSize(int maxSize) {
            this.maxSize = checkMaxSize(maxSize);
            return this;
        }

        /** How long a lead stays cached after it was fetched (at least 1ms). */
        public Builder ttl(Duration ttl) {
            this.ttl = checkTtl(ttl);
            return this;
        }

        /** How long a "not found" answer is cached; zero caches none. */
        public Builder notFoundTtl(Duration ttl) {
            this.notFoundTtl = checkNotFoundTtl(ttl);
            return this;
        }

        /** Builds the settings. */
        public CacheSettings build() {
            return new CacheSettings(enabled, maxSize, ttl, notFoundTtl);
        }
    }
}
