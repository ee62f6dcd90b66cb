package dev.leadbridge.provider.nexor;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.PersonKey;
import dev.leadbridge.core.Reference;
import dev.leadbridge.core.UnreadableField;
import dev.leadbridge.core.error.InvalidLeadIdException;
import dev.leadbridge.core.error.MalformedResponseException;
import dev.leadbridge.core.error.OperationNotSupportedException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NexorProviderGetTest extends WireMockSupport {

    /** The API-tree answer of GET /leads/{id}, as documented. */
    static final String WRAPPED = json("""
            {'success': true,
             'lead': {
               'id': '123e4567-e89b-12d3-a456-426614174000', 'first_name': 'Carlos', 'last_name': 'Lopez',
               'email': ' carlos@example.com ', 'phone': '+56912345678', 'source': 'api',
               'company': 'Stark Industries', 'title': null,
               'metadata': {'estado_lead': 'calificado', 'utm_source': 'google', 'utm_campaign': 'spring',
                            'gclid': 'g-1'},
               'tags': ['vip', 'chile'],
               'campaign': {'id': 'c0000000-0000-4000-8000-000000000001', 'name': 'Q1 Campaign'},
               'active_workflow_run': {
                 'id': 'r0000000-0000-4000-8000-000000000001', 'workflow_id': 'w0000000-0000-4000-8000-000000000001',
                 'is_active': true, 'human_takeover': false, 'cadence_state': 'active', 'run_status': 'running',
                 'workflow': {'id': 'w0000000-0000-4000-8000-000000000001', 'name': 'Sales Pipeline',
                              'goal_type': 'appointment'},
                 'current_status': {'id': 's1', 'key': 'contacted', 'label': 'Contacted', 'category': 'active'}},
               'created_at': '2026-02-10T12:00:00Z', 'updated_at': '2026-02-10T09:30:00.123456-03:00',
               'brand_new_field': 42},
             'variables': {'edad': {'value': 35, 'value_text': '35', 'confidence': 0.95,
                                    'updated_at': '2026-02-10T13:00:00Z'}}}
            """);

    /** The guide-tree answer: bare object, camelCase run, top-level workflow, currentStatus and assigned_user. */
    static final String BARE = json("""
            {'id': '123e4567-e89b-12d3-a456-426614174000', 'first_name': 'Carlos', 'last_name': 'Lopez',
             'email': 'carlos@example.com', 'phone': '+56912345678', 'source': 'api', 'company': 'Acme Corp',
             'title': null, 'metadata': {'edad': 35},
             'campaign': {'id': 'c0000000-0000-4000-8000-000000000001', 'name': 'Q1 Campaign'},
             'activeWorkflowRun': {'id': 'r1', 'workflow_id': 'w0000000-0000-4000-8000-000000000001',
                                   'is_active': true, 'run_status': 'running'},
             'workflow': {'id': 'w0000000-0000-4000-8000-000000000001', 'name': 'Sales Pipeline',
                          'goal_type': 'appointment'},
             'currentStatus': {'id': 's2', 'key': 'qualified', 'label': 'Qualified', 'color': '#3b82f6',
                               'category': 'active'},
             'assigned_user': {'id': 'u1', 'name': 'Ana', 'email': 'ana@co.com', 'avatar_url': null},
             'created_at': '2026-02-10T09:00:00-03:00'}
            """);

    @Test
    void getSendsTheApiKeyHeaderToTheLeadPath() {
        givenGetAnswers(200, WRAPPED);

        provider.get(LEAD_ID);

        wire.verify(1, getRequestedFor(urlEqualTo(LEAD_PATH)).withHeader("X-API-Key", equalTo(KEY))
                .withHeader("Accept", equalTo("application/json")));
    }

    @Test
    void aGotLeadNamesItsFieldsOfTheWrongTypeForItsCallerToWarnAndAReadableOneNone() {
        givenGetAnswers(200, WRAPPED.replace("\"created_at\": \"2026-02-10T12:00:00Z\"", "\"created_at\": 1770724800")
                .replace("\"company\": \"Stark Industries\"", "\"company\": {\"name\": \"Stark\"}"));

        Lead lead = provider.get(LEAD_ID);

        assertThat(lead.createdAt()).isNull();
        assertThat(lead.company()).isNull();
        assertThat(provider.unreadableFields(lead)).extracting(UnreadableField::field)
                .containsExactlyInAnyOrder("created_at", "company");
        givenGetAnswers(200, WRAPPED);
        assertThat(provider.unreadableFields(provider.get(LEAD_ID))).isEmpty();
    }

    @Test
    void readsTheWrappedShapeIntoTheCanonicalLead() {
        givenGetAnswers(200, WRAPPED);

        Lead lead = provider.get(LEAD_ID);

        assertThat(lead.id()).isEqualTo("acme-nexor:" + LEAD_ID);
        assertThat(lead.provider()).isEqualTo("nexor");
        assertThat(lead.nativeId()).isEqualTo(LEAD_ID);
        assertThat(lead.name()).isEqualTo("Carlos Lopez");
        assertThat(lead.firstName()).isEqualTo("Carlos");
        assertThat(lead.lastName()).isEqualTo("Lopez");
        assertThat(lead.email()).isEqualTo("carlos@example.com");
        assertThat(lead.phoneE164()).isEqualTo("+56912345678");
        assertThat(lead.personKey()).isEqualTo(PersonKey.of("carlos@example.com", "+56912345678"));
        assertThat(lead.company()).isEqualTo("Stark Industries");
        assertThat(lead.title()).isNull();
        assertThat(lead.source()).isEqualTo("api");
        assertThat(lead.status()).isEqualTo(LeadStatus.CONTACTED);
        assertThat(lead.statusRaw()).isEqualTo("contacted");
        assertThat(lead.campaign()).isEqualTo(Reference.of("c0000000-0000-4000-8000-000000000001", "Q1 Campaign"));
        assertThat(lead.workflow()).isEqualTo(new Reference("w0000000-0000-4000-8000-000000000001",
                "Sales Pipeline", Map.of("goal_type", "appointment")));
        assertThat(lead.assignee()).isNull();
        assertThat(lead.labels()).containsExactly("vip", "chile");
        assertThat(lead.createdAt()).isEqualTo(Instant.parse("2026-02-10T12:00:00Z"));
        assertThat(lead.updatedAt()).isEqualTo(Instant.parse("2026-02-10T12:30:00.123456Z"));
    }

    @Test
    void keepsMetadataAsIsAndPutsTheVariablesUnderTheirOwnKey() {
        givenGetAnswers(200, WRAPPED);

        Lead lead = provider.get(LEAD_ID);

        assertThat(lead.custom()).containsEntry("estado_lead", "calificado").containsEntry("gclid", "g-1");
        assertThat(lead.custom().get("variables")).isEqualTo(Map.of("edad", Map.of("value", 35L,
                "value_text", "35", "confidence", new java.math.BigDecimal("0.95"),
                "updated_at", "2026-02-10T13:00:00Z")));
        assertThat(lead.attribution().utmSource()).isEqualTo("google");
        assertThat(lead.attribution().utmCampaign()).isEqualTo("spring");
        assertThat(lead.attribution().utmMedium()).isNull();
        assertThat(lead.attribution().clickIds()).containsExactly(Map.entry("gclid", "g-1"));
    }

    @Test
    void keepsTheLeadObjectWithItsVariablesAndUnknownFieldsInRaw() {
        givenGetAnswers(200, WRAPPED);

        Lead lead = provider.get(LEAD_ID);

        assertThat(lead.raw().path("brand_new_field").asInt()).isEqualTo(42);
        assertThat(lead.raw().path("first_name").asText()).isEqualTo("Carlos");
        assertThat(lead.raw().path("variables").path("edad").path("value").asInt()).isEqualTo(35);
        assertThat(lead.raw().has("success")).isFalse();
    }

    @Test
    void aMetadataKeyNamedVariablesKeepsItsPlaceAndTheVariablesMoveAside() {
        givenGetAnswers(200, json("""
                {'success': true, 'lead': {'id': '123e4567-e89b-12d3-a456-426614174000', 'first_name': 'A',
                  'metadata': {'variables': 'mine'}},
                 'variables': {'edad': {'value': 35}}}
                """));

        Lead lead = provider.get(LEAD_ID);

        assertThat(lead.custom()).containsEntry("variables", "mine")
                .containsEntry("nexor_variables", Map.of("edad", Map.of("value", 35L)));
    }

    @Test
    void readsTheBareGuideShapeWithCamelCaseObjectsAndConvertsOffsetsToUtc() {
        givenGetAnswers(200, BARE);

        Lead lead = provider.get(LEAD_ID);

        assertThat(lead.name()).isEqualTo("Carlos Lopez");
        assertThat(lead.company()).isEqualTo("Acme Corp");
        assertThat(lead.status()).isEqualTo(LeadStatus.QUALIFIED);
        assertThat(lead.statusRaw()).isEqualTo("qualified");
        assertThat(lead.workflow()).isEqualTo(new Reference("w0000000-0000-4000-8000-000000000001",
                "Sales Pipeline", Map.of("goal_type", "appointment")));
        assertThat(lead.assignee()).isEqualTo(new Reference("u1", "Ana",
                attributes("email", "ana@co.com", "avatar_url", null)));
        assertThat(lead.custom()).isEqualTo(Map.of("edad", 35L));
        assertThat(lead.createdAt()).isEqualTo(Instant.parse("2026-02-10T12:00:00Z"));
        assertThat(lead.updatedAt()).isNull();
        assertThat(lead.labels()).isEmpty();
    }

    private static Map<String, Object> attributes(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @ParameterizedTest(name = "key {0}, category {1} -> {2}")
    @CsvSource({
            "new, active, OPEN",
            "contacted, active, CONTACTED",
            "engaged, active, CONTACTED",
            "qualified, active, QUALIFIED",
            "won, won, WON",
            "lost, lost, LOST",
            "WON, active, WON",
            "closed_deal, won, WON",
            "no_show, lost, LOST",
            "nurture, deferred, UNKNOWN",
            "nurture, , UNKNOWN"})
    void mapsTheCurrentWorkflowStatusByKeyThenByCategory(String key, String category, LeadStatus expected) {
        String categoryJson = category == null ? "null" : "'" + category + "'";
        givenGetAnswers(200, json("{'id': '" + LEAD_ID + "', 'first_name': 'A', 'currentStatus': {'key': '" + key
                + "', 'category': " + categoryJson + "}}"));

        Lead lead = provider.get(LEAD_ID);

        assertThat(lead.status()).isEqualTo(expected);
        assertThat(lead.statusRaw()).isEqualTo(key);
    }

    @Test
    void aLeadWithoutAWorkflowStatusIsOpenWithoutARawStatus() {
        givenGetAnswers(200, json("{'success': true, 'lead': {'id': '" + LEAD_ID + "', 'first_name': 'Solo',"
                + " 'last_name': null, 'active_workflow_run': null}}"));

        Lead lead = provider.get(LEAD_ID);

        assertThat(lead.status()).isEqualTo(LeadStatus.OPEN);
        assertThat(lead.statusRaw()).isNull();
        assertThat(lead.workflow()).isNull();
        assertThat(lead.name()).isEqualTo("Solo");
        assertThat(lead.lastName()).isNull();
    }

    @Test
    void aConnectionOverrideMapsAnOwnStatusKey() {
        NexorProvider custom = builder().statusOverride("nurture", LeadStatus.CONTACTED).build();
        givenGetAnswers(200, json("{'id': '" + LEAD_ID + "', 'first_name': 'A',"
                + " 'currentStatus': {'key': 'nurture', 'category': 'active'}}"));

        assertThat(custom.get(LEAD_ID).status()).isEqualTo(LeadStatus.CONTACTED);
    }

    @Test
    void theWorkflowIdOfTheRunIsTheWorkflowWhenNoWorkflowObjectIsGiven() {
        givenGetAnswers(200, json("{'id': '" + LEAD_ID + "', 'first_name': 'A',"
                + " 'activeWorkflowRun': {'id': 'r1', 'workflow_id': 'w-9'}}"));

        assertThat(provider.get(LEAD_ID).workflow()).isEqualTo(Reference.of("w-9", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "123e4567e89b12d3a456426614174000", "123e4567-e89b-12d3-a456-42661417400",
            "../leads", "a/b", "", "123e4567-e89b-12d3-a456-426614174000/status"})
    void idsThatAreNotUuidsAreRejectedBeforeAnyRequest(String id) {
        assertThatThrownBy(() -> provider.get(id)).isInstanceOf(InvalidLeadIdException.class)
                .hasMessageContaining("provider=nexor");
        wire.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void upperCaseUuidsAreAccepted() {
        String upper = LEAD_ID.toUpperCase(java.util.Locale.ROOT);
        wire.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/api/public/leads/" + upper))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        json("{'id': '" + upper + "', 'first_name': 'A'}"))));

        assertThat(provider.get(upper).nativeId()).isEqualTo(upper);
    }

    @ParameterizedTest
    @ValueSource(strings = {"'created_at': 'yesterday'", "'created_at': 1700000000", "'first_name': {'a': 1}",
            "'email': {'x': 1}"})
    void aPlainFieldOfTheWrongTypeIsReadAsNullAndTheLeadKeptWithItsOriginalInRaw(String field) {
        givenGetAnswers(200, json("{'success': true, 'lead': {'id': '" + LEAD_ID + "', 'phone': '+31612345678', "
                + field + "}}"));

        Lead lead = provider.get(LEAD_ID);

        String name = field.substring(1, field.indexOf('\'', 1));
        assertThat(lead.nativeId()).isEqualTo(LEAD_ID);
        assertThat(lead.phone()).isEqualTo("+31612345678");
        assertThat(lead.firstName()).isNull();
        assertThat(lead.email()).isNull();
        assertThat(lead.createdAt()).isNull();
        assertThat(lead.raw().get(name).isNull()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{'success': true, 'lead': {'id': '123e4567-e89b-12d3-a456-426614174000', 'metadata': 'text'}}",
            "{'success': true, 'lead': {'id': '123e4567-e89b-12d3-a456-426614174000', 'tags': 'vip'}}",
            "{'success': true, 'lead': {'id': '123e4567-e89b-12d3-a456-426614174000', 'campaign': 'Q1'}}",
            "{'success': true, 'lead': {'id': '123e4567-e89b-12d3-a456-426614174000', 'currentStatus': 'won'}}",
            "{'success': true, 'lead': {'id': '123e4567-e89b-12d3-a456-426614174000',"
                    + " 'active_workflow_run': {'current_status': []}}}",
            "{'success': true, 'lead': {'id': '123e4567-e89b-12d3-a456-426614174000'}, 'variables': [1]}",
            "{'success': true, 'lead': {'first_name': 'No id'}}",
            "{'success': true, 'lead': []}",
            "{'success': true}",
            "[{'id': '123e4567-e89b-12d3-a456-426614174000'}]",
            "'text'"})
    void wronglyTypedOrIncompleteAnswersAreMalformedResponses(String body) {
        givenGetAnswers(200, json(body));

        assertThatThrownBy(() -> provider.get(LEAD_ID)).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("provider=nexor");
    }

    @Test
    void timestampsInPostgresSpellingAreRead() {
        givenGetAnswers(200, json("{'id': '" + LEAD_ID + "', 'first_name': 'A',"
                + " 'created_at': '2026-02-10 12:00:00.5+01', 'updated_at': '2026-02-10T12:00:00+0530'}"));

        Lead lead = provider.get(LEAD_ID);

        assertThat(lead.createdAt()).isEqualTo(Instant.parse("2026-02-10T11:00:00.5Z"));
        assertThat(lead.updatedAt()).isEqualTo(Instant.parse("2026-02-10T06:30:00Z"));
    }

    @Test
    void listingAndStreamingAreUnsupportedNamingTheProvider() {
        assertThat(provider.capabilities().operations()).doesNotContain(dev.leadbridge.core.api.Operation.LIST,
                dev.leadbridge.core.api.Operation.DELETE);

        assertThatThrownBy(() -> provider.list(LeadQuery.ALL, 1)).isInstanceOf(OperationNotSupportedException.class)
                .hasMessageContaining("nexor").hasMessageContaining("listing");
        assertThatThrownBy(() -> provider.stream(LeadQuery.ALL)).isInstanceOf(OperationNotSupportedException.class)
                .hasMessageContaining("nexor");
        assertThatThrownBy(() -> provider.delete(LEAD_ID)).isInstanceOf(OperationNotSupportedException.class);
        wire.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void tagObjectsBecomeTheirNames() {
        givenGetAnswers(200, json("{'id': '" + LEAD_ID + "', 'first_name': 'A',"
                + " 'tags': [{'id': 't1', 'name': 'vip'}, {'id': 't2'}, 'plain', 7]}"));

        assertThat(provider.get(LEAD_ID).labels()).isEqualTo(List.of("vip", "t2", "plain", "7"));
    }
}
