package dev.leadbridge.spring.boot.autoconfigure;

import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.store.LeadStore;
import dev.leadbridge.store.LeadSync;
import dev.leadbridge.store.StoreConfigurationException;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * With {@code leadbridge.store.enabled=true} and {@code leadbridge-store} on the class path: the {@link LeadStore} on
 * {@code leadbridge.store.url} when set, else on the application's {@link DataSource} (SQLite or PostgreSQL), a
 * {@link LeadSync} of every connection of the client (sharing its connections, so their rate limits and circuit
 * breakers), and a {@link LeadbridgeSyncScheduler} that runs it every
 * {@code leadbridge.store.sync-interval}. Each bean backs off when the application defines its own.
 */
@AutoConfiguration(after = LeadbridgeAutoConfiguration.class,
        afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(LeadStore.class)
@ConditionalOnBean(LeadbridgeClient.class)
@ConditionalOnProperty(prefix = "leadbridge.store", name = "enabled", havingValue = "true")
public class LeadbridgeStoreAutoConfiguration {

    /** The PostgreSQL schema of the store on the application's DataSource unless leadbridge.store.schema says. */
    public static final String DATA_SOURCE_SCHEMA = "leadbridge";

    /** Created by Spring. */
    public LeadbridgeStoreAutoConfiguration() {
    }

    /**
     * The store, its schema created or migrated on open: on {@code leadbridge.store.url} when it is set (connections
     * of its own), else on the application's {@link DataSource} (its primary one when there are several), in the
     * PostgreSQL schema {@code leadbridge.store.schema} (default {@value #DATA_SOURCE_SCHEMA}, apart from the
     * application's own tables and Flyway history). The application's DataSource is never closed by the store.
     *
     * @throws ConfigurationException naming {@code leadbridge.store.url} when there is neither, or it is not usable
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public LeadStore leadbridgeLeadStore(LeadbridgeProperties properties, ObjectProvider<DataSource> dataSources,
                                         Environment environment) {
        LeadbridgeProperties.Store store = properties.getStore();
        LeadStore.Builder builder = LeadStore.builder();
        boolean ownUrl = store.getUrl() != null && !store.getUrl().isBlank();
        if (ownUrl) {
            builder.url(store.getUrl()).schema(store.getSchema()).environment(environment::getProperty);
        } else {
            DataSource dataSource = dataSources.getIfUnique();
            if (dataSource == null) {
                throw new ConfigurationException("'leadbridge.store.url' is not set and the application has "
                        + (dataSources.iterator().hasNext() ? "several DataSource beans, none of them primary"
                        : "no DataSource (spring.datasource.*)")
                        + ": set it to a jdbc:sqlite: or jdbc:postgresql: URL", ErrorDetails.NONE);
            }
            builder.dataSource(dataSource).schema(store.getSchema() != null && !store.getSchema().isBlank()
                    ? store.getSchema() : DATA_SOURCE_SCHEMA);
        }
        try {
            return builder.build();
        } catch (StoreConfigurationException e) {
            // its message is the whole story (no password); the key is what Spring's failure report must name
            String message = e.getMessage().contains("schema") ? "'leadbridge.store.schema': " + e.getMessage()
                    : ownUrl ? "'leadbridge.store.url': " + e.getMessage()
                    : "'leadbridge.store.url' is not set and the application's DataSource cannot hold the store: "
                    + e.getMessage();
            throw new ConfigurationException("Invalid Leadbridge configuration: " + message, ErrorDetails.NONE);
        }
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
