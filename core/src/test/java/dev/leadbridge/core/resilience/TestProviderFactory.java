package dev.leadbridge.core.resilience;

import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.ProviderCapabilities;
import dev.leadbridge.core.api.RateLimitSpec;
import dev.leadbridge.core.spi.LeadProviderFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Registers {@link TestProvider} for {@code LeadProviders} (core's tests only; kept out of the test-jar). */
public final class TestProviderFactory implements LeadProviderFactory {

    /** The limit this fake provider publishes. */
    static final RateLimitSpec PUBLISHED = RateLimitSpec.of(500, Duration.ofHours(1));

    @Override
    public String providerId() {
        return TestProvider.PROVIDER;
    }

    @Override
    public String defaultBaseUrl() {
        return "https://api.testprov.example";
    }

    @Override
    public Set<String> optionKeys() {
        return Set.of("workspace");
    }

    @Override
    public ProviderCapabilities capabilities() {
        return new TestProvider("probe", defaultBaseUrl(), "probe-key", Duration.ofSeconds(1), Clock.systemUTC())
                .capabilities();
    }

    @Override
    public Optional<RateLimitSpec> publishedRateLimit() {
        return Optional.of(PUBLISHED);
    }

    @Override
    public LeadProvider create(ConnectionConfig config) {
        return new TestProvider(config.name(), config.baseUrlOr(defaultBaseUrl()), config.apiKey().reveal(),
                Duration.ofSeconds(5), Clock.systemUTC());
    }
}
