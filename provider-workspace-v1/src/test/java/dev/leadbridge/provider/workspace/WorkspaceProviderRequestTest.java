package dev.leadbridge.provider.workspace;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.leadbridge.provider.workspace.WireMockLeads.BASE;
import static dev.leadbridge.provider.workspace.WireMockLeads.DOCS_LEAD;
import static dev.leadbridge.provider.workspace.WireMockLeads.KEY;
import static dev.leadbridge.provider.workspace.WireMockLeads.NEWER_LEAD;
import static dev.leadbridge.provider.workspace.WireMockLeads.lead;
import static dev.leadbridge.provider.workspace.WireMockLeads.listing;
import static dev.leadbridge.provider.workspace.WireMockLeads.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.leadbridge.core.Attribution;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.SortField;
import dev.leadbridge.core.api.Operation;
import dev.leadbridge.core.error.InvalidLeadIdException;
import dev.leadbridge.core.error.InvalidRequestException;
import dev.leadbridge.core.error.OperationNotSupportedException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The exact requests the provider sends: paths, query strings, headers and bodies. */
class WorkspaceProviderRequestTest {

    private static final String CHATBOT = "cb_1234567890abcdef";

    @RegisterExtension
    static WireMockExtension server = WireMockLeads.server();

    private WorkspaceProvider provider() {
        return WireMockLeads.builder(server).build();
    }

    private WorkspaceProvider chatbotProvider() {
        return WireMockLeads.builder(server).chatbotId(CHATBOT).build();
    }

    private List<LoggedRequest> requests() {
        return server.findAll(anyRequestedFor(anyUrl()));
    }

    // ---------------------------------------------------------------- paths and headers

