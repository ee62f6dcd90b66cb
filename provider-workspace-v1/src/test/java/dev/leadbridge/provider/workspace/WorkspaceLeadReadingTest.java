package dev.leadbridge.provider.workspace;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.leadbridge.provider.workspace.WireMockLeads.BASE;
import static dev.leadbridge.provider.workspace.WireMockLeads.DOCS_LEAD;
import static dev.leadbridge.provider.workspace.WireMockLeads.NEWER_LEAD;
import static dev.leadbridge.provider.workspace.WireMockLeads.lead;
import static dev.leadbridge.provider.workspace.WireMockLeads.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.UnreadableField;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.PersonKey;
import dev.leadbridge.core.Reference;
import dev.leadbridge.core.error.MalformedResponseException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The tolerant reader: both lead models, any status case, offsets, alternative shapes, wrong types. */
class WorkspaceLeadReadingTest {

    private static final String ID = "lead_1234567890abcdef";

    @RegisterExtension
    static WireMockExtension server = WireMockLeads.server();

    private Lead getLead(String json) {
        String id = json.contains("\"cmipr3rf400t3n42y5plvmhd5\"") ? "cmipr3rf400t3n42y5plvmhd5" : ID;
        server.stubFor(get(BASE + "/leads/" + id).willReturn(okJson(single(json))));
        return WireMockLeads.builder(server).build().get(id);
    }

    @Test
    void aDocsModelLeadFillsTheCanonicalFieldsAndAttribution() {
        // when
        Lead lead = getLead(DOCS_LEAD);
        // then
        assertThat(lead.id()).isEqualTo("acme-ws:" + ID);
        assertThat(lead.connection()).isEqualTo("acme-ws");
        assertThat(lead.provider()).isEqualTo("workspace-v1");
        assertThat(lead.name()).isEqualTo("John Doe");
        assertThat(lead.firstName()).isNull();
        assertThat(lead.email()).isEqualTo("john.doe@example.com");
        assertThat(lead.phone()).isEqualTo("+1-555-123-4567");
        assertThat(lead.phoneE164()).isEqualTo("+15551234567");
        assertThat(lead.personKey()).isEqualTo(PersonKey.of("john.doe@example.com", null));
        assertThat(lead.source()).isEqualTo("website");
        assertThat(lead.status()).isEqualTo(LeadStatus.OPEN);
        assertThat(lead.statusRaw()).isEqualTo("new");
        assertThat(lead.company()).as("company in metadata is custom data, not a field").isNull();
        assertThat(lead.custom()).containsEntry("company", "Tech Corp").containsEntry("utm_source", "google");
        assertThat(lead.attribution().utmSource()).isEqualTo("google");
        assertThat(lead.attribution().utmMedium()).isEqualTo("cpc");
        assertThat(lead.attribution().utmCampaign()).isEqualTo("spring");
        assertThat(lead.attribution().clickIds()).isEmpty();
        assertThat(lead.createdAt()).isEqualTo(Instant.parse("2024-01-15T10:30:00Z"));
        assertThat(lead.updatedAt()).isEqualTo(Instant.parse("2024-01-16T11:00:00Z"));
        assertThat(lead.raw().get("workspaceId").asText()).isEqualTo("ws_your_workspace_id");
        assertThat(lead.labels()).isEmpty();
        assertThat(lead.assignee()).isNull();
    }

    @Test
    void aNewerModelLeadMapsItsExtraFieldsAndKeepsTheRestInRaw() {
        // when
        Lead lead = getLead(NEWER_LEAD);
        // then
        assertThat(lead.nativeId()).isEqualTo("cmipr3rf400t3n42y5plvmhd5");
        assertThat(lead.email()).isEqualTo("Ana.Lima@Example.com");
        assertThat(lead.personKey()).isEqualTo(PersonKey.of("ana.lima@example.com", null));
        assertThat(lead.status()).isEqualTo(LeadStatus.WON);
        assertThat(lead.statusRaw()).isEqualTo("CONVERTED");
        assertThat(lead.company()).isEqualTo("Lima BV");
        assertThat(lead.note()).isEqualTo("called twice");
        assertThat(lead.labels()).containsExactly("vip", "q3");
        assertThat(lead.assignee()).isEqualTo(Reference.of("agent_42", null));
        assertThat(lead.custom()).containsEntry("budget", 5000L).containsEntry("utm_source", "newsletter");
        assertThat(lead.attribution().utmSource()).isEqualTo("newsletter");
        assertThat(lead.createdAt()).as("offset converted to UTC").isEqualTo(Instant.parse("2025-12-01T08:00:00Z"));
        assertThat(lead.raw().get("priority").asText()).isEqualTo("HIGH");
        assertThat(lead.raw().get("message").asText()).isEqualTo("Please call me");
        assertThat(lead.raw().get("chatbots").get("name").asText()).isEqualTo("Website Assistant");
    }

