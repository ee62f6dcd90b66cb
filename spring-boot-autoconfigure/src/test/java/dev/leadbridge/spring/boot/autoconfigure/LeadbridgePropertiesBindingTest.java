package dev.leadbridge.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class LeadbridgePropertiesBindingTest {

    @Test
    void connectionNamesAndRawStatusValuesKeepTheirCaseAndUnderscoresAsInAPropertiesFile() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "leadbridge.connections.acme.status.follow_up", "QUALIFIED",
                "leadbridge.connections.acme.status.InProgress", "OPEN",
                "leadbridge.connections.acme.[status.Call back]", "CONTACTED",
                "leadbridge.connections.Acme_X.provider", "octanist")));
        LeadbridgeProperties properties = binder.bind("leadbridge", LeadbridgeProperties.class).get();
        assertThat(properties.toFlatProperties()).containsOnly(
                Map.entry("connections.acme.status.follow_up", "QUALIFIED"),
                Map.entry("connections.acme.status.InProgress", "OPEN"),
                Map.entry("connections.acme.status.Call back", "CONTACTED"),
                Map.entry("connections.Acme_X.provider", "octanist"));
    }

    @Test
    void nestedYamlStyleKeysFlattenToTheFileKeys() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "leadbridge.connections.polly.provider", "workspace-v1",
                "leadbridge.connections.polly.circuit-breaker.open-duration", "30s",
                "leadbridge.connections.polly.cache.ttl", "5m")));
        assertThat(binder.bind("leadbridge", LeadbridgeProperties.class).get().toFlatProperties()).containsOnly(
                Map.entry("connections.polly.provider", "workspace-v1"),
                Map.entry("connections.polly.circuit-breaker.open-duration", "30s"),
                Map.entry("connections.polly.cache.ttl", "5m"));
    }
}
