package dev.leadbridge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.provider.nexor.NexorProvider;
import dev.leadbridge.provider.octanist.OctanistProvider;
import dev.leadbridge.provider.workspace.WorkspaceProvider;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A key an HTTP header cannot carry is the same typed configuration error, never showing the key, whichever way a
 * user builds the connection: properties or any provider's builder in Java.
 */
class ApiKeyCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {"sk-workspace_secret\r\nX-Injected: yes", "sk-workspace_clé-secret",
        "sk-workspace_ключ-secret", "sk-workspace_secret key", "sk-workspace_\u0000secret"})
    void everyProviderBuilderRefusesAKeyAHeaderCannotCarryWithATypedErrorWithoutTheKey(String key) {
        assertThatThrownBy(() -> OctanistProvider.builder().connection("acme").apiKey(key))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("api-key")
                .hasMessageContaining("visible ASCII").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> NexorProvider.builder().connection("acme").apiKey(key))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("visible ASCII")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> WorkspaceProvider.builder().connection("acme").apiKey(key))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("visible ASCII")
                .hasMessageNotContaining("secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"octanist", "nexor", "workspace-v1"})
    void propertiesWithSuchAKeyAreAConfigurationErrorNamingTheConnection(String provider) {
        Map<String, String> properties = Map.of("connections.acme.provider", provider,
                "connections.acme.api-key", "${KEY}");

        assertThatThrownBy(() -> LeadbridgeClient.fromProperties(properties,
                Map.of("KEY", "sk-workspace_secret\nmore")::get))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'connections.acme.api-key' of connection 'acme'")
                .hasMessageNotContaining("secret")
                .satisfies(e -> assertThat(((ConfigurationException) e).connection()).isEqualTo("acme"));
    }
}
