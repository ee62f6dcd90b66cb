package dev.leadbridge.core.spi;

import java.util.Set;

/**
 * Builds {@link LeadProvider}s of one provider from connection configuration. Implementations are registered in
 * {@code META-INF/services/dev.leadbridge.core.spi.LeadProviderFactory} and found by {@link LeadProviders}.
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
     * Builds a provider for one connection.
     *
     * @throws dev.leadbridge.core.error.ConfigurationException when the configuration is unusable
     */
    LeadProvider create(ConnectionConfig config);
}