    @Test
    void metadataAndCustomFieldsAreMergedWithCustomFieldsWinning() {
        // given
        String json = DOCS_LEAD.replace("\"metadata\":{", "\"customFields\":{\"utm_source\":\"bing\",\"tier\":2},"
                + "\"metadata\":{");
        // when
        Lead lead = getLead(json);
        // then
        assertThat(lead.custom()).containsEntry("utm_source", "bing").containsEntry("tier", 2L)
                .containsEntry("company", "Tech Corp");
        assertThat(lead.attribution().utmSource()).isEqualTo("bing");
    }

    @ParameterizedTest
    @CsvSource({
            "new, OPEN", "NEW, OPEN", "contacted, CONTACTED", "Follow_Up, CONTACTED", "UNRESPONSIVE, CONTACTED",
            "qualified, QUALIFIED", "NEGOTIATING, QUALIFIED", "converted, WON", "LOST, LOST", "archived, UNKNOWN"})
    void statusesMapInAnyCaseAndUnseenValuesAreUnknownWithTheRawValueKept(String raw, LeadStatus expected) {
        // when
        Lead lead = getLead(DOCS_LEAD.replace("\"status\":\"new\"", "\"status\":\"" + raw + "\""));
        // then
        assertThat(lead.status()).isEqualTo(expected);
        assertThat(lead.statusRaw()).isEqualTo(raw);
    }

    @Test
    void aStatusOverrideOfTheConnectionChangesTheCategory() {
        // given
        server.stubFor(get(BASE + "/leads/" + ID).willReturn(okJson(single(DOCS_LEAD.replace("\"status\":\"new\"",
                "\"status\":\"archived\"")))));
        WorkspaceProvider provider = WireMockLeads.builder(server).statusOverride("Archived", LeadStatus.LOST).build();
        // when
        Lead lead = provider.get(ID);
        // then
        assertThat(lead.status()).isEqualTo(LeadStatus.LOST);
    }

    @Test
    void nullAndMissingOptionalFieldsAreTolerated() {
        // when
        Lead lead = getLead("{\"id\":\"" + ID + "\",\"name\":null,\"metadata\":null,\"customFields\":null,"
                + "\"tags\":null,\"createdAt\":null}");
        // then
        assertThat(lead.name()).isNull();
        assertThat(lead.status()).isEqualTo(LeadStatus.UNKNOWN);
        assertThat(lead.custom()).isEmpty();
        assertThat(lead.createdAt()).isNull();
        assertThat(lead.personKey()).isNull();
    }

