package dev.leadbridge.provider.octanist;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadbridge.core.Consent;
import dev.leadbridge.core.GoogleAds;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.PersonKey;
import dev.leadbridge.core.error.InvalidLeadIdException;
import dev.leadbridge.core.error.MalformedResponseException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OctanistGetTest extends WireMockSupport {

    private void answer(String leadJson) {
        wm.stubFor(get(urlPathMatching("/api/leads/.*")).willReturn(okJson(
                "{\"success\":true,\"data\":" + leadJson + ",\"meta\":{\"requestId\":\"req_1\"}}")));
    }

    @Test
    void mapsEveryFieldOfTheDocumentedExampleLead() {
        wm.stubFor(get(urlEqualTo("/api/leads/lead_abc123")).willReturn(okJson(example("get-lead.json"))));

        Lead lead = provider().get("lead_abc123");

        assertThat(lead.id()).isEqualTo("acme:lead_abc123");
        assertThat(lead.connection()).isEqualTo("acme");
        assertThat(lead.provider()).isEqualTo("octanist");
        assertThat(lead.nativeId()).isEqualTo("lead_abc123");
        assertThat(lead.name()).isEqualTo("John Doe");
        assertThat(lead.firstName()).isNull();
        assertThat(lead.email()).isEqualTo("john@example.com");
        assertThat(lead.phone()).isEqualTo("+1234567890");
        assertThat(lead.personKey()).isEqualTo(PersonKey.of("john@example.com", null));
        assertThat(lead.status()).isEqualTo(LeadStatus.QUALIFIED);
        assertThat(lead.statusRaw()).isEqualTo("qualified");
        assertThat(lead.value()).isEqualByComparingTo(new BigDecimal("1500.50"));
        assertThat(lead.note()).isEqualTo("Interested in premium plan");
        assertThat(lead.lossReason()).isNull();
        assertThat(lead.conversionName()).isEqualTo("Contact Form");
        assertThat(lead.source()).isEqualTo("inbound");
        assertThat(lead.custom()).isEqualTo(Map.of("company", "Acme Inc"));
        assertThat(lead.labels()).containsExactly("label_xyz");
        assertThat(lead.attribution().website()).isEqualTo("https://example.com");
        assertThat(lead.attribution().path()).isEqualTo("/contact");
        assertThat(lead.attribution().utmSource()).isEqualTo("google");
        assertThat(lead.attribution().utmMedium()).isEqualTo("cpc");
        assertThat(lead.attribution().utmCampaign()).isEqualTo("spring_sale");
        assertThat(lead.attribution().clickIds()).containsExactly(
                Map.entry("gclid", "abc123"), Map.entry("ga4cid", "GA1.1.123456789.1234567890"),
                Map.entry("ga4sid", "1234567890"), Map.entry("fbc", "fb.1.1234567890.abcdef"),
                Map.entry("fbp", "fb.1.1234567890.1234567890"), Map.entry("msclkid", "ms_click_123"),
                Map.entry("ttclid", "tt_click_123"), Map.entry("twclid", "tw_click_123"),
                Map.entry("rdt_cid", "rdt_123"), Map.entry("sccid", "sc_123"), Map.entry("li_fat_id", "li_123"));
        assertThat(lead.attribution().googleAds()).isEqualTo(new GoogleAds("123456789", "Spring Campaign",
                "987654321", "Ad Group 1", "111222333"));
        assertThat(lead.consent()).isEqualTo(new Consent(true, true, false, true));
        assertThat(lead.createdAt()).isEqualTo(Instant.parse("2026-03-10T12:00:00Z"));
        assertThat(lead.updatedAt()).isEqualTo(Instant.parse("2026-03-10T12:30:00Z"));
        assertThat(lead.qualifiedAt()).isEqualTo(Instant.parse("2026-03-10T12:30:00Z"));
        assertThat(lead.expiresAt()).isEqualTo(Instant.parse("2026-06-08T12:00:00Z"));
        assertThat(lead.raw().get("selectedConversionEventId").asText()).isEqualTo("conv_123");
        assertThat(lead.campaign()).isNull();
    }

    @Test
    void sendsTheApiKeyHeaderAndAcceptsJson() {
        wm.stubFor(get(urlEqualTo("/api/leads/lead_abc123")).willReturn(okJson(example("get-lead.json"))));
        provider().get("lead_abc123");
        wm.verify(getRequestedFor(urlEqualTo("/api/leads/lead_abc123"))
                .withHeader("X-API-KEY", equalTo(API_KEY))
                .withHeader("Accept", equalTo("application/json")));
    }

    @Test
    void readsALegacyBareLeadObject() {
        wm.stubFor(get(urlEqualTo("/api/leads/lead_123")).willReturn(okJson("{\"id\":\"lead_123\",\"name\":\"John\","
                + "\"status\":\"win\",\"currency\":\"USD\",\"createdAt\":\"2024-01-15T10:30:00Z\"}")));
        Lead lead = provider().get("lead_123");
        assertThat(lead.status()).isEqualTo(LeadStatus.WON);
        assertThat(lead.statusRaw()).isEqualTo("win");
        assertThat(lead.createdAt()).isEqualTo(Instant.parse("2024-01-15T10:30:00Z"));
        assertThat(lead.raw().get("currency").asText()).isEqualTo("USD");
    }

    @Test
    void keepsUnknownFieldsInRaw() {
        answer("{\"id\":\"lead_1\",\"status\":\"open\",\"brandNewField\":{\"nested\":[1,2]}}");
        assertThat(provider().get("lead_1").raw().get("brandNewField").get("nested").get(1).asInt()).isEqualTo(2);
    }

    @Test
    void mapsStatusesInAnyCaseAndKeepsUnseenOnesAsUnknownWithTheirRawValue() {
        answer("{\"id\":\"lead_1\",\"status\":\"LOST\"}");
        assertThat(provider().get("lead_1").status()).isEqualTo(LeadStatus.LOST);
        answer("{\"id\":\"lead_1\",\"status\":\"archived\"}");
        Lead lead = provider().get("lead_1");
        assertThat(lead.status()).isEqualTo(LeadStatus.UNKNOWN);
        assertThat(lead.statusRaw()).isEqualTo("archived");
    }

    @Test
    void convertsTimestampsWithOffsetsToUtc() {
        answer("{\"id\":\"lead_1\",\"createdAt\":\"2026-03-10T14:00:00.000+02:00\","
                + "\"updatedAt\":\"2026-03-10T12:00:00\"}");
        Lead lead = provider().get("lead_1");
        assertThat(lead.createdAt()).isEqualTo(Instant.parse("2026-03-10T12:00:00Z"));
        assertThat(lead.updatedAt()).isEqualTo(Instant.parse("2026-03-10T12:00:00Z"));
    }

    @Test
    void keepsCustomTextThatIsNotAJsonObjectUnderTheTextKey() {
        answer("{\"id\":\"lead_1\",\"custom\":\"call after 5pm\"}");
        assertThat(provider().get("lead_1").custom()).isEqualTo(Map.of(OctanistProvider.CUSTOM_TEXT_KEY,
                "call after 5pm"));
        answer("{\"id\":\"lead_1\",\"custom\":\"[1,2]\"}");
        assertThat(provider().get("lead_1").custom()).isEqualTo(Map.of("_text", "[1,2]"));
        answer("{\"id\":\"lead_1\",\"custom\":\"{\\\"a\\\":1} trailing\"}");
        assertThat(provider().get("lead_1").custom()).isEqualTo(Map.of("_text", "{\"a\":1} trailing"));
        answer("{\"id\":\"lead_1\",\"custom\":\"{\\\"a\\\":\"}");
        assertThat(provider().get("lead_1").custom()).isEqualTo(Map.of("_text", "{\"a\":"));

        answer("{\"id\":\"lead_1\",\"custom\":\"{not really json\"}");
        assertThat(provider().get("lead_1").custom()).isEqualTo(Map.of("_text", "{not really json"));
        answer("{\"id\":\"lead_1\",\"custom\":\"{\\\"a\\\":1.50} trailing\"}");
        assertThat(provider().get("lead_1").custom()).isEqualTo(Map.of("_text", "{\"a\":1.50} trailing"));
    }

    @Test
    void readsDecimalsInCustomTextAsTheTreeDoes() {
        answer("{\"id\":\"lead_1\",\"custom\":\"{\\\"m2\\\":82.50,\\\"f\\\":1E2,\\\"n\\\":3}\"}");
        Map<String, Object> custom = provider().get("lead_1").custom();
        assertThat(custom.get("m2")).isEqualTo(new BigDecimal("82.5"));
        assertThat(custom.get("f")).isEqualTo(new BigDecimal("1E+2"));
        assertThat(custom.get("n")).isEqualTo(3L);
    }

    @Test
    void acceptsCustomSentAsAnObjectAndFillsAttributionGapsFromItsUtmValues() {
        answer("{\"id\":\"lead_1\",\"utm_source\":\"google\",\"custom\":{\"utm_source\":\"bing\","
                + "\"utm_campaign\":\"spring\",\"plan\":{\"seats\":5}}}");
        Lead lead = provider().get("lead_1");
        assertThat(lead.custom()).containsEntry("plan", Map.of("seats", 5L));
        assertThat(lead.attribution().utmSource()).isEqualTo("google");
        assertThat(lead.attribution().utmCampaign()).isEqualTo("spring");
    }

    @Test
    void dropsBlankClickIdsAndReadsConsentStringsAndALabelList() {
        answer("{\"id\":\"lead_1\",\"gclid\":\"\",\"fbc\":\"fb.1\",\"ad_storage\":\"granted\","
                + "\"ad_user_data\":\"DENIED\",\"labelId\":[\"l1\",\"l2\"]}");
        Lead lead = provider().get("lead_1");
        assertThat(lead.attribution().clickIds()).containsExactly(Map.entry("fbc", "fb.1"));
        assertThat(lead.consent()).isEqualTo(new Consent(true, false, null, null));
        assertThat(lead.labels()).isEqualTo(List.of("l1", "l2"));
    }

    @Test
    void derivesThePhoneInE164WithTheDefaultRegion() {
        answer("{\"id\":\"lead_1\",\"phone\":\"06 12345678\"}");
        Lead lead = provider().get("lead_1");
        assertThat(lead.phoneE164()).isEqualTo("+31612345678");
        assertThat(lead.personKey()).isEqualTo(PersonKey.of(null, "+31612345678"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"value:\"lots\"", "value:true", "name:{\"first\":\"J\"}", "email:{\"x\":1}",
            "createdAt:\"yesterday\"", "createdAt:1700000000"})
    void aPlainFieldOfTheWrongTypeIsReadAsNullAndTheLeadKeptWithItsOriginalInRaw(String field) {
        String name = field.substring(0, field.indexOf(':'));
        String value = field.substring(field.indexOf(':') + 1);
        answer("{\"id\":\"lead_1\",\"phone\":\"+31612345678\",\"" + name + "\":" + value + "}");
        Lead lead = provider().get("lead_1");
        assertThat(lead.nativeId()).isEqualTo("lead_1");
        assertThat(lead.phone()).isEqualTo("+31612345678");
        assertThat(lead.value()).isNull();
        assertThat(lead.name()).isNull();
        assertThat(lead.email()).isNull();
        assertThat(lead.createdAt()).isNull();
        assertThat(lead.raw().get(name).toString()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"id\":\"lead_1\",\"ad_storage\":\"maybe\"}",
            "{\"id\":\"lead_1\",\"labelId\":{\"id\":\"x\"}}",
            "{\"name\":\"no id\"}",
            "{\"id\":{\"x\":1}}",
            "[]"})
    void wronglyTypedStructuredFieldsAreMalformedResponses(String lead) {
        answer(lead);
        assertThatThrownBy(() -> provider().get("lead_1")).isInstanceOf(MalformedResponseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"success\":true,\"data\":{\"id\":", "", "[1,2", "\"just a string\"", "42",
            "{\"success\":true,\"data\":17}", "{\"success\":true,\"data\":[]}", "{\"success\":true}",
            "{\"success\":true,\"data\":null}", "[{\"id\":\"lead_1\"}]"})
    void truncatedEmptyOrWronglyShapedBodiesAreMalformedResponses(String body) {
        wm.stubFor(get(urlEqualTo("/api/leads/lead_1")).willReturn(okJson(body)));
        assertThatThrownBy(() -> provider().get("lead_1")).isInstanceOf(MalformedResponseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../leads", "a/b", "%2F", "lead_1%2F..", "x?y=1", "two words", "..", ".", "a#b", " ",
            "", "lead\u00e9", "lead\n1", "a\\b"})
    void idsThatCouldChangeTheRequestPathAreRejectedBeforeAnyRequest(String id) {
        assertThatThrownBy(() -> provider().get(id)).isInstanceOf(InvalidLeadIdException.class);
        assertThatThrownBy(() -> provider().update(id, dev.leadbridge.core.LeadUpdate.builder().note("x").build()))
                .isInstanceOf(InvalidLeadIdException.class);
        assertThat(requests()).isEmpty();
    }

    @Test
    void aNullIdIsRejectedBeforeAnyRequest() {
        assertThatThrownBy(() -> provider().get(null)).isInstanceOf(InvalidLeadIdException.class);
        assertThat(requests()).isEmpty();
    }

    @Test
    void idsWithDotsDashesAndTildesReachTheirOwnPathUnchanged() {
        wm.stubFor(get(urlEqualTo("/api/leads/lead_a.b-c~d")).willReturn(okJson(
                "{\"success\":true,\"data\":{\"id\":\"lead_a.b-c~d\"}}")));
        assertThat(provider().get("lead_a.b-c~d").nativeId()).isEqualTo("lead_a.b-c~d");
        assertThat(onlyUrl()).isEqualTo("/api/leads/lead_a.b-c~d");
    }
}
