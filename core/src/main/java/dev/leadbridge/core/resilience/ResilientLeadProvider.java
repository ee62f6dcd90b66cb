package dev.leadbridge.core.resilience;

import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.leadbridge.core.BulkCreateResult;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.RateLimitStatus;
import dev.leadbridge.core.UnreadableField;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.Operation;
import dev.leadbridge.core.api.ProviderCapabilities;
import dev.leadbridge.core.api.RateLimitSpec;
import dev.leadbridge.core.cache.CacheSettings;
import dev.leadbridge.core.cache.internal.LeadCache;
import dev.leadbridge.core.resilience.internal.ResilienceExecutor;
import dev.leadbridge.core.resilience.internal.RetryPolicy.Call;
import dev.leadbridge.core.resilience.internal.RetryPolicy.Kind;
import dev.leadbridge.core.spi.LeadStreams;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A connection's provider wrapped in the resilience and caching layers: the one way to make a bare
 * {@link LeadProvider} resilient ({@code LeadProviders.open} returns one). Every instance (retry, circuit breaker,
 * rate limiter, bulkhead, cache) belongs to this one connection and is named after it.
 *
 * <p><b>Order of the layers</b>, outermost first:
 * <pre>
 *   Cache( Retry( CircuitBreaker( RateLimiter + adaptive pacing( Bulkhead( provider call )))))
 * </pre>
 * <ul>
 *   <li><b>Cache</b> (get by id only): a hit never reaches the layers below; concurrent gets of one id share one
 *       load; this wrapper's own update or delete of a lead invalidates it. List pages and streams are not cached.</li>
 *   <li><b>Retry</b>, decided by one retry policy (what the call does &times; the failure's
 *       {@link dev.leadbridge.core.error.LeadbridgeException#reason() reason}; {@code docs/resilience.md} has the
 *       table): exponential backoff with jitter on transient failures (5xx, I/O errors, timeouts, 429), honouring
 *       {@code Retry-After} / {@code X-RateLimit-Reset} up to {@code retry.max-wait}; a longer requested wait fails at
 *       once with a {@link dev.leadbridge.core.error.RateLimitedException} stating it. At most
 *       {@code retry.max-attempts} attempts, and no retry after {@code retry.max-duration}. Every attempt passes
 *       through the layers below, so the breaker counts attempts and the rate limit paces retries too.</li>
 *   <li><b>Circuit breaker</b>: opens on a failure rate of provider failures (unavailable, or a provider 429); while
 *       open it fails fast with a {@link dev.leadbridge.core.error.CircuitOpenException} naming the connection, then
 *       lets probe calls through. Not-found, invalid-request and authentication errors are answers, not failures.</li>
 *   <li><b>Rate limiter</b>: the connection's local limit (default: the provider's published one), plus adaptive
 *       pacing that spreads the provider's reported remaining budget until its reset.</li>
 *   <li><b>Bulkhead</b>: at most {@code bulkhead.max-concurrent} calls in flight.</li>
 * </ul>
 *
 * <p><b>Which calls are retried.</b> Reads (get, list pages, streams page by page), updates without a status change
 * (PUT/PATCH of field values, idempotent) and deletes are retried. Creates, bulk creates and status changes are
 * never retried once the request may have reached the provider: a timeout, a reset connection or a 5xx raises
 * {@link dev.leadbridge.core.error.OutcomeUnknownException} ("the lead may have been created"), so the caller can
 * check instead of creating a duplicate. They are retried only when the request certainly was not processed: the
 * connection was refused, or the provider answered 429. A delete whose retry finds the lead gone (404) after an
 * earlier attempt that may have deleted it succeeds.
 *
 * <p>Thread-safe. Closing closes the wrapped provider.
 */
public final class ResilientLeadProvider implements LeadProvider {

    private final LeadProvider delegate;
    private final ResilienceSettings settings;
    private final CacheSettings cacheSettings;
    private final ResilienceExecutor executor;
    private final LeadCache cache;

    private ResilientLeadProvider(Builder b) {
        this.delegate = b.provider;
        this.settings = b.settings;
        this.cacheSettings = b.cacheSettings;
        Clock clock = b.clock == null ? Clock.systemUTC() : b.clock;
        Ticker ticker = b.ticker != null ? b.ticker : b.clock == null ? Ticker.systemTicker() : clockTicker(clock);
        Sleeper sleeper = b.sleeper == null ? Sleeper.system() : b.sleeper;
        this.executor = new ResilienceExecutor(delegate.connection(), delegate.providerId(), settings, clock, sleeper,
                delegate::rateLimitStatus);
        this.cache = cacheSettings.enabled() ? new LeadCache(cacheSettings, ticker,
                dev.leadbridge.core.error.ErrorDetails.of(delegate.providerId(), delegate.connection())) : null;
    }

