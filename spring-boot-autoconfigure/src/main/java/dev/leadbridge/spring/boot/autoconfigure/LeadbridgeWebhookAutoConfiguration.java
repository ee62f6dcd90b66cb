package dev.leadbridge.spring.boot.autoconfigure;

import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.ConnectionOptions;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.WebhookReader;
import dev.leadbridge.core.connect.LeadProviders;
import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.store.LeadStore;
import dev.leadbridge.store.WebhookInbox;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * With {@code leadbridge.webhooks.enabled=true} in a servlet web application (Spring MVC): the webhook endpoint
 * {@code POST {leadbridge.webhooks.path}/{connection}} ({@link LeadbridgeWebhookController}), verifying each delivery
 * with the connection's own reader ({@link LeadProviders#webhooks}) and recording it in the store's
 * {@link WebhookInbox} before it answers, as {@code leadbridge serve} does; and the {@link LeadbridgeWebhookProcessor}
 * that stores each event's lead, and at startup and every {@code leadbridge.webhooks.retry-interval} what is still
 * pending. The store is required: without {@code leadbridge.store.enabled=true} (or without {@code leadbridge-store})
 * startup fails naming the key. Each bean backs off when the application defines its own.
 */
@AutoConfiguration(after = {LeadbridgeAutoConfiguration.class, LeadbridgeStoreAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(LeadbridgeClient.class)
@ConditionalOnProperty(prefix = "leadbridge.webhooks", name = "enabled", havingValue = "true")
public class LeadbridgeWebhookAutoConfiguration {

    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    /** Created by Spring. */
    public LeadbridgeWebhookAutoConfiguration() {
    }

    /** The beans of the endpoint, when {@code leadbridge-store} is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(WebhookInbox.class)
    static class WithStore {

        /**
         * The inbox in the store's {@code webhook_events} table; events naming only a lead id get it through the
         * client's connection (its rate limit and circuit breaker).
         *
         * @throws ConfigurationException naming {@code leadbridge.store.enabled} when there is no store
         */
        @Bean
        @ConditionalOnMissingBean
        WebhookInbox leadbridgeWebhookInbox(ObjectProvider<LeadStore> store, LeadbridgeClient client) {
            LeadStore leadStore = store.getIfAvailable();
            if (leadStore == null) {
                throw new ConfigurationException("'leadbridge.webhooks.enabled' is true but there is no store:"
                        + " set 'leadbridge.store.enabled' to true (webhooks are recorded in the store)",
                        ErrorDetails.NONE);
            }
            return WebhookInbox.of(leadStore, name -> client.connectionNames().contains(name)
                    ? Optional.<LeadProvider>of(client.connection(name)) : Optional.empty());
        }

        /** Stores the leads of recorded events, and retries those not stored yet. */
        @Bean
        @ConditionalOnMissingBean
        LeadbridgeWebhookProcessor leadbridgeWebhookProcessor(WebhookInbox inbox, LeadbridgeProperties properties) {
            if (properties.getWebhooks().getRetryInterval() == null
                    || properties.getWebhooks().getRetryInterval().isNegative()) {
                throw new ConfigurationException("Invalid Leadbridge configuration: 'leadbridge.webhooks.retry-interval'"
                        + " must not be negative, was " + properties.getWebhooks().getRetryInterval(),
                        ErrorDetails.NONE);
            }
            return new LeadbridgeWebhookProcessor(inbox, properties.getWebhooks().getRetryInterval());
        }

        /**
         * The endpoint, with one reader per connection that receives webhooks.
         *
         * @throws ConfigurationException naming the {@code leadbridge.*} key at fault
         */
        @Bean
        @ConditionalOnMissingBean
        LeadbridgeWebhookController leadbridgeWebhookController(LeadbridgeProperties properties,
                                                                Environment environment, WebhookInbox inbox,
                                                                LeadbridgeWebhookProcessor processor) {
            String path = properties.getWebhooks().getPath();
            if (path == null || !PATH.matcher(path).matches()) {
                throw new ConfigurationException("Invalid Leadbridge configuration: 'leadbridge.webhooks.path' must be"
                        + " a path such as /webhooks (segments of letters, digits, '.', '_', '~', '-'), was '"
                        + path + "'", ErrorDetails.NONE);
            }
            return new LeadbridgeWebhookController(readers(properties, environment), inbox, processor);
        }
    }

    /** Fails the startup when the store module is missing: webhooks are recorded in the store. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("dev.leadbridge.store.WebhookInbox")
    static class WithoutStore {

        @Bean
        Object leadbridgeWebhooksNeedTheStore() {
            throw new ConfigurationException("'leadbridge.webhooks.enabled' is true but leadbridge-store is not on the"
                    + " class path: add dev.leadbridge:leadbridge-store and set 'leadbridge.store.enabled' to true",
                    ErrorDetails.NONE);
        }
    }

    /**
     * The reader of every configured connection that receives webhooks: its provider sends them and its
     * {@code webhook-secret} is set. Connections without a secret are left out (their deliveries are answered 404).
     */
    static Map<String, WebhookReader> readers(LeadbridgeProperties properties, Environment environment) {
        Map<String, WebhookReader> readers = new LinkedHashMap<>();
        try {
            for (ConnectionConfig config : ConnectionConfig.parse(properties.toFlatProperties(),
                    environment::getProperty)) {
                if (config.option(ConnectionOptions.WEBHOOK_SECRET) == null) {
                    continue;
                }
                LeadProviders.webhooks(config).ifPresent(reader -> readers.put(config.name(), reader));
            }
        } catch (ConfigurationException e) {
            throw LeadbridgeAutoConfiguration.springKeys(e);
        }
        if (readers.isEmpty()) {
            throw new ConfigurationException("Invalid Leadbridge configuration: 'leadbridge.webhooks.enabled' is true"
                    + " but no connection receives webhooks: set 'leadbridge.connections.<name>.webhook-secret' on a"
                    + " nexor or workspace-v1 connection", ErrorDetails.NONE);
        }
        return readers;
    }
}
