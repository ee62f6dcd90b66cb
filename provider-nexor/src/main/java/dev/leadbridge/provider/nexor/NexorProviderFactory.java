package dev.leadbridge.provider.nexor;

import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.ConnectionOptions;
import dev.leadbridge.core.api.WebhookReader;
import dev.leadbridge.core.connect.LeadProviders;
import dev.leadbridge.core.spi.WebhookSecrets;
import dev.leadbridge.provider.nexor.internal.NexorWebhookReader;
import java.util.Optional;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.ProviderCapabilities;
import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.spi.LeadProviderFactory;
import java.util.Set;

/**
 * Opens {@link NexorProvider}s from configuration ({@code connections.<name>.provider = nexor}); found through
 * {@link java.util.ServiceLoader}. Reads the common options {@code connect-timeout}, {@code read-timeout},
 * {@code default-region} and {@code status.<key>}, plus {@value #BULK_SIZE}.
 */
public final class NexorProviderFactory implements LeadProviderFactory {

    /** Option: leads per bulk create request, 1 to 1000 (default 1000). */
    public static final String BULK_SIZE = "bulk-size";

    /** Creates the factory (for {@link java.util.ServiceLoader}). */
    public NexorProviderFactory() {
    }

    /** {@inheritDoc} Always {@value NexorProvider#PROVIDER_ID}. */
    @Override
    public String providerId() {
        return NexorProvider.PROVIDER_ID;
    }

    /** {@inheritDoc} {@value NexorProvider#DEFAULT_BASE_URL}. */
    @Override
    public String defaultBaseUrl() {
        return NexorProvider.DEFAULT_BASE_URL;
    }

    /** {@inheritDoc} Only {@value #BULK_SIZE}. */
    @Override
    public Set<String> optionKeys() {
        return Set.of(BULK_SIZE, ConnectionOptions.WEBHOOK_SECRET);
    }

    /** {@inheritDoc} See {@link NexorProvider#CAPABILITIES}. */
    @Override
    public ProviderCapabilities capabilities() {
        return NexorProvider.CAPABILITIES;
    }

    /**
     * The verifier of the connection's Nexor webhooks ({@code ?token=<secret>}, see {@link NexorWebhooks}).
     *
     * @throws ConfigurationException for another provider's connection, a wrong option or no webhook secret
     */
    @Override
    public Optional<WebhookReader> webhooks(ConnectionConfig config) {
        if (!NexorProvider.PROVIDER_ID.equals(config.provider())) {
            throw new ConfigurationException("connection '" + config.name() + "' is for provider '"
                    + config.provider() + "', not '" + NexorProvider.PROVIDER_ID + "'",
                    ErrorDetails.of(NexorProvider.PROVIDER_ID, config.name()));
        }
        LeadProviders.checkOptions(config, this);
        WebhookSecrets secrets = WebhookSecrets.of(config);
        return Optional.of(new NexorWebhookReader(NexorProvider.builder().configure(config).settings(), secrets));
    }

    /**
     * Builds the provider for one configured connection.
     *
     * @throws ConfigurationException naming the option at fault
     */
    @Override
    public LeadProvider create(ConnectionConfig config) {
        ErrorDetails where = ErrorDetails.of(NexorProvider.PROVIDER_ID, config.name());
        NexorProvider.Builder builder = NexorProvider.builder().configure(config);
        int bulkSize = config.integer(BULK_SIZE, NexorProvider.MAX_BULK_SIZE);
        try {
            builder.bulkSize(bulkSize);
        } catch (ConfigurationException e) {
            throw new ConfigurationException("'connections." + config.name() + "." + BULK_SIZE + "' must be 1 to "
                    + NexorProvider.MAX_BULK_SIZE + ", was " + bulkSize, where);
        }
        return builder.build();
    }
}
