package dev.leadbridge.provider.nexor;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.Operation;
import dev.leadbridge.core.connect.LeadProviders;
import dev.leadbridge.core.error.ConfigurationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NexorProviderFactoryTest extends WireMockSupport {

    private List<ConnectionConfig> parse(Map<String, String> properties) {
        return ConnectionConfig.parse(properties, name -> name.equals("NEXOR_KEY") ? KEY : null);
    }

    @Test
    void theServiceLoaderFindsTheNexorFactory() {
        assertThat(LeadProviders.factory("nexor")).isInstanceOf(NexorProviderFactory.class);
        assertThat(LeadProviders.factory("nexor").defaultBaseUrl()).isEqualTo("https://api.getnexor.ai/api/public");
        assertThat(LeadProviders.factory("nexor").capabilities().operations()).containsExactlyInAnyOrder(
                Operation.GET, Operation.CREATE, Operation.BULK_CREATE, Operation.UPDATE, Operation.CHANGE_STATUS);
    }

    @Test
    void aConfiguredConnectionReachesItsBaseUrlWithItsKeyAndStatusOverrides() {
        givenGetAnswers(200, json("{'id': '" + LEAD_ID + "', 'first_name': 'A',"
                + " 'currentStatus': {'key': 'nurture', 'category': 'active'}}"));
        ConnectionConfig config = parse(Map.of(
                "connections.acme.provider", "nexor",
                "connections.acme.base-url", baseUrl() + "/",
                "connections.acme.api-key", "${NEXOR_KEY}",
                "connections.acme.status.nurture", "qualified",
                "connections.acme.bulk-size", "500",
                "connections.acme.read-timeout", "10s",
                "connections.acme.default-region", "NL")).get(0);

        LeadProvider nexor = LeadProviders.open(config);

        assertThat(nexor.connection()).isEqualTo("acme");
        assertThat(nexor.get(LEAD_ID).status()).isEqualTo(LeadStatus.QUALIFIED);
        wire.verify(1, getRequestedFor(urlEqualTo(LEAD_PATH)).withHeader("X-API-Key", equalTo(KEY)));
        assertThat(nexor.toString()).doesNotContain(KEY);
    }

    @Test
    void anUnknownOptionIsAConfigurationErrorNamingTheKey() {
        ConnectionConfig config = parse(Map.of("connections.acme.provider", "nexor",
                "connections.acme.api-key", KEY, "connections.acme.page-size", "10")).get(0);

        assertThatThrownBy(() -> LeadProviders.open(config)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("connections.acme.page-size");
    }

    @Test
    void aBulkSizeAbove1000IsAConfigurationError() {
        ConnectionConfig config = parse(Map.of("connections.acme.provider", "nexor",
                "connections.acme.api-key", KEY, "connections.acme.bulk-size", "1001")).get(0);

        assertThatThrownBy(() -> LeadProviders.open(config)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("bulk-size");
    }

    @Test
    void aStatusOverrideToAnUnknownCategoryIsAConfigurationError() {
        ConnectionConfig config = parse(Map.of("connections.acme.provider", "nexor",
                "connections.acme.api-key", KEY, "connections.acme.status.nurture", "maybe")).get(0);

        assertThatThrownBy(() -> LeadProviders.open(config)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("status.nurture");
    }

    @Test
    void withoutABaseUrlTheDocumentedProductionUrlIsUsed() {
        ConnectionConfig config = parse(Map.of("connections.acme.provider", "nexor",
                "connections.acme.api-key", KEY)).get(0);

        assertThat(LeadProviders.open(config).toString()).contains("https://api.getnexor.ai/api/public");
    }

    @Test
    void theBuilderRefusesPlainHttpToANonLoopbackHostAndAMissingKey() {
        assertThatThrownBy(() -> NexorProvider.builder().baseUrl("http://api.getnexor.ai/api/public").apiKey(KEY)
                .build()).isInstanceOf(ConfigurationException.class).hasMessageContaining("https");
        assertThatThrownBy(() -> NexorProvider.builder().build()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("API key");
    }

    @Test
    void theBuilderRefusesRepeatedAndOutOfRangeSettings() {
        assertThatThrownBy(() -> NexorProvider.builder().apiKey(KEY).apiKey(KEY))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("apiKey");
        assertThatThrownBy(() -> NexorProvider.builder().bulkSize(0)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> NexorProvider.builder().readTimeout(java.time.Duration.ZERO))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void anOverrideMovingTheDefaultKeyAwaySendsAnotherKeyForThatStatus() {
        wire.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo(LEAD_PATH + "/status"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"success\":true}")));
        givenGetAnswers(200, json("{'id': '" + LEAD_ID + "', 'first_name': 'A'}"));
        NexorProvider custom = builder().statusOverride("won", LeadStatus.QUALIFIED)
                .statusOverride("closed_won", LeadStatus.WON).build();

        custom.update(LEAD_ID, dev.leadbridge.core.LeadUpdate.builder().status(LeadStatus.WON).build());

        wire.verify(1, com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                urlEqualTo(LEAD_PATH + "/status")).withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.equalToJson("{\"status_key\":\"closed_won\"}")));
    }
}
