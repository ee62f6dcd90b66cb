package dev.leadbridge.provider.octanist;

import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.ProviderCapabilities;
import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.spi.LeadProviderFactory;
import java.util.Set;

/**
 * Opens {@link OctanistProvider}s from connection configuration ({@code connections.<name>.provider = octanist});
 * registered for {@link java.util.ServiceLoader}. Reads {@code base-url}, {@code api-key}, {@code connect-timeout},
 * {@code read-timeout}, {@code default-region}, {@code status.<raw>} overrides and the Octanist option
 * {@value #PIN_LISTINGS} ({@code true}/{@code false}, default true).
 */
public final class OctanistProviderFactory implements LeadProviderFactory {

    /** Option key: whether listings pin a createdAt upper bound at their first page. */
    public static final String PIN_LISTINGS = "pin-listings";

    /** Creates the factory (called by {@link java.util.ServiceLoader}). */
    public OctanistProviderFactory() {
    }

    @Override
    public String providerId() {
        return OctanistProvider.PROVIDER_ID;
    }

    @Override
    public String defaultBaseUrl() {
        return OctanistProvider.DEFAULT_BASE_URL;
    }

    @Override
    public Set<String> optionKeys() {
        return Set.of(PIN_LISTINGS);
    }

    @Override
    public ProviderCapabilities capabilities() {
        return OctanistProvider.CAPABILITIES;
    }

    /** Builds the provider of one connection. @throws ConfigurationException naming a wrong option */
    @Override
    public LeadProvider create(ConnectionConfig config) {
        return OctanistProvider.builder()
                .configure(config)
                .pinListings(config.flag(PIN_LISTINGS, true))
                .build();
    }
}
