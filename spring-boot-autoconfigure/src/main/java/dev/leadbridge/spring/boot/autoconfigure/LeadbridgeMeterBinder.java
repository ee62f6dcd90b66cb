package dev.leadbridge.spring.boot.autoconfigure;

import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.core.resilience.LeadbridgeMetrics;
import dev.leadbridge.core.resilience.ResilientLeadProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;

/**
 * Binds the meters of every connection of a {@link LeadbridgeClient} that has resilience layers (every connection
 * read from properties) to a {@link MeterRegistry}, through {@link LeadbridgeMetrics#bind}. Spring Boot binds every
 * {@link MeterBinder} bean to the application's registries, so the meters appear next to the application's own.
 */
public class LeadbridgeMeterBinder implements MeterBinder {

    private final LeadbridgeClient client;

    /** A binder for the connections of {@code client}. */
    public LeadbridgeMeterBinder(LeadbridgeClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** Registers the retry, circuit breaker, rate limit, bulkhead and cache meters of each connection. */
    @Override
    public void bindTo(MeterRegistry registry) {
        for (String name : client.connectionNames()) {
            if (client.connection(name) instanceof ResilientLeadProvider resilient) {
                LeadbridgeMetrics.bind(resilient, registry);
            }
        }
    }
}
