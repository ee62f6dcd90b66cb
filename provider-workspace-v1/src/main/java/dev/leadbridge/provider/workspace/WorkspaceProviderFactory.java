package dev.leadbridge.provider.workspace;

import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.ConnectionOptions;
import dev.leadbridge.core.api.WebhookReader;
import dev.leadbridge.core.spi.WebhookSecrets;
import dev.leadbridge.provider.workspace.internal.WorkspaceWebhookReader;
import dev.leadbridge.core.api.ProviderCapabilities;
import dev.leadbridge.core.api.RateLimitSpec;
import dev.leadbridge.core.connect.LeadProviders;
import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.spi.LeadProviderFactory;
import java.util.Optional;
import java.util.Set;

/**
 * Opens {@link WorkspaceProvider}s from connection configuration ({@code provider = workspace-v1}). Besides the
 * common options ({@code connect-timeout}, {@code read-timeout}, {@code default-region}, {@code status.<raw>}) it
 * reads {@value WorkspaceProvider#CHATBOT_ID_OPTION}, the chatbot whose routes are used (required to create leads).
 * Registered for {@link java.util.ServiceLoader}; stateless.
 */
public final class WorkspaceProviderFactory implements LeadProviderFactory {

    /** Creates the factory (called by {@link java.util.ServiceLoader}). */
    public WorkspaceProviderFactory() {
    }

    /** {@value WorkspaceProvider#PROVIDER_ID}. */
    @Override
    public String providerId() {
        return WorkspaceProvider.PROVIDER_ID;
    }

    /** {@value WorkspaceProvider#DEFAULT_BASE_URL}. */
    @Override
    public String defaultBaseUrl() {
        return WorkspaceProvider.DEFAULT_BASE_URL;
    }

    /** {@code chatbot-id} and {@code webhook-secret}. */
    @Override
    public Set<String> optionKeys() {
        return Set.of(WorkspaceProvider.CHATBOT_ID_OPTION, ConnectionOptions.WEBHOOK_SECRET);
    }

    /** The published budget: 1000 requests per hour per API key, in a sliding window. */
    @Override
    public Optional<RateLimitSpec> publishedRateLimit() {
        return Optional.of(RateLimitSpec.perHour(1000));
    }

    /**
     * The capabilities of a connection with a chatbot id (the most a connection can do); a connection without one
     * cannot create leads, which its own {@link WorkspaceProvider#capabilities()} says.
     */
    @Override
    public ProviderCapabilities capabilities() {
        return WorkspaceProvider.capabilities(true);
    }

    /**
     * The verifier of the connection's PollyBot webhooks ({@code X-Webhook-Signature}, see {@link WorkspaceWebhooks}).
     *
     * @throws ConfigurationException for another provider's connection, a wrong option or no webhook secret
     */
    @Override
    public Optional<WebhookReader> webhooks(ConnectionConfig config) {
        requireOwn(config);
        LeadProviders.checkOptions(config, this);
        WebhookSecrets secrets = WebhookSecrets.of(config);
        return Optional.of(new WorkspaceWebhookReader(WorkspaceProvider.builder().configure(config).settings(),
                secrets));
    }

    private static void requireOwn(ConnectionConfig config) {
        if (!WorkspaceProvider.PROVIDER_ID.equals(config.provider())) {
            throw new ConfigurationException("connection '" + config.name() + "' is for provider '"
                    + config.provider() + "', not '" + WorkspaceProvider.PROVIDER_ID + "'",
                    ErrorDetails.of(WorkspaceProvider.PROVIDER_ID, config.name()));
        }
    }

    /**
     * Builds the provider for one connection.
     *
     * @throws ConfigurationException for another provider's connection, an unknown option or an invalid value
     */
    @Override
    public WorkspaceProvider create(ConnectionConfig config) {
        ErrorDetails where = ErrorDetails.of(WorkspaceProvider.PROVIDER_ID, config.name());
        if (!WorkspaceProvider.PROVIDER_ID.equals(config.provider())) {
            throw new ConfigurationException("connection '" + config.name() + "' is for provider '"
                    + config.provider() + "', not '" + WorkspaceProvider.PROVIDER_ID + "'", where);
        }
        LeadProviders.checkOptions(config, this);
        WorkspaceProvider.Builder builder = WorkspaceProvider.builder().configure(config);
        String chatbot = config.option(WorkspaceProvider.CHATBOT_ID_OPTION);
        if (chatbot != null) {
            builder.chatbotId(chatbot);
        }
        return builder.build();
    }
}
