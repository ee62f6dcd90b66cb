package dev.leadbridge.core.cache.internal;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.cache.CacheSettings;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.LeadNotFoundException;
import dev.leadbridge.core.error.ProviderUnavailableException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The get-by-id cache of one connection, on Caffeine: bounded, entries expire a fixed time after they were written
 * (a lead after {@code ttl}, a cached "not found" after {@code not-found-ttl}), time from an injectable
 * {@link Ticker}. Concurrent gets of one id share one load, which runs on the first caller's thread; a failed load
 * is not cached (other than "not found" when enabled) and fails every caller that waited for it. Thread-safe.
 */
public final class LeadCache {

    private final CacheSettings settings;
    private final ErrorDetails details;
    private final AsyncCache<String, Entry> cache;

    /**
     * Creates the cache.
     *
     * @param settings its settings (must be enabled)
     * @param ticker   its time source
     * @param details  provider and connection, for errors
     */
    public LeadCache(CacheSettings settings, Ticker ticker, ErrorDetails details) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.details = Objects.requireNonNull(details, "details");
        if (!settings.enabled()) {
            throw new IllegalArgumentException("the cache is disabled");
        }
        long ttlNanos = settings.ttl().toNanos();
        long notFoundNanos = settings.notFoundTtl().toNanos();
        this.cache = Caffeine.newBuilder()
                .maximumSize(settings.maxSize())
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String key, Entry value, long currentTime) {
                        return value.lead() != null ? ttlNanos : notFoundNanos;
                    }

                    @Override
                    public long expireAfterUpdate(String key, Entry value, long currentTime, long currentDuration) {
                        return expireAfterCreate(key, value, currentTime);
                    }

                    @Override
                    public long expireAfterRead(String key, Entry value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .ticker(Objects.requireNonNull(ticker, "ticker"))
                .executor(Runnable::run)
                .recordStats()
                .buildAsync();
    }

    /**
     * The cached lead for {@code nativeId}, or the one {@code loader} fetches; concurrent callers for one id share
     * one load.
     *
     * @throws RuntimeException whatever the load threw (a cached not-found answer is thrown again)
     */
    public Lead get(String nativeId, Supplier<Lead> loader) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        CompletableFuture<Entry>[] mine = new CompletableFuture[1];
        CompletableFuture<Entry> future = cache.get(nativeId, (key, executor) -> {
            mine[0] = new CompletableFuture<>();
            return mine[0];
        });
        if (future == mine[0]) {
            load(nativeId, loader, mine[0]);
        }
        Entry entry;
        try {
            entry = future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException("interrupted while waiting for a concurrent get of the same lead",
                    details, e, false);
        } catch (LoadFailure e) {
            throw (RuntimeException) e.getCause();
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        }
        if (entry.notFound() != null) {
            throw entry.notFound();
        }
        return entry.lead();
    }

    /**
     * Runs the load. A failure completes the future with a {@link LoadFailure}: Caffeine records it as a failed load
     * and drops the entry like any failure, but logs every other exception as a warning with a stack trace, which
     * would put a second, noisy report of an error the caller already gets into every application's log.
     */
    private void load(String nativeId, Supplier<Lead> loader, CompletableFuture<Entry> future) {
        try {
            Lead lead = loader.get();
            future.complete(new Entry(Objects.requireNonNull(lead, "the provider returned no lead"), null));
        } catch (LeadNotFoundException e) {
            if (settings.cachesNotFound()) {
                future.complete(new Entry(null, e));
            } else {
                future.completeExceptionally(new LoadFailure(e));
            }
        } catch (RuntimeException e) {
            future.completeExceptionally(new LoadFailure(e));
        } catch (Error e) {
            future.completeExceptionally(e);
            throw e;
        }
    }

    /** Carries a load's failure to every caller waiting for it, without Caffeine logging it. */
    private static final class LoadFailure extends CancellationException {
        private static final long serialVersionUID = 1L;

        LoadFailure(RuntimeException cause) {
            super("the load of a lead failed");
            initCause(cause);
        }
    }

    private RuntimeException unwrap(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error err) {
            throw err;
        }
        return new ProviderUnavailableException("the get failed: " + t, details, t, true);
    }

    /** Forgets the entry for {@code nativeId}, including a load still in flight (its result will not be kept). */
    public void invalidate(String nativeId) {
        cache.synchronous().invalidate(nativeId);
    }

    /** Forgets every entry. */
    public void invalidateAll() {
        cache.synchronous().invalidateAll();
    }

    /** Hit, miss, load and eviction counts since the cache was created. */
    public CacheStats stats() {
        return cache.synchronous().stats();
    }

    /** The number of entries (approximate, may include expired ones not yet cleaned up). */
    public long size() {
        return cache.synchronous().estimatedSize();
    }

    /** The underlying Caffeine cache, for metrics binding only. */
    public AsyncCache<String, Entry> caffeine() {
        return cache;
    }

    /**
     * A cached answer: a lead, or a not-found answer.
     *
     * @param lead     the lead, or null
     * @param notFound the cached not-found error, or null
     */
    public record Entry(Lead lead, LeadNotFoundException notFound) {
    }
}