    /**
     * Wraps {@code provider} with these settings.
     *
     * @throws IllegalArgumentException when {@code provider} is already resilient (attempts would multiply)
     */
    public static ResilientLeadProvider wrap(LeadProvider provider, ResilienceSettings settings,
                                             CacheSettings cacheSettings) {
        return builder(provider).resilience(settings).cache(cacheSettings).build();
    }

    /** Wraps {@code provider} with these resilience settings and the default cache. */
    public static ResilientLeadProvider wrap(LeadProvider provider, ResilienceSettings settings) {
        return builder(provider).resilience(settings).build();
    }

    /** Wraps {@code provider} with the default settings (no local rate limit). */
    public static ResilientLeadProvider wrap(LeadProvider provider) {
        return builder(provider).build();
    }

    /** A builder wrapping {@code provider}, for settings and injected time. */
    public static Builder builder(LeadProvider provider) {
        return new Builder(provider);
    }

    @Override
    public String providerId() {
        return delegate.providerId();
    }

    @Override
    public String connection() {
        return delegate.connection();
    }

    @Override
    public ProviderCapabilities capabilities() {
        return delegate.capabilities();
    }

    /** {@inheritDoc} Served from the cache when enabled; concurrent gets of one id reach the provider once. */
    @Override
    public Lead get(String nativeId) {
        if (cache == null) {
            return executor.execute(new Call("get", Kind.READ), () -> delegate.get(nativeId));
        }
        return cache.get(nativeId, () -> executor.execute(new Call("get", Kind.READ), () -> delegate.get(nativeId)));
    }

    /** {@inheritDoc} Read through the resilience layers like {@link #get}; the answer replaces any cached copy. */
    @Override
    public Lead getFresh(String nativeId) {
        if (cache != null) {
            cache.invalidate(nativeId);
        }
        return get(nativeId);
    }

    /** {@inheritDoc} Retried; never cached. */
    @Override
    public LeadPage list(LeadQuery query, int page) {
        return executor.execute(new Call("list page " + page, Kind.READ), () -> delegate.list(query, page));
    }

    /** {@inheritDoc} Retried like {@link #list(LeadQuery, int)}; never cached. */
    @Override
    public LeadPage listTryingSort(LeadQuery query, int page) {
        return executor.execute(new Call("list page " + page, Kind.READ), () -> delegate.listTryingSort(query, page));
    }

    /** {@inheritDoc} Each page is fetched through {@link #list(LeadQuery, int)}, so each page is retried alone. */
    @Override
    public Stream<Lead> stream(LeadQuery query) {
        return LeadStreams.stream(this, query, LeadStreams.DEFAULT_CLIENT_SORT_LIMIT);
    }

    /** {@inheritDoc} Not retried once the request may have reached the provider. */
    @Override
    public Lead create(NewLead lead) {
        Lead created = executor.execute(new Call("create", Kind.CREATE), () -> delegate.create(lead));
        if (cache != null && created != null) {
            cache.invalidate(created.nativeId());
        }
        return created;
    }

    /**
     * {@inheritDoc} A provider with bulk create sends one request, never retried once it may have reached the
     * provider; otherwise the leads are created one by one through {@link #create(NewLead)}.
     */
    @Override
    public BulkCreateResult createAll(List<NewLead> leads) {
        if (!delegate.capabilities().supports(Operation.BULK_CREATE)) {
            return LeadProvider.super.createAll(leads);
        }
        BulkCreateResult result = executor.execute(new Call("create of " + leads.size() + " leads",
                Kind.BULK_CREATE), () -> delegate.createAll(leads));
        if (cache != null) {
            result.created().forEach(l -> cache.invalidate(l.nativeId()));
        }
        return result;
    }

    /**
     * {@inheritDoc} An update without {@link LeadUpdate.Field#STATUS} is idempotent and retried; a status change is
     * not retried once it may have reached the provider. The cached lead is invalidated whatever the outcome.
     */
    @Override
    public Lead update(String nativeId, LeadUpdate update) {
        Call call = update.has(LeadUpdate.Field.STATUS) ? new Call("status change", Kind.STATUS_CHANGE)
                : new Call("update", Kind.IDEMPOTENT_WRITE);
        try {
            return executor.execute(call, () -> delegate.update(nativeId, update));
        } finally {
            invalidate(nativeId);
        }
    }

