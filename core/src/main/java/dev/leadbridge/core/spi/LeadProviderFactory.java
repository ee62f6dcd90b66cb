package dev.leadbridge.core.spi;

import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.ProviderCapabilities;
import dev.leadbridge.core.api.RateLimitSpec;
import dev.leadbridge.core.api.WebhookReader;
import java.util.Optional;
import java.util.Set;

/**
 * Builds {@link LeadProvider}s of one provider from connection configuration. Implementations are registered in
 * {@code META-INF/services/dev.leadbridge.core.spi.LeadProviderFactory} and found by {@link dev.leadbridge.core.connect.LeadProviders}.
 */
public interface LeadProviderFactory {

    /** The provider id this factory serves, e.g. {@code octanist}. */
    String providerId();

    /** The documented production API base, used when a connection sets no {@code base-url}. */
    String defaultBaseUrl();

    /** The provider-specific connection option keys this factory reads (e.g. {@code chatbot-id}); may be empty. */
    Set<String> optionKeys();

    /** What the provider can do, known without connecting. */
    ProviderCapabilities capabilities();

    /**
     * The rate limit the provider publishes for one API key, used as the connection's default local rate limit
     * ({@code rate-limit.requests} / {@code rate-limit.period} override it). Empty, the default, when the provider
     * publishes none: the local rate limiter is then off unless configured.
     */
    default Optional<RateLimitSpec> publishedRateLimit() {
        return Optional.empty();
    }

    /**
     * The verifier of the connection's webhook deliveries; empty, the default, when the provider sends no webhooks.
     * A provider that has webhooks lists {@link dev.leadbridge.core.api.ConnectionOptions#WEBHOOK_SECRET} among its
     * {@link #optionKeys()}.
     *
     * @throws dev.leadbridge.core.error.ConfigurationException when the connection has no webhook secret or another
     *                                                          option is wrong
     */
    default Optional<WebhookReader> webhooks(ConnectionConfig config) {
        return Optional.empty();
    }

    /**
     * Builds a provider for one connection.
     *
     * @throws dev.leadbridge.core.error.ConfigurationException when the configuration is unusable
     */
    LeadProvider create(ConnectionConfig config);
}
