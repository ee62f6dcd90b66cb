package dev.leadbridge.client;

import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.ConnectionOptions;
import dev.leadbridge.core.api.RateLimitSpec;
import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.error.ErrorDetails;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How much of a connection's request budget the background work of incremental sync may spend: the reconcile pass
 * that re-reads the older leads of a provider read newest first (workspace-v1), and the refresh by id of a provider
 * that cannot list (Nexor, in the store's sync). Both continue across syncs from a stored position, never spend more
 * than {@code reconcileShare} percent of {@code requestsPerHour} in any sliding hour, and spread one whole pass over
 * {@code fullPassInterval}.
 *
 * @param reconcileSharePercent {@code sync.reconcile-share}: the most of the hourly budget the reconcile spends,
 *                              1 to 100 percent; default {@value #DEFAULT_RECONCILE_SHARE}
 * @param fullPassInterval      {@code sync.full-pass-interval}: how long one whole pass over the older leads may take
 *                              (and how often one starts); default 1 hour
 * @param requestsPerHour       the key's budget per hour the share is taken of; 0 for the connection's rate limit
 *                              (workspace-v1 publishes 1000 per hour), or {@value #ASSUMED_REQUESTS_PER_HOUR} when
 *                              none is known
 */
public record SyncBudget(int reconcileSharePercent, Duration fullPassInterval, int requestsPerHour) {

    /** Default {@code sync.reconcile-share}: half of the hourly budget. */
    public static final int DEFAULT_RECONCILE_SHARE = 50;
    /** Default {@code sync.full-pass-interval}: one hour. */
    public static final Duration DEFAULT_FULL_PASS_INTERVAL = Duration.ofHours(1);
    /** The hourly budget assumed when neither the connection nor the provider states one. */
    public static final int ASSUMED_REQUESTS_PER_HOUR = 1000;

    /** The defaults: half of the connection's hourly budget, a whole pass every hour. */
    public static final SyncBudget DEFAULT = new SyncBudget(DEFAULT_RECONCILE_SHARE, DEFAULT_FULL_PASS_INTERVAL, 0);

    /** Checks the ranges. */
    public SyncBudget {
        Objects.requireNonNull(fullPassInterval, "fullPassInterval");
        if (reconcileSharePercent < 1 || reconcileSharePercent > 100) {
            throw new IllegalArgumentException("reconcileSharePercent must be between 1 and 100, was "
                    + reconcileSharePercent);
        }
        if (fullPassInterval.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("fullPassInterval must be at least one minute, was " + fullPassInterval);
        }
        if (requestsPerHour < 0) {
            throw new IllegalArgumentException("requestsPerHour must not be negative, was " + requestsPerHour);
        }
    }

    /**
     * The budget a connection's options give ({@code sync.reconcile-share}, {@code sync.full-pass-interval}), taken of
     * {@code rateLimit} (the connection's local rate limit, if any).
     *
     * @throws ConfigurationException naming the option when a value is out of range or unreadable
     */
    public static SyncBudget forConnection(ConnectionConfig config, Optional<RateLimitSpec> rateLimit) {
        int share = config.integer(ConnectionOptions.SYNC_RECONCILE_SHARE, DEFAULT_RECONCILE_SHARE);
        if (share < 1 || share > 100) {
            throw new ConfigurationException("'connections." + config.name() + "."
                    + ConnectionOptions.SYNC_RECONCILE_SHARE + "' must be a percentage between 1 and 100, was "
                    + share, ErrorDetails.of(config.provider(), config.name()));
        }
        Duration interval = config.duration(ConnectionOptions.SYNC_FULL_PASS_INTERVAL, DEFAULT_FULL_PASS_INTERVAL);
        if (interval.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new ConfigurationException("'connections." + config.name() + "."
                    + ConnectionOptions.SYNC_FULL_PASS_INTERVAL + "' must be at least 1m, was "
                    + config.option(ConnectionOptions.SYNC_FULL_PASS_INTERVAL),
                    ErrorDetails.of(config.provider(), config.name()));
        }
        return new SyncBudget(share, interval, rateLimit.map(SyncBudget::perHour).orElse(0));
    }

    /** This budget taken of {@code rateLimit} when it states none of its own. */
    public SyncBudget withRateLimit(Optional<RateLimitSpec> rateLimit) {
        if (requestsPerHour > 0 || rateLimit.isEmpty()) {
            return this;
        }
        return new SyncBudget(reconcileSharePercent, fullPassInterval, perHour(rateLimit.get()));
    }

    /** The requests the background work may make in any sliding hour. */
    public int reconcileRequestsPerHour() {
        int perHour = requestsPerHour > 0 ? requestsPerHour : ASSUMED_REQUESTS_PER_HOUR;
        return Math.max(1, (int) ((long) perHour * reconcileSharePercent / 100));
    }

    private static int perHour(RateLimitSpec spec) {
        long millis = Math.max(1, spec.period().toMillis());
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (long) spec.requests() * 3_600_000L / millis));
    }
}
