package dev.leadbridge.spring.boot.autoconfigure;

import dev.leadbridge.client.LeadbridgeClient;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Binds the Leadbridge client's meters to the application's Micrometer registries when Micrometer and
 * {@code resilience4j-micrometer} are on the class path (Spring Boot Actuator brings Micrometer; the starter brings the
 * other). Replace the {@link LeadbridgeMeterBinder} bean to bind differently.
 */
@AutoConfiguration(after = LeadbridgeAutoConfiguration.class)
@ConditionalOnClass({MeterRegistry.class, TaggedCircuitBreakerMetrics.class})
@ConditionalOnBean(LeadbridgeClient.class)
public class LeadbridgeMetricsAutoConfiguration {

    /** Created by Spring. */
    public LeadbridgeMetricsAutoConfiguration() {
    }

    /** The binder of the client's meters; Spring Boot applies it to every registry. */
    @Bean
    @ConditionalOnMissingBean
    public LeadbridgeMeterBinder leadbridgeMeterBinder(LeadbridgeClient client) {
        return new LeadbridgeMeterBinder(client);
    }
}
