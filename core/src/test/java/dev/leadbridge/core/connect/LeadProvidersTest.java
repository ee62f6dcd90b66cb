package dev.leadbridge.core.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.ConnectionOptions;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.ProviderCapabilities;
import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.spi.LeadProviderFactory;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LeadProvidersTest {

    private static final LeadProviderFactory FACTORY = new LeadProviderFactory() {
        @Override
        public String providerId() {
            return "fake";
        }

        @Override
        public String defaultBaseUrl() {
            return "https://fake.example";
        }

        @Override
        public Set<String> optionKeys() {
            return Set.of("chatbot-id");
        }

        @Override
        public ProviderCapabilities capabilities() {
            return null;
        }

        @Override
        public LeadProvider create(ConnectionConfig config) {
            throw new UnsupportedOperationException();
        }
    };

    private static ConnectionConfig config(String key, String value) {
        return ConnectionConfig.builder("acme").provider("fake").apiKey("k").option(key, value).build();
    }

    @Test
    void checkOptionsNamesAnUnknownKey() {
        assertThatThrownBy(() -> LeadProviders.checkOptions(config("cache.tll", "5s"), FACTORY))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'connections.acme.cache.tll'");
    }

    @Test
    void checkOptionsAcceptsCoreProviderAndStatusKeys() {
        assertThatCode(() -> LeadProviders.checkOptions(config("cache.ttl", "5s"), FACTORY))
                .doesNotThrowAnyException();
        assertThatCode(() -> LeadProviders.checkOptions(config("chatbot-id", "cb1"), FACTORY))
                .doesNotThrowAnyException();
        assertThatCode(() -> LeadProviders.checkOptions(config("status.follow_up", "CONTACTED"), FACTORY))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> LeadProviders.checkOptions(config("status.", "WON"), FACTORY))
                .isInstanceOf(ConfigurationException.class);
        for (String key : ConnectionOptions.KEYS) {
            assertThatCode(() -> LeadProviders.checkOptions(config(key, "1"), FACTORY)).doesNotThrowAnyException();
        }
    }

    @Test
    void anUnknownProviderIsAnErrorNamingIt() {
        assertThatThrownBy(() -> LeadProviders.factory("nobody")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'nobody'");
    }

    @Test
    void aFactoryPublishesNoRateLimitByDefault() {
        assertThat(FACTORY.publishedRateLimit()).isEqualTo(Optional.empty());
    }
}