    @Test
    void aTimestampWithoutOffsetIsReadAsUtc() {
        // when
        Lead lead = getLead(DOCS_LEAD.replace("2024-01-15T10:30:00.000Z", "2024-01-15T10:30:00"));
        // then
        assertThat(lead.createdAt()).isEqualTo(Instant.parse("2024-01-15T10:30:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"metadata\":\"not an object\"", "\"tags\":{\"a\":1}", "\"customFields\":[1,2]",
            "\"id\":{\"x\":1}"})
    void aStructuredFieldOfTheWrongTypeIsAMalformedResponse(String field) {
        // given
        String json = field.startsWith("\"id\"") ? "{" + field + "}" : "{\"id\":\"" + ID + "\"," + field + "}";
        server.stubFor(get(BASE + "/leads/" + ID).willReturn(okJson(single(json))));
        // when / then
        assertThatThrownBy(() -> WireMockLeads.builder(server).build().get(ID))
                .isInstanceOf(MalformedResponseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"name\":{\"first\":\"John\"}", "\"email\":{\"x\":1}", "\"createdAt\":\"yesterday\"",
            "\"createdAt\":1700000000"})
    void aPlainFieldOfTheWrongTypeIsReadAsNullAndTheLeadKeptWithItsOriginalInRaw(String field) {
        // given
        String json = "{\"id\":\"" + ID + "\",\"phone\":\"+31612345678\"," + field + "}";
        server.stubFor(get(BASE + "/leads/" + ID).willReturn(okJson(single(json))));
        // when
        Lead lead = WireMockLeads.builder(server).build().get(ID);
        // then
        String name = field.substring(1, field.indexOf('"', 1));
        assertThat(lead.nativeId()).isEqualTo(ID);
        assertThat(lead.phone()).isEqualTo("+31612345678");
        assertThat(lead.name()).isNull();
        assertThat(lead.email()).isNull();
        assertThat(lead.createdAt()).isNull();
        assertThat(lead.raw().get(name).toString()).isEqualTo(field.substring(field.indexOf(':') + 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"name\":{\"first\":\"John\"}", "\"email\":{\"x\":1}", "\"createdAt\":1700000000"})
    void aGotLeadNamesItsFieldsOfTheWrongTypeForItsCallerToWarnAndAReadableOneNone(String field) {
        // given
        String json = "{\"id\":\"" + ID + "\",\"phone\":\"+31612345678\"," + field + "}";
        server.stubFor(get(BASE + "/leads/" + ID).willReturn(okJson(single(json))));
        WorkspaceProvider provider = WireMockLeads.builder(server).build();
        // when
        Lead lead = provider.get(ID);
        // then
        String name = field.substring(1, field.indexOf('"', 1));
        assertThat(provider.unreadableFields(lead)).containsExactly(new UnreadableField(ID, name));
        assertThat(provider.unreadableFields(getLead(DOCS_LEAD))).isEmpty();
    }

    @Test
    void aLeadWithoutIdIsAMalformedResponse() {
        // given
        server.stubFor(get(urlPathEqualTo(BASE + "/leads")).willReturn(okJson(
                "{\"success\":true,\"data\":{\"leads\":[{\"name\":\"No Id\"}],\"pagination\":{}}}")));
        // when / then
        assertThatThrownBy(() -> WireMockLeads.builder(server).build().list(LeadQuery.ALL, 1))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("no id");
    }

    @Test
    void aLeadAtTheTopLevelWithoutDataIsAccepted() {
        // given: the public client unwraps body.data || body
        server.stubFor(get(BASE + "/leads/" + ID).willReturn(okJson(DOCS_LEAD)));
        // when
        Lead lead = WireMockLeads.builder(server).build().get(ID);
        // then
        assertThat(lead.name()).isEqualTo("John Doe");
    }

    @Test
    void aListingWhoseDataIsTheListAndHasNoPaginationIsRead() {
        // given
        server.stubFor(get(urlPathEqualTo(BASE + "/leads")).willReturn(okJson("{\"success\":true,\"data\":["
                + lead("lead_1", "Ann", "ann@example.com", null, "new", "2026-01-02T00:00:00.000Z") + "]}")));
        // when
        LeadPage page = WireMockLeads.builder(server).build().list(LeadQuery.builder().pageSize(10).build(), 1);
        // then
        assertThat(page.leads()).extracting(Lead::name).containsExactly("Ann");
        assertThat(page.hasMore()).isFalse();
        assertThat(page.totalPages()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"success\":true,\"data\":{\"leads\":{}}}",
            "{\"success\":true,\"data\":{\"leads\":[17]}}",
            "{\"success\":true,\"data\":{\"leads\":[],\"pagination\":{\"hasNext\":{}}}}",
            "{\"success\":true,\"data\":{\"leads\":[],\"pagination\":[]}}",
            "{\"success\":true,\"data\":\"leads\"}",
            "[]"})
    void aListingOfTheWrongShapeIsAMalformedResponse(String body) {
        // given
        server.stubFor(get(urlPathEqualTo(BASE + "/leads")).willReturn(okJson(body)));
        // when / then
        assertThatThrownBy(() -> WireMockLeads.builder(server).build().list(LeadQuery.ALL, 1))
                .isInstanceOf(MalformedResponseException.class);
    }

    @Test
    void listItemsWithFewerFieldsThanGetAreRead() {
        // given: docs list items lack workspaceId
        server.stubFor(get(urlPathEqualTo(BASE + "/leads")).willReturn(okJson(WireMockLeads.listing(1, 100, 1,
                DOCS_LEAD.replaceAll(",\\s*\"workspaceId\":\"[^\"]*\"", "")))));
        // when
        List<Lead> leads = WireMockLeads.builder(server).build().list(LeadQuery.ALL, 1).leads();
        // then
        assertThat(leads).singleElement().satisfies(l -> {
            assertThat(l.raw().has("workspaceId")).isFalse();
            assertThat(l.custom()).isEqualTo(Map.of("utm_source", "google", "utm_medium", "cpc",
                    "utm_campaign", "spring", "company", "Tech Corp"));
        });
    }
}
