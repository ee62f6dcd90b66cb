package dev.leadbridge.core.api;

import java.util.Set;

/**
 * The optional per-connection keys every provider accepts (besides {@code provider}, {@code base-url} and
 * {@code api-key}), as written after {@code connections.<name>.} in a configuration file. Keys starting with
 * {@link #STATUS_PREFIX} override the status mapping. Defaults are documented in the README.
 */
public final class ConnectionOptions {

    /** Region for phone numbers without a country code, e.g. {@code NL}. */
    public static final String DEFAULT_REGION = "default-region";
    /** Prefix of status-mapping overrides: {@code status.<raw> = CATEGORY}. */
    public static final String STATUS_PREFIX = "status.";
    /** Connect timeout, e.g. {@code 5s}. */
    public static final String CONNECT_TIMEOUT = "connect-timeout";
    /** Read (response) timeout, e.g. {@code 30s}. */
    public static final String READ_TIMEOUT = "read-timeout";
    /** Attempts of an idempotent call in all, 1 disables retries. */
    public static final String RETRY_MAX_ATTEMPTS = "retry.max-attempts";
    /** First retry backoff, doubled each attempt with jitter. */
    public static final String RETRY_INITIAL_BACKOFF = "retry.initial-backoff";
    /** Longest backoff between two attempts (the doubling stops there). */
    public static final String RETRY_MAX_BACKOFF = "retry.max-backoff";
    /** Longest wait the provider may ask for (Retry-After) before the call fails at once. */
    public static final String RETRY_MAX_WAIT = "retry.max-wait";
    /** Longest a call keeps retrying, from its first attempt, e.g. {@code 2m}. */
    public static final String RETRY_MAX_DURATION = "retry.max-duration";
    /** Failure rate (percent) that opens the circuit breaker. */
    public static final String BREAKER_FAILURE_RATE = "circuit-breaker.failure-rate";
    /** Calls the breaker needs before it judges the failure rate. */
    public static final String BREAKER_MINIMUM_CALLS = "circuit-breaker.minimum-calls";
    /** How many of the latest calls the breaker judges the failure rate over. */
    public static final String BREAKER_WINDOW_SIZE = "circuit-breaker.window-size";
    /** How long the breaker stays open before probing. */
    public static final String BREAKER_OPEN_DURATION = "circuit-breaker.open-duration";
    /** Probe calls let through while half-open; all must succeed to close the breaker. */
    public static final String BREAKER_HALF_OPEN_CALLS = "circuit-breaker.half-open-calls";
    /** Requests allowed per rate-limit period; 0 switches the limiter off. */
    public static final String RATE_LIMIT_REQUESTS = "rate-limit.requests";
    /** The rate-limit period, e.g. {@code 1h}. */
    public static final String RATE_LIMIT_PERIOD = "rate-limit.period";
    /** Longest a call waits for the rate limit (local limiter or provider budget) before failing at once. */
    public static final String RATE_LIMIT_MAX_WAIT = "rate-limit.max-wait";
    /** Percentage of the provider's reported budget below which calls are paced until its reset; 0 switches off. */
    public static final String RATE_LIMIT_SLOW_DOWN_BELOW = "rate-limit.slow-down-below";
    /** Most concurrent calls on the connection. */
    public static final String BULKHEAD_MAX_CONCURRENT = "bulkhead.max-concurrent";
    /** Longest a call waits for a free slot in the bulkhead before failing. */
    public static final String BULKHEAD_MAX_WAIT = "bulkhead.max-wait";
    /** Pages fetched concurrently when a listing reports its page count. */
    public static final String PAGE_CONCURRENCY = "page-concurrency";
    /** Whether get-by-id results are cached. */
    public static final String CACHE_ENABLED = "cache.enabled";
    /** Most cached leads. */
    public static final String CACHE_MAX_SIZE = "cache.max-size";
    /** How long a cached lead stays. */
    public static final String CACHE_TTL = "cache.ttl";
    /** How long a not-found answer is cached; 0 disables. */
    public static final String CACHE_NOT_FOUND_TTL = "cache.not-found-ttl";
    /** Percentage (1 to 100) of the key's hourly budget that incremental sync's reconcile and refresh may spend. */
    public static final String SYNC_RECONCILE_SHARE = "sync.reconcile-share";
    /** How long one whole reconcile (or refresh) pass over a connection's older leads may take. */
    public static final String SYNC_FULL_PASS_INTERVAL = "sync.full-pass-interval";
    /**
     * The secret (several, comma-separated, during a rotation) that webhooks of the connection are verified with; a
     * secret like the API key, never shown. Read only by the providers that have webhooks (see
     * {@link WebhookReader}), so it is not in {@link #KEYS}.
     */
    public static final String WEBHOOK_SECRET = "webhook-secret";

    /** Every common option key (status overrides aside). */
    public static final Set<String> KEYS = Set.of(DEFAULT_REGION, CONNECT_TIMEOUT, READ_TIMEOUT, RETRY_MAX_ATTEMPTS,
            RETRY_INITIAL_BACKOFF, RETRY_MAX_BACKOFF, RETRY_MAX_WAIT, RETRY_MAX_DURATION, BREAKER_FAILURE_RATE, BREAKER_MINIMUM_CALLS,
            BREAKER_WINDOW_SIZE, BREAKER_OPEN_DURATION, BREAKER_HALF_OPEN_CALLS, RATE_LIMIT_REQUESTS,
            RATE_LIMIT_PERIOD, RATE_LIMIT_MAX_WAIT, RATE_LIMIT_SLOW_DOWN_BELOW, BULKHEAD_MAX_CONCURRENT,
            BULKHEAD_MAX_WAIT, PAGE_CONCURRENCY, CACHE_ENABLED, CACHE_MAX_SIZE, CACHE_TTL, CACHE_NOT_FOUND_TTL,
            SYNC_RECONCILE_SHARE, SYNC_FULL_PASS_INTERVAL);

    private ConnectionOptions() {
    }
}
