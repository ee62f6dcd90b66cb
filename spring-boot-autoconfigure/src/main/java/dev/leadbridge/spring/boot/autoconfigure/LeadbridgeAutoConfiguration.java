package dev.leadbridge.spring.boot.autoconfigure;

import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.api.ConnectionConfig;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * Auto-configures a {@link LeadbridgeClient} over the {@code leadbridge.connections.<name>.*} properties, read by the
 * Leadbridge configuration parser itself; the client is closed when the application context closes. Backs off when
 * the application defines its own {@link LeadbridgeClient}, when no connection is configured, or when
 * {@code leadbridge.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnClass(LeadbridgeClient.class)
@ConditionalOnProperty(prefix = "leadbridge", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(LeadbridgeProperties.class)
public class LeadbridgeAutoConfiguration {

    /** Created by Spring. */
    public LeadbridgeAutoConfiguration() {
    }

    /**
     * The client over every configured connection. {@code ${NAME}} left in a value after Spring's own placeholder
     * resolution is looked up in the {@link Environment} (which includes the process environment), as the CLI does.
     *
     * @throws ConfigurationException naming the {@code leadbridge.*} key at fault, which fails the startup
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @Conditional(OnLeadbridgeConnectionsCondition.class)
    public LeadbridgeClient leadbridgeClient(LeadbridgeProperties properties, Environment environment) {
        try {
            List<ConnectionConfig> connections = ConnectionConfig.parse(properties.toFlatProperties(),
                    environment::getProperty);
            LeadbridgeClient.Builder builder = LeadbridgeClient.builder()
                    .connections(connections)
                    .failFast(properties.getClient().isFailFast());
            LeadbridgeProperties.Client client = properties.getClient();
            if (client.getPageConcurrency() != null) {
                try {
                    builder.pageConcurrency(client.getPageConcurrency());
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException("'leadbridge.client.page-concurrency' must be between 1 and 64,"
                            + " was " + client.getPageConcurrency(), ErrorDetails.NONE);
                }
            }
            if (client.getSyncLookBack() != null) {
                try {
                    builder.syncLookBack(client.getSyncLookBack());
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException("'leadbridge.client.sync-look-back' must not be negative, was "
                            + client.getSyncLookBack(), ErrorDetails.NONE);
                }
            }
            return builder.build();
        } catch (ConfigurationException e) {
            throw springKeys(e);
        }
    }

    /**
     * The parser names keys as a configuration file writes them ({@code connections.acme.api-key}); in a Spring
     * application they are written under {@code leadbridge.}, so the message names them that way.
     */
    static ConfigurationException springKeys(ConfigurationException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (!message.contains("'leadbridge.")) {
            message = message.replace("'connections.", "'leadbridge.connections.");
        }
        // the original, naming the file's keys, stays reachable as suppressed; the root cause Spring shows names ours
        ConfigurationException renamed = new ConfigurationException("Invalid Leadbridge configuration: " + message,
                e.details(), e.getCause());
        renamed.addSuppressed(e);
        return renamed;
    }
}
