package dev.leadbridge.spring.boot.autoconfigure;

import dev.leadbridge.client.LeadbridgeClient;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;

/**
 * Adds the component {@code leadbridge} to the application's health (Actuator's {@code /actuator/health}), with one
 * {@link ConnectionHealthIndicator} per connection, when Spring Boot's health support is on the class path. Switch it
 * off with {@code management.health.leadbridge.enabled=false}; replace it with a bean named
 * {@code leadbridgeHealthContributor}.
 */
@AutoConfiguration(after = LeadbridgeAutoConfiguration.class)
@ConditionalOnClass({HealthContributor.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(LeadbridgeClient.class)
@ConditionalOnEnabledHealthIndicator("leadbridge")
public class LeadbridgeHealthAutoConfiguration {

    /** Created by Spring. */
    public LeadbridgeHealthAutoConfiguration() {
    }

    /** One health indicator per connection of the client, under the component {@code leadbridge}. */
    @Bean
    @ConditionalOnMissingBean(name = "leadbridgeHealthContributor")
    public CompositeHealthContributor leadbridgeHealthContributor(LeadbridgeClient client) {
        Map<String, ConnectionHealthIndicator> indicators = new LinkedHashMap<>();
        for (String name : client.connectionNames()) {
            indicators.put(name, new ConnectionHealthIndicator(name, client.connection(name)));
        }
        return CompositeHealthContributor.fromMap(indicators);
    }
}
