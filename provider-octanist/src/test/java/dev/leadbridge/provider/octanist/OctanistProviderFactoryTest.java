package dev.leadbridge.provider.octanist;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.Operation;
import dev.leadbridge.core.connect.LeadProviders;
import dev.leadbridge.core.error.ConfigurationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OctanistProviderFactoryTest extends WireMockSupport {

    private static ConnectionConfig config(Map<String, String> extra) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("connections.acme.provider", "octanist");
        props.put("connections.acme.base-url", wm.baseUrl() + "/api/");
        props.put("connections.acme.api-key", "${OCT_KEY}");
        extra.forEach((k, v) -> props.put("connections.acme." + k, v));
        return ConnectionConfig.parse(props, name -> name.equals("OCT_KEY") ? API_KEY : null).get(0);
    }

    @Test
    void isFoundByServiceLoaderUnderItsProviderId() {
        assertThat(LeadProviders.factory("octanist")).isInstanceOf(OctanistProviderFactory.class);
        OctanistProviderFactory factory = new OctanistProviderFactory();
        assertThat(factory.defaultBaseUrl()).isEqualTo("https://octanist.com/api");
        assertThat(factory.capabilities().operations()).containsExactlyInAnyOrder(Operation.GET, Operation.LIST,
                Operation.CREATE, Operation.UPDATE, Operation.CHANGE_STATUS);
        assertThat(factory.capabilities().maxPageSize()).isEqualTo(100);
        assertThat(factory.capabilities().reportsTotalPages()).isTrue();
    }

    @Test
    void opensAWorkingProviderFromConfigurationWithOptionsAndStatusOverrides() {
        wm.stubFor(get(urlEqualTo("/api/leads/lead_1")).willReturn(okJson(
                "{\"success\":true,\"data\":{\"id\":\"lead_1\",\"status\":\"archived\",\"phone\":\"020 794 6095\"}}")));
        LeadProvider provider = LeadProviders.open(config(Map.of("status.archived", "lost",
                "default-region", "GB", "read-timeout", "5s", "connect-timeout", "2s", "pin-listings", "false")));

        var lead = provider.get("lead_1");

        assertThat(provider.connection()).isEqualTo("acme");
        assertThat(lead.status()).isEqualTo(LeadStatus.LOST);
        assertThat(lead.phoneE164()).isEqualTo("+44207946095");
        assertThat(provider.toString()).doesNotContain(API_KEY);
    }

    @Test
    void pinListingsFalseSendsNoPin() {
        wm.stubFor(get(urlEqualTo(wire("/api/leads?limit=100&page=1&sort=createdAt:desc")))
                .willReturn(okJson("[]")));
        LeadProvider provider = LeadProviders.open(config(Map.of("pin-listings", "false")));
        assertThat(provider.list(LeadQuery.ALL, 1).leads()).isEmpty();
    }

    @Test
    void unknownOptionsAndBadValuesAreConfigurationErrorsNamingTheKey() {
        assertThatThrownBy(() -> LeadProviders.open(config(Map.of("page-sise", "10"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("page-sise");
        assertThatThrownBy(() -> LeadProviders.open(config(Map.of("status.archived", "gone"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("status.archived");
        assertThatThrownBy(() -> LeadProviders.open(config(Map.of("pin-listings", "maybe"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("pin-listings");
        assertThatThrownBy(() -> LeadProviders.open(config(Map.of("default-region", "Netherlands"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("default-region");
    }

    @Test
    void theBuilderRefusesPlainHttpToANonLoopbackHost() {
        assertThatThrownBy(() -> OctanistProvider.builder().baseUrl("http://octanist.com/api"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("https");
        assertThat(OctanistProvider.builder().baseUrl("http://127.0.0.1:8080/api").connection("a").apiKey("k")
                .build().toString()).contains("http://127.0.0.1:8080/api");
    }

    @Test
    void theBuilderRejectsRepeatedSettingsAndRequiresConnectionAndKey() {
        assertThatThrownBy(() -> OctanistProvider.builder().apiKey("a").apiKey("b"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("apiKey was already set")
                .hasMessageNotContaining("a\"");
        assertThatThrownBy(() -> OctanistProvider.builder().apiKey("k").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("connection");
        assertThatThrownBy(() -> OctanistProvider.builder().connection("acme").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("apiKey");
        assertThatThrownBy(() -> OctanistProvider.builder().connection("a b"))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void theDefaultBaseUrlIsTheDocumentedProductionApi() {
        assertThat(OctanistProvider.builder().connection("acme").apiKey("k").build().toString())
                .contains("https://octanist.com/api");
        assertThat(List.of(OctanistProvider.CUSTOM_TEXT_KEY)).containsExactly("_text");
    }
}
