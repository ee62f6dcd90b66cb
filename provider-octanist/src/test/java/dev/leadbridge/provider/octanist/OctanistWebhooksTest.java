package dev.leadbridge.provider.octanist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.connect.LeadProviders;
import dev.leadbridge.core.error.ConfigurationException;
import org.junit.jupiter.api.Test;

/** Octanist sends no webhooks, and says so. */
class OctanistWebhooksTest {

    @Test
    void anOctanistConnectionHasNoWebhookReader() {
        ConnectionConfig config = ConnectionConfig.builder("acme-oct").provider("octanist").apiKey("oct-key").build();
        assertThat(LeadProviders.webhooks(config)).isEmpty();
    }

    @Test
    void aWebhookSecretOnAnOctanistConnectionIsAnUnknownKey() {
        ConnectionConfig config = ConnectionConfig.builder("acme-oct").provider("octanist").apiKey("oct-key")
                .option("webhook-secret", "whsec_x").build();
        assertThatThrownBy(() -> LeadProviders.webhooks(config))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown configuration key 'connections.acme-oct.webhook-secret'")
                .hasMessageNotContaining("whsec_x");
    }
}
