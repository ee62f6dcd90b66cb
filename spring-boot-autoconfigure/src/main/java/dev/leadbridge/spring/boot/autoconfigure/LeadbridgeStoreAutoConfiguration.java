package dev.leadbridge.spring.boot.autoconfigure;

import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.store.LeadStore;
import dev.leadbridge.store.LeadSync;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * With {@code leadbridge.store.enabled=true} and {@code leadbridge-store} on the class path: the {@link LeadStore} on
 * the application's database ({@code leadbridge.store.url}, else {@code spring.datasource.url} with its user name and
 * password; SQLite or PostgreSQL), a {@link LeadSync} of every connection of the client (sharing its connections, so
 * their rate limits and circuit breakers), and a {@link LeadbridgeSyncScheduler} that runs it every
 * {@code leadbridge.store.sync-interval}. Each bean backs off when the application defines its own.
 */
@AutoConfiguration(after = LeadbridgeAutoConfiguration.class,
        afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(LeadStore.class)
@ConditionalOnBean(LeadbridgeClient.class)
@ConditionalOnProperty(prefix = "leadbridge.store", name = "enabled", havingValue = "true")
public class LeadbridgeStoreAutoConfiguration {

    /** Created by Spring. */
    public LeadbridgeStoreAutoConfiguration() {
    }

    /**
     * The store, its schema created or migrated on open.
     *
     * @throws ConfigurationException when neither {@code leadbridge.store.url} nor {@code spring.datasource.url} is set
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public LeadStore leadbridgeLeadStore(LeadbridgeProperties properties, Environment environment) {
        LeadbridgeProperties.Store store = properties.getStore();
        String url = store.getUrl() != null ? store.getUrl() : environment.getProperty("spring.datasource.url");
        if (url == null || url.isBlank()) {
            throw new ConfigurationException("'leadbridge.store.url' is not set and the application has no"
                    + " 'spring.datasource.url': set one to a jdbc:sqlite: or jdbc:postgresql: URL",
                    ErrorDetails.NONE);
        }
        boolean ownUrl = store.getUrl() != null;
        return LeadStore.builder().url(url).schema(store.getSchema())
                .environment(name -> {
                    if (!ownUrl && name.equals("PGUSER") && environment.getProperty("spring.datasource.username") != null) {
                        return environment.getProperty("spring.datasource.username");
                    }
                    if (!ownUrl && name.equals("PGPASSWORD")
                            && environment.getProperty("spring.datasource.password") != null) {
                        return environment.getProperty("spring.datasource.password");
                    }
                    return environment.getProperty(name);
                })
                .build();
    }

    /**
     * A sync of every connection of the client into the store. Not closed with the context: its connections are the
     * client's, which the client closes; it is stopped instead.
     */
    @Bean(destroyMethod = "stop")
    @ConditionalOnMissingBean
    public LeadSync leadbridgeLeadSync(LeadStore store, LeadbridgeClient client) {
        LeadSync.Builder sync = LeadSync.builder().store(store);
        for (String name : client.connectionNames()) {
            sync.connection(client.connection(name));
        }
        return sync.build();
    }

    /** Runs the sync on the schedule of {@code leadbridge.store.initial-delay} and {@code .sync-interval}. */
    @Bean
    @ConditionalOnMissingBean
    public LeadbridgeSyncScheduler leadbridgeSyncScheduler(LeadSync sync, LeadbridgeProperties properties) {
        return new LeadbridgeSyncScheduler(sync, properties.getStore().getInitialDelay(),
                properties.getStore().getSyncInterval());
    }
}
