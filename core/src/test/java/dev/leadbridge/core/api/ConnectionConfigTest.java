package dev.leadbridge.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadbridge.core.error.ConfigurationException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionConfigTest {

    private static final Map<String, String> ENV = Map.of("OCTANIST_KEY", "oct-secret-1", "HOST", "octanist.com");

    private static List<ConnectionConfig> parse(Map<String, String> properties) {
        return ConnectionConfig.parse(properties, ENV::get);
    }

    @Test
    void readsConnectionsExpandingEnvironmentVariables() {
        // given
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("connections.acme-octanist.provider", "octanist");
        properties.put("connections.acme-octanist.base-url", "https://${HOST}/api");
        properties.put("connections.acme-octanist.api-key", "${OCTANIST_KEY}");
        properties.put("connections.acme-octanist.retry.max-attempts", " 4 ");
        properties.put("connections.beta.provider", "nexor");
        properties.put("connections.beta.api-key", "plain");

        // when
        List<ConnectionConfig> configs = parse(properties);

        // then
        assertThat(configs).extracting(ConnectionConfig::name).containsExactly("acme-octanist", "beta");
        ConnectionConfig acme = configs.get(0);
        assertThat(acme.baseUrl()).hasToString("https://octanist.com/api");
        assertThat(acme.apiKey().reveal()).isEqualTo("oct-secret-1");
        assertThat(acme.integer("retry.max-attempts", 3)).isEqualTo(4);
        assertThat(configs.get(1).baseUrlOr("https://api.getnexor.ai/api/public/"))
                .isEqualTo("https://api.getnexor.ai/api/public");
    }

    @Test
    void aMissingVariableIsAnErrorNamingIt() {
        assertThatThrownBy(() -> parse(Map.of("connections.a.provider", "octanist",
                "connections.a.api-key", "${NEXOR_KEY}")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("NEXOR_KEY")
                .hasMessageContaining("connections.a.api-key");
    }

    @Test
    void anUnknownTopLevelKeyIsAnErrorNamingIt() {
        assertThatThrownBy(() -> parse(Map.of("connection.a.provider", "octanist")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'connection.a.provider'");
        assertThatThrownBy(() -> parse(Map.of("connections.a", "x")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("connections.<name>.<setting>");
    }

    @Test
    void aConnectionWithoutProviderOrKeyIsAnError() {
        assertThatThrownBy(() -> parse(Map.of("connections.a.api-key", "k")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("connections.a.provider");
        assertThatThrownBy(() -> parse(Map.of("connections.a.provider", "nexor")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("connections.a.api-key");
        assertThatThrownBy(() -> ConnectionConfig.builder("a").provider("nexor").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("api-key");
    }

    @Test
    void plainHttpIsRefusedUnlessTheHostIsLoopback() {
        assertThatThrownBy(() -> parse(Map.of("connections.a.provider", "octanist", "connections.a.api-key", "k",
                "connections.a.base-url", "http://octanist.com/api")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("https");
        assertThatThrownBy(() -> ConnectionConfig.builder("a").provider("octanist").apiKey("k")
                .baseUrl("http://localhost.evil.example/api").build()).isInstanceOf(ConfigurationException.class);
        for (String url : List.of("http://127.0.0.1:8080/api", "http://localhost:1/api", "http://[::1]:9/api")) {
            assertThat(ConnectionConfig.builder("a").provider("octanist").apiKey("k").baseUrl(url).build().baseUrl())
                    .hasToString(url);
        }
    }

    @Test
    void toStringNeverShowsTheKey() {
        ConnectionConfig config = ConnectionConfig.builder("a").provider("octanist").apiKey("very-secret-key")
                .option("cache.ttl", "5s").build();
        assertThat(config.toString()).doesNotContain("very-secret-key").contains("****").contains("cache.ttl");
        assertThat(config.apiKey().toString()).doesNotContain("very-secret-key");
    }

    @Test
    void readsDurationsIntegersAndFlagsNamingTheKeyOnBadValues() {
        ConnectionConfig config = ConnectionConfig.builder("a").provider("octanist").apiKey("k")
                .option("t1", "500ms").option("t2", "PT30S").option("t3", "0").option("t4", "2h")
                .option("bad", "soon").option("n", "x").option("f", "yes").option("on", "TRUE").build();
        assertThat(config.duration("t1", null)).isEqualTo(Duration.ofMillis(500));
        assertThat(config.duration("t2", null)).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.duration("t3", null)).isZero();
        assertThat(config.duration("t4", null)).isEqualTo(Duration.ofHours(2));
        assertThat(config.duration("absent", Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.flag("on", false)).isTrue();
        assertThatThrownBy(() -> config.duration("bad", null)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("connections.a.bad");
        assertThatThrownBy(() -> config.integer("n", 0)).hasMessageContaining("connections.a.n");
        assertThatThrownBy(() -> config.flag("f", false)).hasMessageContaining("connections.a.f");
    }

    @Test
    void readsJavaProperties() {
        Properties properties = new Properties();
        properties.setProperty("connections.p.provider", "workspace-v1");
        properties.setProperty("connections.p.api-key", "k");
        assertThat(ConnectionConfig.parse(properties, name -> null)).singleElement()
                .extracting(ConnectionConfig::provider).isEqualTo("workspace-v1");
    }

    @Test
    void rejectsAnInvalidConnectionName() {
        assertThatThrownBy(() -> parse(Map.of("connections.a b.provider", "octanist",
                "connections.a b.api-key", "k"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'a b'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"secret-one\r\nX-Injected: 1", "secret-one\nrest", "clé-secret-1", "ключ-secret-1",
        "secret one", "secret\tone", "secret\u0000one", "secret\u00a0one", "secret\u007fone"})
    void aKeyAHeaderCannotCarryIsAConfigurationErrorNamingTheConnectionAndNeverTheKey(String key) {
        Map<String, String> env = Map.of("KEY", key);

        for (String written : List.of(key, "${KEY}")) {
            assertThatThrownBy(() -> ConnectionConfig.parse(Map.of("connections.acme.provider", "octanist",
                    "connections.acme.api-key", written), env::get))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("'connections.acme.api-key' of connection 'acme'")
                    .hasMessageContaining("visible ASCII")
                    .hasMessageNotContaining("secret")
                    .satisfies(e -> assertThat(((ConfigurationException) e).connection()).isEqualTo("acme"));
        }
        assertThatThrownBy(() -> ConnectionConfig.builder("acme").provider("octanist").apiKey(key))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'connections.acme.api-key' of connection 'acme'")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> ApiKey.of(key))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("api-key")
                .hasMessageNotContaining("secret");
    }

    @Test
    void saysWhatKindOfCharacterTheKeyHoldsWithoutShowingIt() {
        assertThatThrownBy(() -> ApiKey.of("abc\r\ndef")).hasMessageContaining("a line break at character 4 of 8");
        assertThatThrownBy(() -> ApiKey.of("abcé")).hasMessageContaining("a non-ASCII character at character 4");
        assertThatThrownBy(() -> ApiKey.of("a b")).hasMessageContaining("a space at character 2");
        assertThatThrownBy(() -> ApiKey.of("a\u0001b")).hasMessageContaining("a control character");
    }

    @Test
    void acceptsEveryVisibleAsciiCharacterAndTrimsTheSpaceAround() {
        StringBuilder all = new StringBuilder();
        for (char c = 0x21; c <= 0x7E; c++) {
            all.append(c);
        }

        assertThat(ApiKey.of("  " + all + "\t\n").reveal()).isEqualTo(all.toString());
        assertThat(ConnectionConfig.builder("a").provider("octanist").apiKey(all.toString()).build().apiKey())
                .isEqualTo(ApiKey.of(all.toString()));
    }
}
