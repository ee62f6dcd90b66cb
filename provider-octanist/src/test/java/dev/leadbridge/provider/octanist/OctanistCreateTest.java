package dev.leadbridge.provider.octanist;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.leadbridge.core.Attribution;
import dev.leadbridge.core.Consent;
import dev.leadbridge.core.GoogleAds;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.error.InvalidRequestException;
import dev.leadbridge.core.error.OperationNotSupportedException;
import dev.leadbridge.core.error.OutcomeUnknownException;
import dev.leadbridge.core.error.ProviderUnavailableException;
import dev.leadbridge.core.error.RejectedException;
import dev.leadbridge.core.resilience.ResilientLeadProvider;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OctanistCreateTest extends WireMockSupport {

    @BeforeEach
    void answerCreateAndReadBack() {
        wm.stubFor(post(urlEqualTo("/api/leads")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(example("create.json"))));
        wm.stubFor(get(urlEqualTo("/api/leads/lead_abc123")).willReturn(okJson(example("get-lead.json"))));
    }

    private static String sentBody() {
        return requests().stream().filter(r -> r.getMethod().getName().equals("POST")).findFirst()
                .orElseThrow().getBodyAsString();
    }

    @Test
    void sendsEveryDocumentedFieldAndReturnsTheLeadAsStored() {
        Map<String, String> clickIds = new LinkedHashMap<>();
        for (String id : List.of("li_fat_id", "gclid", "dclid", "wbraid", "gbraid", "ga4cid", "ga4sid", "fbc", "fbp",
                "msclkid", "ttclid", "twclid", "rdt_cid", "sccid", "epik")) {
            clickIds.put(id, id + "-value");
        }
        NewLead lead = NewLead.builder()
                .name("John Doe").email("john@example.com").phone("+1234567890").note("Wants a demo")
                .custom(Map.of("company", "Acme Inc"))
                .attribution(new Attribution("https://example.com", "/contact", "google", "cpc", "spring",
                        clickIds, null))
                .consent(new Consent(true, false, true, false))
                .providerFields(Map.of("sessionId", "octa_sid_123"))
                .build();

        Lead created = provider().create(lead);

        assertThat(created.nativeId()).isEqualTo("lead_abc123");
        assertThat(created.name()).isEqualTo("John Doe");
        wm.verify(postRequestedFor(urlEqualTo("/api/leads"))
                .withHeader("X-API-KEY", equalTo(API_KEY))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"name":"John Doe","email":"john@example.com","phone":"+1234567890",
                         "custom":"{\\"company\\":\\"Acme Inc\\"}","note":"Wants a demo",
                         "website":"https://example.com","path":"/contact",
                         "gclid":"gclid-value","dclid":"dclid-value","wbraid":"wbraid-value","gbraid":"gbraid-value",
                         "ga4cid":"ga4cid-value","ga4sid":"ga4sid-value","fbc":"fbc-value","fbp":"fbp-value",
                         "msclkid":"msclkid-value","ttclid":"ttclid-value","twclid":"twclid-value",
                         "rdt_cid":"rdt_cid-value","sccid":"sccid-value","epik":"epik-value",
                         "li_fat_id":"li_fat_id-value",
                         "utm_source":"google","utm_medium":"cpc","utm_campaign":"spring",
                         "ad_storage":true,"ad_user_data":false,"ad_personalization":true,"analytics_storage":false,
                         "sessionId":"octa_sid_123"}""")));
        assertThat(requests()).extracting(r -> r.getMethod().getName() + " " + r.getUrl())
                .containsExactly("POST /api/leads", "GET /api/leads/lead_abc123");
    }

    @Test
    void sendsNothingThatWasNotGiven() {
        provider().create(NewLead.builder().email("only@example.com").build());
        assertThat(sentBody()).isEqualTo("{\"email\":\"only@example.com\"}");
    }

    @Test
    void sendsCustomHoldingOnlyTheTextKeyAsThatText() {
        provider().create(NewLead.builder().custom(Map.of(OctanistProvider.CUSTOM_TEXT_KEY, "call after 5pm")).build());
        assertThat(sentBody()).isEqualTo("{\"custom\":\"call after 5pm\"}");
    }

    @Test
    void joinsFirstAndLastNameWhenNoFullNameIsGiven() {
        provider().create(NewLead.builder().firstName("John").lastName("Doe").build());
        assertThat(sentBody()).isEqualTo("{\"name\":\"John Doe\"}");
    }

    @Test
    void consentStringsAmongProviderFieldsAreTrueOnlyForTheWordTrueInAnyCase() {
        provider().create(NewLead.builder().email("a@example.com").providerFields(Map.of(
                "ad_storage", "TRUE", "ad_user_data", "granted", "ad_personalization", "yes",
                "analytics_storage", true)).build());
        wm.verify(postRequestedFor(urlEqualTo("/api/leads")).withRequestBody(equalToJson(
                "{\"email\":\"a@example.com\",\"ad_storage\":true,\"ad_user_data\":false,"
                        + "\"ad_personalization\":false,\"analytics_storage\":true}")));
    }

    @Test
    void aLeadWithoutNameEmailPhoneOrCustomIsRejectedBeforeAnyRequest() {
        assertThatThrownBy(() -> provider().create(NewLead.builder().name("  ").note("no contact").build()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("name, email, phone or custom");
        assertThat(requests()).isEmpty();
    }

    @Test
    void fieldsOctanistCannotStoreAreNamedAndRejectedBeforeAnyRequest() {
        NewLead lead = NewLead.builder().name("Jo").company("Acme").title("CEO").value(BigDecimal.TEN)
                .status(LeadStatus.WON).source("api").campaignId("c1")
                .attribution(new Attribution(null, null, null, null, null, Map.of("yclid", "1"),
                        new GoogleAds("1", null, null, null, null)))
                .build();
        assertThatThrownBy(() -> provider().create(lead))
                .isInstanceOf(OperationNotSupportedException.class)
                .hasMessageContaining("company").hasMessageContaining("title").hasMessageContaining("value")
                .hasMessageContaining("status WON").hasMessageContaining("source")
                .hasMessageContaining("campaignId").hasMessageContaining("googleAds")
                .hasMessageContaining("yclid");
        assertThat(requests()).isEmpty();
    }

    @Test
    void anOpenStatusIsAcceptedBecauseNewLeadsAreOpen() {
        provider().create(NewLead.builder().email("a@example.com").status(LeadStatus.OPEN).build());
        assertThat(sentBody()).isEqualTo("{\"email\":\"a@example.com\"}");
    }

    @Test
    void aProviderFieldRepeatingALeadFieldIsRejected() {
        assertThatThrownBy(() -> provider().create(NewLead.builder().email("a@example.com")
                .providerFields(Map.of("email", "b@example.com")).build()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'email'");
        assertThat(requests()).isEmpty();
    }

    @Test
    void readsTheLegacyCreateAnswer() {
        wm.stubFor(post(urlEqualTo("/api/leads")).willReturn(okJson(example("create-legacy.json"))));
        wm.stubFor(get(urlEqualTo("/api/leads/lead_123")).willReturn(okJson("{\"id\":\"lead_123\",\"name\":\"J\"}")));
        assertThat(provider().create(NewLead.builder().name("J").build()).nativeId()).isEqualTo("lead_123");
    }

    @Test
    void aLeadRejectedByFilteringRulesIsRejected() {
        wm.stubFor(post(urlEqualTo("/api/leads")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody("{\"success\":false,\"error\":{\"code\":"
                        + "\"FORBIDDEN\",\"message\":\"Lead rejected by filtering rules\"}}")));
        assertThatThrownBy(() -> provider().create(NewLead.builder().name("Spam").build()))
                .isInstanceOf(RejectedException.class).hasMessageContaining("filtering rules");
    }

    @Test
    void aServerErrorAfterSendingLeavesTheOutcomeUnknown() {
        wm.stubFor(post(urlEqualTo("/api/leads")).willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "text/html").withBody("<html>502</html>")));
        // the bare provider reports the failure; the resilience layer (as LeadProviders.open gives it) judges it
        assertThatThrownBy(() -> provider().create(NewLead.builder().name("J").build()))
                .isInstanceOf(ProviderUnavailableException.class)
                .satisfies(e -> assertThat(((ProviderUnavailableException) e).requestMayHaveReachedServer()).isTrue());
        assertThatThrownBy(() -> ResilientLeadProvider.wrap(provider()).create(NewLead.builder().name("J").build()))
                .isInstanceOf(OutcomeUnknownException.class)
                .hasCauseInstanceOf(ProviderUnavailableException.class)
                .satisfies(e -> assertThat(((OutcomeUnknownException) e).isRetriable()).isFalse());
        wm.verify(2, postRequestedFor(urlEqualTo("/api/leads")));
    }

    @Test
    void aDroppedConnectionAfterSendingLeavesTheOutcomeUnknown() {
        wm.stubFor(post(urlEqualTo("/api/leads")).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        assertThatThrownBy(() -> ResilientLeadProvider.wrap(provider()).create(NewLead.builder().name("J").build()))
                .isInstanceOf(OutcomeUnknownException.class);
    }

    @Test
    void anUnreadableCreateAnswerLeavesTheOutcomeUnknown() {
        wm.stubFor(post(urlEqualTo("/api/leads")).willReturn(okJson("{\"success\":true,\"data\":{\"message\":\"ok\"}}")));
        assertThatThrownBy(() -> provider().create(NewLead.builder().name("J").build()))
                .isInstanceOf(OutcomeUnknownException.class);
    }

    @Test
    void aFailedReadBackNamesTheCreatedId() {
        wm.stubFor(get(urlEqualTo("/api/leads/lead_abc123")).willReturn(aResponse().withStatus(500)));
        assertThatThrownBy(() -> provider().create(NewLead.builder().name("J").build()))
                .isInstanceOf(OutcomeUnknownException.class)
                .hasMessageContaining("lead_abc123");
    }
}
