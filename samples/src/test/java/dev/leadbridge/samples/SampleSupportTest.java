package dev.leadbridge.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadbridge.core.api.ConnectionConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleSupportTest {

    @Test
    void takesTheConfigurationFileFromTheFirstArgumentBeforeTheEnvironment() {
        Map<String, String> env = Map.of("LEADBRIDGE_CONFIG", "/etc/leadbridge.properties");

        assertThat(SampleSupport.configPath(new String[] {"mine.properties"}, env::get))
                .isEqualTo(Path.of("mine.properties"));
        assertThat(SampleSupport.configPath(new String[0], env::get))
                .isEqualTo(Path.of("/etc/leadbridge.properties"));
    }

    @Test
    void explainsWhereTheConfigurationComesFromWhenNothingNamesIt() {
        assertThatThrownBy(() -> SampleSupport.configPath(new String[0], People::noEnvironment))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LEADBRIDGE_CONFIG");
    }

    @Test
    void namesAConfigurationFileThatDoesNotExist() {
        assertThatThrownBy(() -> SampleSupport.load(Path.of("config", "missing.properties")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing.properties");
    }

    @Test
    void shipsAnAgencyConfigurationWithOneConnectionPerProvider() {
        List<ConnectionConfig> connections = ConnectionConfig.parse(
                SampleSupport.load(Path.of("config", "agency.properties")), name -> "key-of-" + name);

        assertThat(connections).extracting(ConnectionConfig::name, ConnectionConfig::provider)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("acme-octanist", "octanist"),
                        org.assertj.core.groups.Tuple.tuple("acme-chat", "workspace-v1"),
                        org.assertj.core.groups.Tuple.tuple("acme-nexor", "nexor"));
    }
}
