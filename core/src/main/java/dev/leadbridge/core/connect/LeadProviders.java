package dev.leadbridge.core.connect;

import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.WebhookReader;
import dev.leadbridge.core.api.ConnectionOptions;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.ProviderDescription;
import dev.leadbridge.core.cache.CacheSettings;
import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.resilience.ResilienceSettings;
import dev.leadbridge.core.resilience.ResilientLeadProvider;
import dev.leadbridge.core.spi.LeadProviderFactory;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds {@link LeadProviderFactory}s through {@link ServiceLoader} and opens providers from configuration, so that
 * swapping a provider is a change of configuration, not of code.
 */
public final class LeadProviders {

    private LeadProviders() {
    }

    /** Every factory on the class path. */
    public static List<LeadProviderFactory> factories() {
        List<LeadProviderFactory> found = new ArrayList<>();
        ServiceLoader.load(LeadProviderFactory.class, LeadProviders.class.getClassLoader()).forEach(found::add);
        return found;
    }

    /** Every provider on the class path, described for users (sorted by provider id). */
    public static List<ProviderDescription> available() {
        return factories().stream()
                .map(f -> new ProviderDescription(f.providerId(), f.defaultBaseUrl(), f.optionKeys(), f.capabilities()))
                .sorted(java.util.Comparator.comparing(ProviderDescription::providerId))
                .toList();
    }

    /**
     * The one factory for {@code providerId}.
     *
     * @throws ConfigurationException when none or more than one is found, naming what was found
     */
    public static LeadProviderFactory factory(String providerId) {
        List<LeadProviderFactory> all = factories();
        List<LeadProviderFactory> matching = all.stream().filter(f -> f.providerId().equals(providerId)).toList();
        if (matching.size() == 1) {
            return matching.get(0);
        }
        Set<String> ids = new TreeSet<>();
        all.forEach(f -> ids.add(f.providerId()));
        if (matching.isEmpty()) {
            throw new ConfigurationException("no provider '" + providerId + "' on the class path; found " + ids,
                    new ErrorDetails(providerId, null, null, null, null));
        }
        throw new ConfigurationException(matching.size() + " factories claim provider '" + providerId + "': "
                + matching.stream().map(f -> f.getClass().getName()).toList(),
                new ErrorDetails(providerId, null, null, null, null));
    }

    /**
     * Checks that every option of {@code config} is known to core or to its provider's factory.
     *
     * @throws ConfigurationException naming the first unknown key
     */
    public static void checkOptions(ConnectionConfig config, LeadProviderFactory factory) {
        for (String key : config.options().keySet()) {
            boolean known = ConnectionOptions.KEYS.contains(key) || factory.optionKeys().contains(key)
                    || (key.startsWith(ConnectionOptions.STATUS_PREFIX)
                    && key.length() > ConnectionOptions.STATUS_PREFIX.length());
            if (!known) {
                throw new ConfigurationException("unknown configuration key 'connections." + config.name() + "."
                        + key + "'", ErrorDetails.of(config.provider(), config.name()));
            }
        }
    }

    /**
     * The verifier of a connection's webhook deliveries (see {@link WebhookReader}); empty when its provider sends no
     * webhooks (Octanist). Calls nothing.
     *
     * @throws ConfigurationException when the provider is unknown, an option is wrong or the connection has no
     *                                {@code webhook-secret}
     */
    public static Optional<WebhookReader> webhooks(ConnectionConfig config) {
        LeadProviderFactory factory = factory(config.provider());
        checkOptions(config, factory);
        return factory.webhooks(config);
    }

    /**
     * Opens a connection ready for use: finds its factory, checks the options, builds the provider and wraps it in the
     * resilience and caching layers configured by the connection's options (see {@link ResilientLeadProvider} for the
     * order of the layers and {@link ResilienceSettings} / {@link CacheSettings} for the options; the provider's
     * published rate limit is the default local limit). {@link ResilientLeadProvider#bare()} gives the bare provider.
     *
     * @throws ConfigurationException when the provider is unknown or an option is wrong (checked before anything is
     *                                built)
     */
    public static ResilientLeadProvider open(ConnectionConfig config) {
        LeadProviderFactory factory = factory(config.provider());
        checkOptions(config, factory);
        ResilienceSettings settings = ResilienceSettings.forConnection(config, factory.publishedRateLimit());
        CacheSettings cache = CacheSettings.forConnection(config);
        LeadProvider bare = factory.create(config);
        try {
            return ResilientLeadProvider.wrap(bare, settings, cache);
        } catch (RuntimeException e) {
            bare.close();
            throw e;
        }
    }

    /**
     * Opens a bare provider for one connection, without resilience or caching: finds its factory, checks the options
     * and builds it. Every call goes straight to the provider, once.
     *
     * @throws ConfigurationException when the provider is unknown or an option is wrong
     */
    public static LeadProvider openBare(ConnectionConfig config) {
        LeadProviderFactory factory = factory(config.provider());
        checkOptions(config, factory);
        return factory.create(config);
    }
}
