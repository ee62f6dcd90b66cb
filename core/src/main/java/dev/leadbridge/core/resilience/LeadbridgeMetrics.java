package dev.leadbridge.core.resilience;

import dev.leadbridge.core.cache.internal.LeadCache;
import dev.leadbridge.core.resilience.internal.ResilienceExecutor;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.Objects;

/**
 * Binds a connection's resilience and cache instances to a Micrometer {@link MeterRegistry}: Resilience4j's tagged
 * meters of its retry ({@code resilience4j.retry.*}), circuit breaker ({@code resilience4j.circuitbreaker.*}) and
 * bulkhead ({@code resilience4j.bulkhead.*}), tag {@code name} = the connection; when the connection has a local
 * rate limit, the gauge {@code leadbridge.ratelimit.available.permits} (tags {@code connection}, {@code provider});
 * and, when it has a cache, Micrometer's Caffeine meters ({@code cache.gets}, {@code cache.puts},
 * {@code cache.size}, {@code cache.evictions}, ..., tag {@code cache} = the connection, plus {@code provider}).
 *
 * <p>Micrometer and {@code resilience4j-micrometer} are optional dependencies of core: add them to use this class.
 * Nothing else in Leadbridge refers to it, so without them on the class path Leadbridge works unchanged.
 */
public final class LeadbridgeMetrics {

    private LeadbridgeMetrics() {
    }

    /**
     * Registers the meters of {@code provider}'s connection with {@code registry}. Binding the same connection to
     * the same registry twice registers nothing new.
     */
    public static void bind(ResilientLeadProvider provider, MeterRegistry registry) {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(registry, "registry");
        ResilienceExecutor executor = provider.executor();
        TaggedRetryMetrics.ofRetryRegistry(executor.retryRegistry()).bindTo(registry);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(executor.circuitBreakerRegistry()).bindTo(registry);
        if (executor.rateLimitPermitsAvailable().isPresent()) {
            Gauge.builder("leadbridge.ratelimit.available.permits",
                            executor, e -> e.rateLimitPermitsAvailable().orElse(0))
                    .description("calls the connection's local rate limit would let through now")
                    .tags(Tags.of("connection", provider.connection(), "provider", provider.providerId()))
                    .register(registry);
        }
        TaggedBulkheadMetrics.ofBulkheadRegistry(executor.bulkheadRegistry()).bindTo(registry);
        LeadCache cache = provider.cache();
        if (cache != null) {
            CaffeineCacheMetrics.monitor(registry, cache.caffeine(), provider.connection(),
                    Tags.of("provider", provider.providerId()));
        }
    }
}