    @Test
    void getSendsTheBearerKeyAndJsonHeadersToTheWorkspaceLevelPath() {
        // given
        server.stubFor(get(BASE + "/leads/lead_1234567890abcdef").willReturn(okJson(single(DOCS_LEAD))));
        // when
        Lead lead = provider().get("lead_1234567890abcdef");
        // then
        assertThat(lead.nativeId()).isEqualTo("lead_1234567890abcdef");
        server.verify(getRequestedFor(urlEqualTo(BASE + "/leads/lead_1234567890abcdef"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Accept", equalTo("application/json")));
    }

    @Test
    void aChatbotIdSwitchesEveryCallToTheChatbotScopedPaths() {
        // given
        String item = BASE + "/chatbots/" + CHATBOT + "/leads/cmipr3rf400t3n42y5plvmhd5";
        server.stubFor(get(item).willReturn(okJson(single(NEWER_LEAD))));
        server.stubFor(put(item).willReturn(okJson(single(NEWER_LEAD))));
        server.stubFor(delete(item).willReturn(okJson("{\"success\":true,\"message\":\"Lead deleted successfully\","
                + "\"data\":{\"id\":\"cmipr3rf400t3n42y5plvmhd5\",\"deletedAt\":\"2024-01-16T15:45:00.000Z\"}}")));
        server.stubFor(get(urlPathEqualTo(BASE + "/chatbots/" + CHATBOT + "/leads"))
                .willReturn(okJson(listing(1, 100, 1, NEWER_LEAD))));
        server.stubFor(post(BASE + "/chatbots/" + CHATBOT + "/leads")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(single(NEWER_LEAD))));
        WorkspaceProvider provider = chatbotProvider();
        // when
        provider.get("cmipr3rf400t3n42y5plvmhd5");
        provider.list(LeadQuery.ALL, 1);
        provider.create(NewLead.builder().name("Ana Lima").email("ana.lima@example.com").build());
        provider.update("cmipr3rf400t3n42y5plvmhd5", LeadUpdate.builder().status(LeadStatus.WON).build());
        provider.delete("cmipr3rf400t3n42y5plvmhd5");
        // then
        assertThat(requests()).hasSize(5).allSatisfy(r ->
                assertThat(r.getUrl()).startsWith(BASE + "/chatbots/" + CHATBOT + "/leads"));
        assertThat(provider.capabilities().supports(Operation.CREATE)).isTrue();
    }

    // ---------------------------------------------------------------- listing

    @Test
    void listSendsPageLimitAndThePushedDownFilters() {
        // given
        server.stubFor(get(urlPathEqualTo(BASE + "/leads")).willReturn(okJson(listing(2, 25, 26,
                lead("lead_1", "Carla Archer", "carla@example.com", null, "new", "2026-01-02T00:00:00.000Z")
                        .replace("\"website\"", "\"api\"")))));
        LeadQuery query = LeadQuery.builder().status(LeadStatus.OPEN).source("api").search("ar").pageSize(25).build();
        // when
        LeadPage page = provider().list(query, 2);
        // then
        server.verify(getRequestedFor(urlEqualTo(BASE + "/leads?page=2&limit=25&status=new&source=api&search=ar")));
        assertThat(page.page()).isEqualTo(2);
        assertThat(page.pageSize()).isEqualTo(25);
        assertThat(page.totalPages()).isEqualTo(2);
        assertThat(page.totalCount()).isEqualTo(26L);
        assertThat(page.hasMore()).isFalse();
        assertThat(page.leads()).extracting(Lead::name).containsExactly("Carla Archer");
    }

    @Test
    void aTriedSortByUpdatedAtSendsTheUndocumentedSortParametersWhichListNeverSends() {
        // given
        server.stubFor(get(urlPathEqualTo(BASE + "/leads")).willReturn(okJson(listing(1, 100, 0))));
        LeadQuery sorted = LeadQuery.builder().sortBy(SortField.UPDATED_AT, true).pageSize(100).build();
        // when
        provider().listTryingSort(sorted, 3);
        provider().listTryingSort(LeadQuery.builder().sortBy(SortField.NAME, true).build(), 1);
        provider().list(LeadQuery.builder().sortBy(SortField.CREATED_AT, false).pageSize(100).build(), 1);
        // then: a sort the provider does not try is listed in the natural order, which is never sent
        assertThat(requests()).extracting(LoggedRequest::getUrl).containsExactly(
                BASE + "/leads?page=3&limit=100&sortBy=updatedAt&sortOrder=asc",
                BASE + "/leads?page=1&limit=100",
                BASE + "/leads?page=1&limit=100");
    }

    @Test
    void theLimitIsCappedAtTheDocumentedMaximumOfOneHundred() {
        // given
        server.stubFor(get(urlPathEqualTo(BASE + "/leads")).willReturn(okJson(listing(1, 100, 0))));
        // when
        provider().list(LeadQuery.builder().pageSize(1000).build(), 1);
        // then
        server.verify(getRequestedFor(urlEqualTo(BASE + "/leads?page=1&limit=100")));
    }

    @Test
    void aCategoryWithSeveralRawValuesIsFilteredOnTheClientNotOnTheServer() {
        // given: QUALIFIED stands for qualified and negotiating
        server.stubFor(get(urlPathEqualTo(BASE + "/leads")).willReturn(okJson(listing(1, 100, 3,
                lead("lead_1", "Ann", "ann@example.com", null, "qualified", "2026-01-03T00:00:00.000Z"),
                lead("lead_2", "Ben", "ben@example.com", null, "NEGOTIATING", "2026-01-02T00:00:00.000Z"),
                lead("lead_3", "Cid", "cid@example.com", null, "new", "2026-01-01T00:00:00.000Z")))));
        // when
        LeadPage page = provider().list(LeadQuery.builder().status(LeadStatus.QUALIFIED).build(), 1);
        // then
        server.verify(getRequestedFor(urlEqualTo(BASE + "/leads?page=1&limit=100")));
        assertThat(page.leads()).extracting(Lead::name).containsExactly("Ann", "Ben");
    }

    @Test
    void severalCategoriesOrSeveralSourcesAreNotPushedDown() {
        // given
        server.stubFor(get(urlPathEqualTo(BASE + "/leads")).willReturn(okJson(listing(1, 100, 0))));
        // when
        provider().list(LeadQuery.builder().status(LeadStatus.WON, LeadStatus.LOST).source("api", "web").build(), 1);
        // then
        server.verify(getRequestedFor(urlEqualTo(BASE + "/leads?page=1&limit=100")));
    }

    @Test
    void theStatusIsSentInUpperCaseOnceTheServerWasSeenToUseUpperCaseStatuses() {
        // given
        server.stubFor(get(BASE + "/leads/cmipr3rf400t3n42y5plvmhd5").willReturn(okJson(single(NEWER_LEAD))));
        server.stubFor(get(urlPathEqualTo(BASE + "/leads")).willReturn(okJson(listing(1, 100, 0))));
        WorkspaceProvider provider = provider();
        provider.list(LeadQuery.builder().status(LeadStatus.WON).build(), 1);
        // when
        provider.get("cmipr3rf400t3n42y5plvmhd5");
        provider.list(LeadQuery.builder().status(LeadStatus.WON).build(), 1);
        // then
        server.verify(getRequestedFor(urlEqualTo(BASE + "/leads?page=1&limit=100&status=converted")));
        server.verify(getRequestedFor(urlEqualTo(BASE + "/leads?page=1&limit=100&status=CONVERTED")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"555", "e", "+31 (6) 123-45", "x12", "EXT"})
    void aSearchThatCouldMatchAPhoneIsFilteredOnTheClient(String text) {
        // given
        server.stubFor(get(urlPathEqualTo(BASE + "/leads")).willReturn(okJson(listing(1, 100, 0))));
        // when
        provider().list(LeadQuery.builder().search(text).build(), 1);
        // then
        server.verify(getRequestedFor(urlEqualTo(BASE + "/leads?page=1&limit=100")));
    }

    @Test
    void aPhoneSearchFindsTheLeadWhoseOnlyMatchIsItsPhone() {
        // given
        server.stubFor(get(urlPathEqualTo(BASE + "/leads")).willReturn(okJson(listing(1, 100, 2,
                lead("lead_1", "Ann", "ann@example.com", "+1 415 555 0101", "new", "2026-01-02T00:00:00.000Z"),
                lead("lead_2", "Ben", "ben@example.com", "+31 6 1234", "new", "2026-01-01T00:00:00.000Z")))));
        // when
        LeadPage page = provider().list(LeadQuery.builder().search("555").build(), 1);
        // then
        assertThat(page.leads()).extracting(Lead::name).containsExactly("Ann");
    }

    @ParameterizedTest
    @ValueSource(strings = {"o'brien & co=1", "john+tag@example.com", "50% off #1", "ü/ß?"})
    void searchTextArrivesUnchangedWhateverItsCharacters(String text) {
        // given
        server.stubFor(get(urlPathEqualTo(BASE + "/leads")).willReturn(okJson(listing(1, 100, 0))));
        // when
        provider().list(LeadQuery.builder().search(text).build(), 1);
        // then
        server.verify(getRequestedFor(urlPathEqualTo(BASE + "/leads"))
                .withQueryParam("search", equalTo(text))
                .withQueryParam("sortBy", absent())
                .withQueryParam("sortOrder", absent()));
        assertThat(requests().get(0).getUrl()).doesNotContain(" ");
    }

    @Test
    void aSortOtherThanTheServersIsDoneOnTheClientWithoutSortParameters() {
        // given
        server.stubFor(get(urlPathEqualTo(BASE + "/leads")).willReturn(okJson(listing(1, 100, 3,
                lead("lead_1", "carol", "c@example.com", null, "new", "2026-01-03T00:00:00.000Z"),
                lead("lead_2", "Alice", "a@example.com", null, "new", "2026-01-02T00:00:00.000Z"),
                lead("lead_3", "bob", "b@example.com", null, "new", "2026-01-01T00:00:00.000Z")))));
        // when
        List<String> names;
        try (Stream<Lead> leads = provider().stream(LeadQuery.builder().sortBy(SortField.NAME, true).build())) {
            names = leads.map(Lead::name).toList();
        }
        // then
        assertThat(names).containsExactly("Alice", "bob", "carol");
        server.verify(getRequestedFor(urlEqualTo(BASE + "/leads?page=1&limit=100")));
        assertThatThrownBy(() -> provider().list(LeadQuery.builder().sortBy(SortField.NAME, true).build(), 1))
                .isInstanceOf(OperationNotSupportedException.class);
    }

    @Test
    void streamingFollowsHasNextAndDropsALeadRepeatedByAShiftedPage() {
        // given: an insert during the listing shifts lead_2 from page 1 onto page 2
        server.stubFor(get(urlEqualTo(BASE + "/leads?page=1&limit=2")).willReturn(okJson(listing(1, 2, 3,
                lead("lead_1", "One", "one@example.com", null, "new", "2026-01-03T00:00:00.000Z"),
                lead("lead_2", "Two", "two@example.com", null, "new", "2026-01-02T00:00:00.000Z")))));
        server.stubFor(get(urlEqualTo(BASE + "/leads?page=2&limit=2")).willReturn(okJson(listing(2, 2, 4,
                lead("lead_2", "Two", "two@example.com", null, "new", "2026-01-02T00:00:00.000Z"),
                lead("lead_3", "Three", "three@example.com", null, "new", "2026-01-01T00:00:00.000Z")))));
        // when
        List<String> names;
        try (Stream<Lead> leads = provider().stream(LeadQuery.builder().pageSize(2).build())) {
            names = leads.map(Lead::name).toList();
        }
        // then
        assertThat(names).containsExactly("One", "Two", "Three");
        assertThat(requests()).hasSize(2);
    }

    // ---------------------------------------------------------------- create

    @Test
    void createSendsTheDocumentedBodyWithUtmValuesInMetadata() {
        // given
        server.stubFor(post(BASE + "/chatbots/" + CHATBOT + "/leads").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(single(DOCS_LEAD))));
        NewLead lead = NewLead.builder().name("John Doe").email(" john.doe@example.com ").phone("+1-555-123-4567")
                .source("website").status(LeadStatus.WON).custom(Map.of("score", 7))
                .attribution(new Attribution(null, null, "google", "cpc", null, Map.of(), null))
                .providerFields(Map.of("priority", "HIGH")).build();
        // when
        Lead created = chatbotProvider().create(lead);
        // then
        server.verify(postRequestedFor(urlEqualTo(BASE + "/chatbots/" + CHATBOT + "/leads"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"name":"John Doe","email":"john.doe@example.com","phone":"+1-555-123-4567",
                         "source":"website","status":"converted",
                         "metadata":{"score":7,"utm_source":"google","utm_medium":"cpc"},"priority":"HIGH"}""")));
        assertThat(created.nativeId()).isEqualTo("lead_1234567890abcdef");
    }

    @Test
    void createJoinsFirstAndLastNameWhenNoFullNameIsGiven() {
        // given
        server.stubFor(post(BASE + "/chatbots/" + CHATBOT + "/leads").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(single(DOCS_LEAD))));
        // when
        chatbotProvider().create(NewLead.builder().firstName("John").lastName("Doe").email("j@example.com").build());
        // then
        server.verify(postRequestedFor(urlEqualTo(BASE + "/chatbots/" + CHATBOT + "/leads"))
                .withRequestBody(equalToJson("{\"name\":\"John Doe\",\"email\":\"j@example.com\"}")));
    }

    @Test
    void createWithoutAChatbotIdIsNotSupportedAndSendsNothing() {
        // given
        WorkspaceProvider provider = provider();
        // when / then
        assertThat(provider.capabilities().supports(Operation.CREATE)).isFalse();
        assertThatThrownBy(() -> provider.create(NewLead.builder().name("A").email("a@example.com").build()))
                .isInstanceOf(OperationNotSupportedException.class)
                .hasMessageContaining("chatbot-id")
                .hasMessageContaining("workspace-v1");
        assertThat(requests()).isEmpty();
    }

    @Test
    void createWithoutNameOrEmailIsRejectedBeforeTheRequest() {
        // given
        WorkspaceProvider provider = chatbotProvider();
        // when / then
        assertThatThrownBy(() -> provider.create(NewLead.builder().phone("+31 6 12345678").build()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("requires name and email")
                .hasMessageContaining("missing: name, email");
        assertThatThrownBy(() -> provider.create(NewLead.builder().name("Ann").email("  ").build()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("missing: email");
        assertThat(requests()).isEmpty();
    }

    @Test
    void createRefusesFieldsTheApiCannotStoreNamingThem() {
        // given
        NewLead lead = NewLead.builder().name("Ann").email("ann@example.com").company("Acme").value(BigDecimal.TEN)
                .attribution(new Attribution(null, null, null, null, null, Map.of("gclid", "g-1"), null)).build();
        // when / then
        assertThatThrownBy(() -> chatbotProvider().create(lead))
                .isInstanceOf(OperationNotSupportedException.class)
                .hasMessageContaining("company, value, attribution.clickIds");
        assertThat(requests()).isEmpty();
    }

    // ---------------------------------------------------------------- update and delete

    @Test
    void updateSendsOnlyTheChangedFieldsWithNullsThatClear() {
        // given
        server.stubFor(put(BASE + "/leads/lead_1234567890abcdef").willReturn(okJson(single(DOCS_LEAD))));
        Map<String, Object> custom = new HashMap<>();
        custom.put("score", 9);
        custom.put("old", null);
        LeadUpdate update = LeadUpdate.builder().name("John Q. Doe").phone(null).status(LeadStatus.QUALIFIED)
                .custom(custom).build();
        // when
        Lead updated = provider().update("lead_1234567890abcdef", update);
        // then
        server.verify(putRequestedFor(urlEqualTo(BASE + "/leads/lead_1234567890abcdef"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"name":"John Q. Doe","phone":null,"status":"qualified",
                         "metadata":{"score":9,"old":null}}""")));
        assertThat(updated.name()).isEqualTo("John Doe");
    }

    @Test
    void updateRefusesFieldsTheApiCannotChangeNamingThemBeforeAnyRequest() {
        // given
        LeadUpdate update = LeadUpdate.builder().company("Acme").value(BigDecimal.ONE).status(LeadStatus.WON).build();
        // when / then
        assertThatThrownBy(() -> provider().update("lead_1234567890abcdef", update))
                .isInstanceOf(OperationNotSupportedException.class)
                .hasMessageContaining("cannot update company, value");
        assertThat(requests()).isEmpty();
    }

    @Test
    void updateCannotClearTheRequiredNameOrEmail() {
        // when / then
        assertThatThrownBy(() -> provider().update("lead_1", LeadUpdate.builder().email(null).build()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("email");
        assertThat(requests()).isEmpty();
    }

    @Test
    void deleteSendsADeleteToTheLeadsPath() {
        // given
        server.stubFor(delete(BASE + "/leads/lead_1234567890abcdef").willReturn(okJson(
                "{\"success\":true,\"message\":\"Lead deleted successfully\"}")));
        // when
        provider().delete("lead_1234567890abcdef");
        // then
        server.verify(deleteRequestedFor(urlEqualTo(BASE + "/leads/lead_1234567890abcdef"))
                .withHeader("Authorization", equalTo("Bearer " + KEY)));
    }

    // ---------------------------------------------------------------- ids

    @ParameterizedTest
    @ValueSource(strings = {"../leads", "a/b", "%2F", "lead.1", "lead~1", "x?y=1", "a#b", "two words", "é"})
    void idsThatCouldChangeThePathOrAreNoTokensAreRejectedBeforeAnyRequest(String id) {
        // given
        WorkspaceProvider provider = provider();
        // when / then
        assertThatThrownBy(() -> provider.get(id)).isInstanceOf(InvalidLeadIdException.class);
        assertThatThrownBy(() -> provider.update(id, LeadUpdate.builder().status(LeadStatus.WON).build()))
                .isInstanceOf(InvalidLeadIdException.class);
        assertThatThrownBy(() -> provider.delete(id)).isInstanceOf(InvalidLeadIdException.class);
        assertThat(requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lead_1234567890abcdef", "cmipr3rf400t3n42y5plvmhd5", "Abc-123_x"})
    void documentedAndLiveIdFormatsAreBothAccepted(String id) {
        // given
        server.stubFor(get(BASE + "/leads/" + id).willReturn(okJson(single(DOCS_LEAD.replace(
                "lead_1234567890abcdef", id)))));
        // when
        Lead lead = provider().get(id);
        // then
        assertThat(lead.nativeId()).isEqualTo(id);
    }
}
