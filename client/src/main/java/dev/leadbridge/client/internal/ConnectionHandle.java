package dev.leadbridge.client.internal;

import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.resilience.ResilientLeadProvider;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * One configured connection as the client holds it.
 *
 * @param name            the connection name
 * @param provider        the provider, with whatever resilience layers it was given
 * @param pageConcurrency the most pages of one listing fetched at once
 * @param defaultRegion   region for phone numbers without a country code, or null
 * @param retryCount      the cumulative number of retried calls of this connection, 0 when unknown
 */
public record ConnectionHandle(String name, LeadProvider provider, int pageConcurrency, String defaultRegion,
                               LongSupplier retryCount) {

    /** Checks. */
    public ConnectionHandle {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provider, "provider");
        if (pageConcurrency < 1) {
            throw new IllegalArgumentException("pageConcurrency must be at least 1, was " + pageConcurrency);
        }
        retryCount = retryCount == null ? () -> 0L : retryCount;
    }

    /**
     * The handle of a connection. When the provider is wrapped in core's resilience layers, its retries are counted
     * (from the retry events) and the page concurrency is capped at its bulkhead, so prefetching never queues on it.
     *
     * @param name            the connection name
     * @param provider        the provider
     * @param pageConcurrency the wanted page concurrency
     * @param defaultRegion   region for phone numbers, or null
     */
    public static ConnectionHandle of(String name, LeadProvider provider, int pageConcurrency, String defaultRegion) {
        if (provider instanceof ResilientLeadProvider resilient) {
            LongAdder retries = new LongAdder();
            resilient.retry().getEventPublisher().onRetry(event -> retries.increment());
            int pages = Math.max(1, Math.min(pageConcurrency, resilient.resilienceSettings().bulkheadMaxConcurrent()));
            return new ConnectionHandle(name, provider, pages, defaultRegion, retries::sum);
        }
        return new ConnectionHandle(name, provider, pageConcurrency, defaultRegion, null);
    }
}
