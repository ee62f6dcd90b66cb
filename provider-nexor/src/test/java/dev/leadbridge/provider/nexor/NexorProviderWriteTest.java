package dev.leadbridge.provider.nexor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.leadbridge.core.Attribution;
import dev.leadbridge.core.BulkCreateResult;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.Reference;
import dev.leadbridge.core.error.InvalidRequestException;
import dev.leadbridge.core.error.MalformedResponseException;
import dev.leadbridge.core.error.OperationNotSupportedException;
import dev.leadbridge.core.error.ProviderUnavailableException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NexorProviderWriteTest extends WireMockSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OTHER_ID = "223e4567-e89b-12d3-a456-426614174001";
    private static final String WORKFLOW_ID = "33333333-3333-4333-8333-333333333333";
    private static final String CAMPAIGN_ID = "44444444-4444-4444-8444-444444444444";

    private static NewLead.Builder john() {
        return NewLead.builder().firstName("John").lastName("Doe").email("john@example.com").phone("+1234567890");
    }

    private static String createdLead(String id, String first) {
        return json("{'id': '" + id + "', 'first_name': '" + first + "', 'last_name': 'Doe',"
                + " 'email': 'john@example.com', 'phone': '+1234567890', 'source': 'api', 'company': null,"
                + " 'title': null, 'metadata': {}, 'created_at': '2026-02-10T12:00:00Z'}");
    }

    // ------------------------------------------------------------------ single create

    @Test
    void createPostsTheDocumentedFieldsAndReturnsTheLeadOfTheAnswer() {
        wire.stubFor(post(urlEqualTo("/api/public/leads")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(json("{'success': true, 'lead': " + createdLead(LEAD_ID, "John") + ","
                        + " 'workflow_run': {'id': 'r1', 'job_id': 'job-123',"
                        + " 'workflow': {'id': '" + WORKFLOW_ID + "', 'name': 'Sales Outreach'},"
                        + " 'cadence': {'stepIndex': 0, 'channel': 'call'}}}"))));
        NewLead lead = john().name("John Doe").workflowId(WORKFLOW_ID).campaignId(CAMPAIGN_ID)
                .attribution(new Attribution(null, null, "google", "cpc", null, Map.of("gclid", "g-1"), null))
                .custom(Map.of("edad", 35, "utm_medium", "email"))
                .providerFields(Map.of("force_first_message", "Hi John!"))
                .build();

        Lead created = provider.create(lead);

        wire.verify(1, postRequestedFor(urlEqualTo("/api/public/leads"))
                .withHeader("X-API-Key", equalTo(KEY))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson(json("""
                        {'first_name': 'John', 'last_name': 'Doe', 'email': 'john@example.com',
                         'phone': '+1234567890', 'workflow_id': '33333333-3333-4333-8333-333333333333',
                         'campaign_id': '44444444-4444-4444-8444-444444444444',
                         'metadata': {'utm_source': 'google', 'utm_medium': 'email', 'gclid': 'g-1', 'edad': 35},
                         'force_first_message': 'Hi John!'}
                        """))));
        assertThat(created.nativeId()).isEqualTo(LEAD_ID);
        assertThat(created.name()).isEqualTo("John Doe");
        assertThat(created.status()).isEqualTo(LeadStatus.OPEN);
        assertThat(created.workflow()).isEqualTo(Reference.of(WORKFLOW_ID, "Sales Outreach"));
        assertThat(created.raw().path("workflow_run").path("job_id").asText()).isEqualTo("job-123");
    }

    @Test
    void createWithoutAFirstNameFailsBeforeAnyRequestAndNeverSplitsTheName() {
        assertThatThrownBy(() -> provider.create(NewLead.builder().name("John Doe").build()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("first_name");
        wire.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void createWithANameThatIsNotFirstAndLastJoinedFailsBeforeAnyRequest() {
        assertThatThrownBy(() -> provider.create(john().name("Johnny D").build()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Johnny D");
        wire.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void createRefusesFieldsNexorsCreateCannotStoreBeforeAnyRequest() {
        List<NewLead> refused = List.of(john().company("Acme").build(), john().title("CEO").build(),
                john().source("website").build(), john().status(LeadStatus.WON).build(),
                john().value(BigDecimal.TEN).build(), john().note("hi").build());

        for (NewLead lead : refused) {
            assertThatThrownBy(() -> provider.create(lead)).isInstanceOf(OperationNotSupportedException.class)
                    .hasMessageContaining("nexor");
        }
        wire.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aValidationErrorOfCreateIsAnInvalidRequest() {
        wire.stubFor(post(urlEqualTo("/api/public/leads")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(json("{'success': false,"
                        + " 'error': 'Validation failed', 'details': [{'field': 'email', 'message': 'Invalid email'}]}"))));

        assertThatThrownBy(() -> provider.create(john().email("nope").build()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("email: Invalid email");
    }

    // ------------------------------------------------------------------ bulk create

    @Test
    void bulkCreateSplitsIntoRequestsOfAtMost1000() throws Exception {
        wire.stubFor(post(urlEqualTo("/api/public/leads")).willReturn(okJson("{\"success\":true,\"results\":[]}")));
        List<NewLead> leads = new ArrayList<>();
        for (int i = 0; i < 2001; i++) {
            leads.add(NewLead.builder().firstName("Lead" + i).build());
        }

        BulkCreateResult result = provider.createAll(leads);

        List<ServeEvent> events = new ArrayList<>(wire.getAllServeEvents());
        events.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
        List<Integer> sizes = new ArrayList<>();
        for (ServeEvent event : events) {
            JsonNode body = JSON.readTree(event.getRequest().getBodyAsString());
            assertThat(body.isArray()).isTrue();
            sizes.add(body.size());
        }
        assertThat(sizes).containsExactly(1000, 1000, 1);
        assertThat(JSON.readTree(events.get(2).getRequest().getBodyAsString()).get(0).path("first_name").asText())
                .isEqualTo("Lead2000");
        assertThat(result.items()).hasSize(2001);
        assertThat(result.failures()).allSatisfy(item ->
                assertThat(item.error()).isInstanceOf(MalformedResponseException.class));
    }

    @Test
    void bulkCreateReportsEachItemsLeadOrErrorInInputOrder() {
        wire.stubFor(post(urlEqualTo("/api/public/leads")).willReturn(aResponse().withStatus(207)
                .withHeader("Content-Type", "application/json")
                .withBody(json("{'success': true, 'created': 2, 'failed': 1, 'results': ["
                        + "{'index': 2, 'success': true, 'lead': " + createdLead(OTHER_ID, "Carol") + "},"
                        + "{'index': 0, 'success': true, 'lead': " + createdLead(LEAD_ID, "Alice") + "},"
                        + "{'index': 1, 'success': false, 'error': 'Validation failed',"
                        + "  'details': [{'field': 'email', 'message': 'Invalid email'}]}]}"))));
        List<NewLead> leads = List.of(
                NewLead.builder().firstName("Alice").build(),
                NewLead.builder().firstName("Bob").email("bad").build(),
                NewLead.builder().name("No First Name").build(),
                NewLead.builder().firstName("Carol").build());

        BulkCreateResult result = provider.createAll(leads);

        wire.verify(1, postRequestedFor(urlEqualTo("/api/public/leads")).withRequestBody(equalToJson(json(
                "[{'first_name': 'Alice'}, {'first_name': 'Bob', 'email': 'bad'}, {'first_name': 'Carol'}]"))));
        List<BulkCreateResult.Item> items = result.items();
        assertThat(items).extracting(BulkCreateResult.Item::index).containsExactly(0, 1, 2, 3);
        assertThat(items.get(0).lead().firstName()).isEqualTo("Alice");
        assertThat(items.get(1).error()).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Validation failed (email: Invalid email)");
        assertThat(items.get(2).error()).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("first_name");
        assertThat(items.get(3).lead().nativeId()).isEqualTo(OTHER_ID);
        assertThat(result.created()).hasSize(2);
    }

    @Test
    void aBulkAnswerRefusingEveryItemStillReportsEachItemsError() {
        wire.stubFor(post(urlEqualTo("/api/public/leads")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody(json("{'success': false, 'error': 'No lead was created', 'results': ["
                        + "{'index': 0, 'success': false, 'error': 'first_name is required'},"
                        + "{'index': 1, 'success': false, 'error': 'Invalid email'}]}"))));

        BulkCreateResult result = provider.createAll(List.of(NewLead.builder().firstName("A").build(),
                NewLead.builder().firstName("B").build()));

        assertThat(result.failures()).hasSize(2);
        assertThat(result.items().get(0).error()).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("first_name is required");
        assertThat(result.items().get(1).error()).hasMessageContaining("Invalid email");
        assertThat(result.items().get(1).error().httpStatus()).isEqualTo(400);
    }

    @Test
    void aBulkAnswerThatIsAPlainArrayOfLeadsIsReadByPosition() {
        wire.stubFor(post(urlEqualTo("/api/public/leads")).willReturn(okJson(json(
                "[" + createdLead(LEAD_ID, "Alice") + ", " + createdLead(OTHER_ID, "Bob") + "]"))));

        BulkCreateResult result = provider.createAll(List.of(NewLead.builder().firstName("Alice").build(),
                NewLead.builder().firstName("Bob").build()));

        assertThat(result.created()).extracting(Lead::nativeId).containsExactly(LEAD_ID, OTHER_ID);
    }

    @Test
    void anUnrecognisableBulkAnswerMakesEveryItemOfTheChunkMalformedNotCreated() {
        wire.stubFor(post(urlEqualTo("/api/public/leads")).willReturn(okJson(json(
                "{'success': true, 'created': 2}"))));

        BulkCreateResult result = provider.createAll(List.of(NewLead.builder().firstName("Alice").build(),
                NewLead.builder().firstName("Bob").build()));

        assertThat(result.created()).isEmpty();
        assertThat(result.failures()).allSatisfy(item ->
                assertThat(item.error()).isInstanceOf(MalformedResponseException.class)
                        .hasMessageContaining("unknown"));
    }

    @Test
    void aBulkAnswerWithFewerResultsThanItemsAndNoIndexesIsMalformedForTheWholeChunk() {
        wire.stubFor(post(urlEqualTo("/api/public/leads")).willReturn(okJson(json(
                "{'results': [{'success': true, 'lead': " + createdLead(LEAD_ID, "Alice") + "}]}"))));

        BulkCreateResult result = provider.createAll(List.of(NewLead.builder().firstName("Alice").build(),
                NewLead.builder().firstName("Bob").build()));

        assertThat(result.failures()).hasSize(2);
    }

    @Test
    void aFailedBulkRequestFailsEveryItemOfItsChunkWithTheTypedError() {
        wire.stubFor(post(urlEqualTo("/api/public/leads")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "text/html").withBody("<html>down</html>")));

        BulkCreateResult result = provider.createAll(List.of(NewLead.builder().firstName("Alice").build(),
                NewLead.builder().firstName("Bob").build()));

        assertThat(result.failures()).hasSize(2).allSatisfy(item ->
                assertThat(item.error()).isInstanceOf(ProviderUnavailableException.class));
    }

    @Test
    void theBulkSizeCanBeLowered() {
        wire.stubFor(post(urlEqualTo("/api/public/leads")).willReturn(okJson("[]")));
        NexorProvider small = builder().bulkSize(2).build();

        small.createAll(List.of(NewLead.builder().firstName("A").build(), NewLead.builder().firstName("B").build(),
                NewLead.builder().firstName("C").build()));

        wire.verify(2, postRequestedFor(urlEqualTo("/api/public/leads")));
    }

    // ------------------------------------------------------------------ update

    private void givenUpdateEndpoints() {
        wire.stubFor(put(urlEqualTo(LEAD_PATH)).willReturn(okJson(json("{'success': true, 'lead': "
                + createdLead(LEAD_ID, "Johnny") + "}"))));
        wire.stubFor(post(urlEqualTo(LEAD_PATH + "/status")).willReturn(okJson(json("{'success': true,"
                + " 'changed': true, 'previous_status': 'new', 'new_status': 'won',"
                + " 'workflow_run': {'id': 'r1', 'workflow_id': 'w1'}}"))));
        wire.stubFor(get(urlEqualTo(LEAD_PATH)).willReturn(okJson(json("{'success': true, 'lead': {'id': '"
                + LEAD_ID + "', 'first_name': 'Johnny', 'active_workflow_run': {'current_status':"
                + " {'key': 'won', 'category': 'won'}}}}"))));
    }

    @Test
    void updatePutsTheFieldChangesThenPostsTheStatusThenReadsTheLeadBack() {
        givenUpdateEndpoints();
        LeadUpdate update = LeadUpdate.builder().firstName("Johnny").lastName(null).company("Acme")
                .source("website").custom(Map.of("edad", 36)).status(LeadStatus.WON, "signed the contract")
                .build();

        Lead lead = provider.update(LEAD_ID, update);

        wire.verify(1, putRequestedFor(urlEqualTo(LEAD_PATH)).withHeader("X-API-Key", equalTo(KEY))
                .withRequestBody(equalToJson(json("{'first_name': 'Johnny', 'last_name': null, 'company': 'Acme',"
                        + " 'source': 'website', 'metadata': {'edad': 36}}"))));
        wire.verify(1, postRequestedFor(urlEqualTo(LEAD_PATH + "/status")).withRequestBody(equalToJson(json(
                "{'status_key': 'won', 'reason': 'signed the contract'}"))));
        List<String> order = wire.getAllServeEvents().stream()
                .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .map(e -> e.getRequest().getMethod() + " " + e.getRequest().getUrl()).toList();
        assertThat(order).containsExactly("PUT " + LEAD_PATH, "POST " + LEAD_PATH + "/status", "GET " + LEAD_PATH);
        assertThat(lead.status()).isEqualTo(LeadStatus.WON);
        assertThat(lead.firstName()).isEqualTo("Johnny");
    }

    @Test
    void aStatusOnlyUpdateSendsNoPutAndNoReasonWhenNoneIsGiven() {
        givenUpdateEndpoints();

        provider.update(LEAD_ID, LeadUpdate.builder().status(LeadStatus.QUALIFIED).build());

        wire.verify(0, putRequestedFor(anyUrl()));
        wire.verify(1, postRequestedFor(urlEqualTo(LEAD_PATH + "/status"))
                .withRequestBody(equalToJson(json("{'status_key': 'qualified'}"))));
    }

    @Test
    void everyCanonicalStatusIsSentAsItsDocumentedKey() {
        givenUpdateEndpoints();
        Map<LeadStatus, String> expected = Map.of(LeadStatus.OPEN, "new", LeadStatus.CONTACTED, "contacted",
                LeadStatus.QUALIFIED, "qualified", LeadStatus.WON, "won", LeadStatus.LOST, "lost");

        expected.forEach((status, key) -> {
            provider.update(LEAD_ID, LeadUpdate.builder().status(status).build());
            wire.verify(1, postRequestedFor(urlEqualTo(LEAD_PATH + "/status"))
                    .withRequestBody(equalToJson("{\"status_key\":\"" + key + "\"}")));
        });
    }

    @Test
    void aStatusUnknownToTheWorkflowIsAnInvalidRequest() {
        wire.stubFor(post(urlEqualTo(LEAD_PATH + "/status")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody(json("{'success': false, 'error': 'Status key \\\"won\\\" does not exist in workflow'}"))));

        assertThatThrownBy(() -> provider.update(LEAD_ID, LeadUpdate.builder().status(LeadStatus.WON).build()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("does not exist");
    }

    @Test
    void updatesNexorCannotStoreAreRefusedBeforeAnyRequest() {
        List<LeadUpdate> refused = List.of(
                LeadUpdate.builder().name("John Doe").build(),
                LeadUpdate.builder().name("John Doe").firstName("John").build(),
                LeadUpdate.builder().name("Other").firstName("John").lastName("Doe").build(),
                LeadUpdate.builder().value(BigDecimal.ONE).build(),
                LeadUpdate.builder().note("n").build(),
                LeadUpdate.builder().lossReason("price").status(LeadStatus.LOST).build(),
                LeadUpdate.builder().status(LeadStatus.UNKNOWN).build(),
                LeadUpdate.builder().firstName(null).build(),
                LeadUpdate.builder().source(null).build());

        for (LeadUpdate update : refused) {
            assertThatThrownBy(() -> provider.update(LEAD_ID, update))
                    .as(update.toString())
                    .isInstanceOfAny(OperationNotSupportedException.class, InvalidRequestException.class);
        }
        wire.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aNameEqualToTheNewFirstAndLastNameIsAccepted() {
        givenUpdateEndpoints();

        provider.update(LEAD_ID, LeadUpdate.builder().name("Johnny Doe").firstName("Johnny").lastName("Doe").build());

        wire.verify(1, putRequestedFor(urlEqualTo(LEAD_PATH))
                .withRequestBody(equalToJson(json("{'first_name': 'Johnny', 'last_name': 'Doe'}"))));
    }

    @Test
    void updateOfANonUuidIdIsRejectedBeforeAnyRequest() {
        assertThatThrownBy(() -> provider.update("42", LeadUpdate.builder().status(LeadStatus.WON).build()))
                .isInstanceOf(dev.leadbridge.core.error.InvalidLeadIdException.class);
        wire.verify(0, anyRequestedFor(anyUrl()));
    }
}