    /** {@inheritDoc} Retried; the cached lead is invalidated whatever the outcome. */
    @Override
    public void delete(String nativeId) {
        try {
            executor.execute(new Call("delete", Kind.DELETE), () -> {
                delegate.delete(nativeId);
                return null;
            });
        } finally {
            invalidate(nativeId);
        }
    }

    @Override
    public Optional<RateLimitStatus> rateLimitStatus() {
        return delegate.rateLimitStatus();
    }

    /** The wrapped provider's answer; no request. */
    @Override
    public List<UnreadableField> unreadableFields(Lead lead) {
        return delegate.unreadableFields(lead);
    }

    /** Closes the wrapped provider and empties the cache. */
    @Override
    public void close() {
        if (cache != null) {
            cache.invalidateAll();
        }
        delegate.close();
    }

    /** The wrapped provider, without any layer. */
    public LeadProvider bare() {
        return delegate;
    }

    /** The resilience settings in force. */
    public ResilienceSettings resilienceSettings() {
        return settings;
    }

    /** The cache settings in force. */
    public CacheSettings cacheSettings() {
        return cacheSettings;
    }

    /** The get-by-id cache's hit, miss, load and eviction counts; all zero when the cache is disabled. */
    public CacheStats cacheStats() {
        return cache == null ? CacheStats.empty() : cache.stats();
    }

    /** Forgets the cached lead with this native id, if any. */
    public void invalidate(String nativeId) {
        if (cache != null && nativeId != null) {
            cache.invalidate(nativeId);
        }
    }

    /** Forgets every cached lead. */
    public void invalidateAll() {
        if (cache != null) {
            cache.invalidateAll();
        }
    }

    /** The connection's Resilience4j retry (its metrics and events). */
    public Retry retry() {
        return executor.retry();
    }

    /** The connection's Resilience4j circuit breaker (its state, metrics and events). */
    public CircuitBreaker circuitBreaker() {
        return executor.circuitBreaker();
    }

    /** The connection's local rate limit (requests per sliding period); empty when it is off. */
    public Optional<RateLimitSpec> rateLimit() {
        return Optional.ofNullable(resilienceSettings().rateLimit());
    }

    /** How many calls the local rate limit would let through now; empty when it is off. */
    public Optional<Integer> rateLimitPermitsAvailable() {
        return executor.rateLimitPermitsAvailable();
    }

    /** The connection's Resilience4j bulkhead. */
    public Bulkhead bulkhead() {
        return executor.bulkhead();
    }

    ResilienceExecutor executor() {
        return executor;
    }

    LeadCache cache() {
        return cache;
    }

    /** Names the connection and shows the wrapped provider's own description (which never shows a key). */
    @Override
    public String toString() {
        return "ResilientLeadProvider[connection=" + connection() + ", provider=" + providerId() + ", bare="
                + delegate + "]";
    }

    private static Ticker clockTicker(Clock clock) {
        return () -> {
            java.time.Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    }

    /**
     * Builds a {@link ResilientLeadProvider}. Defaults: {@link ResilienceSettings#ofDefaults()},
     * {@link CacheSettings#ofDefaults()}, the system clock, a sleeping {@link Sleeper} and Caffeine's system ticker
     * (or, when only a clock is given, a ticker reading that clock). Not thread-safe.
     */
    public static final class Builder {
        private final LeadProvider provider;
        private ResilienceSettings settings = ResilienceSettings.ofDefaults();
        private CacheSettings cacheSettings = CacheSettings.ofDefaults();
        private Clock clock;
        private Sleeper sleeper;
        private Ticker ticker;

        private Builder(LeadProvider provider) {
            Objects.requireNonNull(provider, "provider");
            if (provider instanceof ResilientLeadProvider) {
                throw new IllegalArgumentException("connection '" + provider.connection() + "' is already wrapped;"
                        + " wrap the bare provider (ResilientLeadProvider.bare()) to change its settings");
            }
            this.provider = provider;
        }

        /** The resilience settings. */
        public Builder resilience(ResilienceSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** The cache settings ({@link CacheSettings#disabled()} for none). */
        public Builder cache(CacheSettings cacheSettings) {
            this.cacheSettings = Objects.requireNonNull(cacheSettings, "cacheSettings");
            return this;
        }

        /** The time source of the circuit breaker and the adaptive pacing (and the cache, unless a ticker is set). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How waits (backoff, Retry-After, rate limit) are done; tests move a fake clock instead of sleeping. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** The cache's time source. */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /** Builds the wrapper. */
        public ResilientLeadProvider build() {
            return new ResilientLeadProvider(this);
        }
    }
}
