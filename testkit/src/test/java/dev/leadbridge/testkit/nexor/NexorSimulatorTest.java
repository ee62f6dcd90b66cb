package dev.leadbridge.testkit.nexor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.testkit.Fault;
import dev.leadbridge.testkit.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NexorSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final String UNKNOWN_ID = "123e4567-e89b-12d3-a456-426614174000";

    private MutableClock clock;
    private NexorSimulator sim;

    @BeforeEach
    void start() {
        clock = new MutableClock(NOW);
        sim = NexorSimulator.builder().clock(clock).seed(40, 7L).build();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    // ------------------------------------------------------------------------------------------ auth

    @Test
    void answersMissingKeyWithFlatUnauthorizedBody() throws Exception {
        Reply reply = send("GET", "/leads/" + anyLeadId(), null, null);

        assertThat(reply.status).isEqualTo(401);
        assertThat(reply.json).isEqualTo(JSON.readTree(
                "{\"error\":\"Missing API key\",\"message\":\"Please provide your API key in the X-API-Key header\"}"));
    }

    @Test
    void answersWrongKeyWithInvalidKeyBodyWithoutSuccessField() throws Exception {
        Reply reply = send("POST", "/leads", "{\"first_name\":\"Tony\"}", "nxr_live_wrong");

        assertThat(reply.status).isEqualTo(401);
        assertThat(reply.json).isEqualTo(JSON.readTree(
                "{\"error\":\"Invalid API key\",\"message\":\"The provided API key is not valid\"}"));
        assertThat(sim.size()).isEqualTo(40);
    }

    @Test
    void generatesRealisticDefaultKeyAndDocumentedBaseUrl() {
        assertThat(sim.apiKey()).matches("nxr_live_[A-Za-z0-9]{32}");
        assertThat(sim.baseUrl()).isEqualTo(sim.rootUrl() + "/api/public");
    }

    // ------------------------------------------------------------------------------------------ GET

    @Test
    void returnsWrappedApiTreeShapeByDefault() throws Exception {
        ObjectNode stored = seededLead(l -> l.get("active_workflow_run").isObject()
                && l.get("active_workflow_run").get("current_status").isObject() && !l.get("variables").isEmpty());

        Reply reply = get(stored.get("id").asText());

        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.json.get("success").asBoolean()).isTrue();
        JsonNode lead = reply.json.get("lead");
        assertThat(lead.get("id").asText()).isEqualTo(stored.get("id").asText());
        assertThat(lead.has("first_name")).isTrue();
        assertThat(lead.has("tags")).isTrue();
        assertThat(lead.has("updated_at")).isTrue();
        assertThat(lead.has("variables")).isFalse();
        assertThat(lead.has("assigned_user")).isFalse();
        JsonNode run = lead.get("active_workflow_run");
        assertThat(fieldNames(run)).contains("id", "workflow_id", "is_active", "human_takeover", "cadence_state",
                "run_status", "workflow", "current_status");
        assertThat(fieldNames(run.get("workflow"))).containsExactly("id", "name", "goal_type");
        assertThat(fieldNames(run.get("current_status"))).containsExactly("id", "key", "label", "category");
        JsonNode variable = reply.json.get("variables").elements().next();
        assertThat(fieldNames(variable)).containsExactly("value", "value_text", "confidence", "updated_at");
    }

    @Test
    void returnsBareGuideShapeAfterSwitchingOnTheRunningSimulator() throws Exception {
        ObjectNode stored = seededLead(l -> l.get("active_workflow_run").isObject()
                && l.get("active_workflow_run").get("current_status").isObject()
                && "appointment".equals(l.get("active_workflow_run").get("workflow").get("goal_type").asText()));

        sim.getShape(GetShape.BARE);
        Reply reply = send("GET", "/leads/" + stored.get("id").asText() + "?verbose=true", null, sim.apiKey());

        assertThat(reply.status).isEqualTo(200);
        JsonNode lead = reply.json;
        assertThat(lead.has("success")).isFalse();
        assertThat(lead.has("lead")).isFalse();
        assertThat(lead.get("id").asText()).isEqualTo(stored.get("id").asText());
        assertThat(fieldNames(lead.get("activeWorkflowRun"))).containsExactly("id", "workflow_id", "is_active", "run_status");
        assertThat(lead.get("workflow").get("goal_type").asText()).isEqualTo("appointment");
        assertThat(fieldNames(lead.get("currentStatus"))).containsExactly("id", "key", "label", "color", "category");
        assertThat(lead.get("currentStatus").get("color").asText()).startsWith("#");
        assertThat(fieldNames(lead.get("assigned_user"))).containsExactly("id", "name", "email", "avatar_url");
        assertThat(lead.has("created_at")).isTrue();
        assertThat(lead.has("updated_at")).isFalse();
        assertThat(lead.has("active_workflow_run")).isFalse();
        assertThat(lead.has("tags")).isFalse();
    }

    @Test
    void bareShapeHasNullWorkflowObjectsForLeadWithoutRun() throws Exception {
        sim = restartWith(NexorSimulator.builder().getShape(GetShape.BARE).clock(clock).seed(40, 7L));
        ObjectNode stored = seededLead(l -> l.get("active_workflow_run").isNull());

        JsonNode lead = get(stored.get("id").asText()).json;

        for (String field : List.of("activeWorkflowRun", "workflow", "currentStatus", "assigned_user")) {
            assertThat(lead.get(field).isNull()).as(field).isTrue();
        }
    }

    @Test
    void rejectsNonUuidIdsAndPathTricksWith400AndUnknownIdWith404() throws Exception {
        for (String id : List.of("abc", "12345", "..", "%2E%2E", "a%2Fb", "%20", UNKNOWN_ID + "x", "99999999999999999999")) {
            Reply reply = get(id);
            assertThat(reply.status).as(id).isEqualTo(400);
            assertThat(reply.json).as(id).isEqualTo(JSON.readTree("{\"success\":false,\"error\":\"Invalid lead id\"}"));
        }
        Reply unknown = get(UNKNOWN_ID);
        assertThat(unknown.status).isEqualTo(404);
        assertThat(unknown.json).isEqualTo(JSON.readTree("{\"success\":false,\"error\":\"Lead not found\"}"));
    }

    @Test
    void acceptsUpperCaseUuid() throws Exception {
        String id = anyLeadId();

        assertThat(get(id.toUpperCase()).status).isEqualTo(200);
    }

    @Test
    void treatsListDeleteUnknownPathsAndMalformedJsonAsDocumentedErrors() throws Exception {
        Reply list = send("GET", "/leads", null, sim.apiKey());
        assertThat(list.status).isEqualTo(404);
        assertThat(list.json).isEqualTo(JSON.readTree("{\"success\":false,\"error\":\"Not found\"}"));

        Reply delete = send("DELETE", "/leads/" + anyLeadId(), null, sim.apiKey());
        assertThat(delete.status).isEqualTo(405);
        assertThat(delete.json.get("success").asBoolean()).isFalse();
        assertThat(delete.headers.firstValue("Allow")).hasValue("GET, PUT, PATCH");

        assertThat(send("GET", "/workflows", null, sim.apiKey()).status).isEqualTo(404);
        assertThat(send("GET", "/leads//status", null, sim.apiKey()).status).isEqualTo(404);

        Reply malformed = send("POST", "/leads", "{\"first_name\":", sim.apiKey());
        assertThat(malformed.status).isEqualTo(400);
        assertThat(malformed.json).isEqualTo(JSON.readTree("{\"success\":false,\"error\":\"Invalid JSON body\"}"));

        Reply wrongType = send("POST", "/leads", "\"just a string\"", sim.apiKey());
        assertThat(wrongType.status).isEqualTo(400);
        assertThat(wrongType.json.get("success").asBoolean()).isFalse();
        assertThat(sim.size()).isEqualTo(40);
    }

    @Test
    void neverFailsWithServerErrorOnOddInput() throws Exception {
        String id = anyLeadId();
        List<String[]> requests = List.of(
                new String[] {"POST", "/leads", "null"}, new String[] {"POST", "/leads", "[]"},
                new String[] {"POST", "/leads", "[null,[],\"x\"]"}, new String[] {"POST", "/leads", ""},
                new String[] {"POST", "/leads", "{\"first_name\":[\"x\"],\"email\":{}}"},
                new String[] {"POST", "/leads", "[".repeat(5000)},
                new String[] {"PUT", "/leads/" + id, "[]"}, new String[] {"PATCH", "/leads/" + id, "{\"metadata\":null}"},
                new String[] {"PUT", "/leads/" + id, "{\"source\":7,\"campaign_id\":false}"},
                new String[] {"POST", "/leads/" + id + "/status", "{\"status_key\":5}"},
                new String[] {"POST", "/leads/" + id + "/status", "{\"status_key\":\"new\",\"workflow_id\":\"x\"}"},
                new String[] {"POST", "/leads/" + id + "/assign-workflow", "{\"workflowId\":5}"},
                new String[] {"POST", "/leads/" + id + "/assign-workflow", "not json"},
                new String[] {"GET", "/leads/%25ZZ", null}, new String[] {"GET", "/leads/" + id + "/status/x", null},
                new String[] {"OPTIONS", "/leads", null}, new String[] {"GET", "/", null});
        for (String[] r : requests) {
            Reply reply = send(r[0], r[1], r[2], sim.apiKey());
            assertThat(reply.status).as(String.join(" ", r[0], r[1])).isBetween(400, 499);
            assertThat(reply.json.get("success").asBoolean()).as(r[1]).isFalse();
            assertThat(reply.json.path("error").isTextual()).as(r[0] + " " + r[1] + " " + r[2]).isTrue();
        }
        Reply huge = post("/leads", "{\"first_name\":\"A\",\"n\":1e99999,\"m\":123456789012345678901234567890}");
        assertThat(huge.status).isEqualTo(201);
        assertThat(huge.json.get("lead").get("metadata").get("n").isNumber()).isTrue();
        assertThat(huge.json.get("lead").get("metadata").get("m").bigIntegerValue())
                .isEqualTo(new java.math.BigInteger("123456789012345678901234567890"));
        assertThat(sim.size()).isEqualTo(41);
    }

    // ------------------------------------------------------------------------------------------ create

    @Test
    void createsSingleLeadWith201AndEnrolsIntoWorkflow() throws Exception {
        NexorWorkflow workflow = sim.workflowNamed("Sales Pipeline").orElseThrow();
        NexorCampaign campaign = sim.campaigns().get(0);

        Reply reply = post("/leads", "{\"first_name\":\"John\",\"last_name\":\"Doe\",\"email\":\" john@example.com \","
                + "\"phone\":\"+1234567890\",\"workflow_id\":\"" + workflow.id() + "\",\"campaign_id\":\""
                + campaign.id() + "\"}");

        assertThat(reply.status).isEqualTo(201);
        assertThat(reply.json.get("success").asBoolean()).isTrue();
        JsonNode lead = reply.json.get("lead");
        assertThat(fieldNames(lead)).containsExactly("id", "first_name", "last_name", "email", "phone", "source",
                "company", "title", "metadata", "created_at");
        assertThat(lead.get("id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(lead.get("email").asText()).isEqualTo("john@example.com");
        assertThat(lead.get("source").asText()).isEqualTo("api");
        assertThat(lead.get("company").isNull()).isTrue();
        assertThat(lead.get("created_at").asText()).isEqualTo("2026-03-10T12:00:00Z");
        JsonNode run = reply.json.get("workflow_run");
        assertThat(run.get("workflow").get("name").asText()).isEqualTo("Sales Pipeline");
        assertThat(run.get("cadence").get("stepIndex").asInt()).isZero();
        assertThat(run.get("cadence").get("channel").asText()).isEqualTo("call");
        assertThat(run.get("cadence").get("totalSteps").asInt()).isEqualTo(5);

        JsonNode fetched = get(lead.get("id").asText()).json.get("lead");
        assertThat(fetched.get("campaign").get("name").asText()).isEqualTo(campaign.name());
        assertThat(fetched.get("active_workflow_run").get("id").asText()).isEqualTo(run.get("id").asText());
        assertThat(fetched.get("active_workflow_run").get("current_status").get("key").asText()).isEqualTo("new");
        assertThat(sim.size()).isEqualTo(41);
    }

    @Test
    void createWithoutWorkflowAnswersNullWorkflowRunAndForcedMessageSkipsFirstStep() throws Exception {
        Reply plain = post("/leads", "{\"first_name\":\"Ana\"}");
        assertThat(plain.status).isEqualTo(201);
        assertThat(plain.json.get("workflow_run").isNull()).isTrue();
        assertThat(plain.json.get("lead").get("last_name").isNull()).isTrue();

        NexorWorkflow premium = sim.workflowNamed("Premium Outreach").orElseThrow();
        Reply forced = post("/leads", "{\"first_name\":\"Ana\",\"workflow_id\":\"" + premium.id()
                + "\",\"force_first_message\":\"Hola Ana!\"}");
        assertThat(forced.status).isEqualTo(201);
        assertThat(forced.json.get("workflow_run").get("cadence").get("stepIndex").asInt()).isEqualTo(1);
    }

    @Test
    void refusesInvalidSingleLeadWith400AndDetails() throws Exception {
        Map<String, String> cases = Map.of(
                "{\"last_name\":\"Doe\"}", "first_name is required",
                "{\"first_name\":\"  \"}", "first_name is required",
                "{\"first_name\":42}", "first_name must be a string",
                "{\"first_name\":\"A\",\"email\":\"not-an-email\"}", "email must be a valid email address",
                "{\"first_name\":\"A\",\"workflow_id\":\"" + UNKNOWN_ID + "\"}", "workflow_id does not match any workflow",
                "{\"first_name\":\"A\",\"campaign_id\":\"nope\"}", "campaign_id must be a valid UUID",
                "{\"first_name\":\"A\",\"force_first_message\":\"Hi\"}", "force_first_message requires workflow_id",
                "{\"first_name\":\"A\",\"workflow_id\":\"" + sim.workflowNamed("Sales Pipeline").orElseThrow().id() + "\"}",
                "phone is required for workflows with call steps",
                "{\"first_name\":\"A\",\"metadata\":[1]}", "metadata must be an object");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Reply reply = post("/leads", c.getKey());
            assertThat(reply.status).as(c.getKey()).isEqualTo(400);
            assertThat(reply.json.get("success").asBoolean()).as(c.getKey()).isFalse();
            assertThat(reply.json.get("error").asText()).as(c.getKey()).isEqualTo(c.getValue());
            assertThat(reply.json.get("details").get(0).get("message").asText()).isEqualTo(c.getValue());
        }
        assertThat(sim.size()).isEqualTo(40);
    }

    @Test
    void foldsUnknownTopLevelKeysIntoMetadataWithExplicitMetadataWinning() throws Exception {
        Reply reply = post("/leads", "{\"first_name\":\"Tony\",\"edad\":35,\"company\":\"Acme\",\"plan\":\"starter\","
                + "\"metadata\":{\"plan\":\"pro\",\"utm_source\":\"google\"}}");

        assertThat(reply.status).isEqualTo(201);
        JsonNode lead = reply.json.get("lead");
        assertThat(lead.get("metadata")).isEqualTo(JSON.readTree(
                "{\"edad\":35,\"company\":\"Acme\",\"plan\":\"pro\",\"utm_source\":\"google\"}"));
        assertThat(lead.get("company").isNull()).isTrue();
        assertThat(sim.lead(lead.get("id").asText()).orElseThrow().get("metadata").get("edad").asInt()).isEqualTo(35);
    }

    @Test
    void bulkCreateReportsPartialSuccessWith207() throws Exception {
        Reply reply = post("/leads", "[{\"first_name\":\"Ana\"},{\"last_name\":\"NoFirst\"},"
                + "{\"first_name\":\"Bea\",\"email\":\"bad\"},{\"first_name\":\"Cleo\",\"ref\":\"x\"},42]");

        assertThat(reply.status).isEqualTo(207);
        assertThat(reply.json.get("success").asBoolean()).isTrue();
        assertThat(reply.json.get("created").asInt()).isEqualTo(2);
        assertThat(reply.json.get("failed").asInt()).isEqualTo(3);
        ArrayNode results = (ArrayNode) reply.json.get("results");
        assertThat(results).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(results.get(i).get("index").asInt()).isEqualTo(i);
        }
        assertThat(results.get(0).get("success").asBoolean()).isTrue();
        assertThat(results.get(0).get("lead").get("first_name").asText()).isEqualTo("Ana");
        assertThat(results.get(1).get("success").asBoolean()).isFalse();
        assertThat(results.get(1).get("error").asText()).isEqualTo("first_name is required");
        assertThat(results.get(2).get("error").asText()).isEqualTo("email must be a valid email address");
        assertThat(results.get(3).get("lead").get("metadata").get("ref").asText()).isEqualTo("x");
        assertThat(results.get(4).get("error").asText()).isEqualTo("Lead must be a JSON object");
        assertThat(sim.size()).isEqualTo(42);
        assertThat(sim.bulkRequestCount()).isEqualTo(1);
        assertThat(sim.bulkRequestSizes()).containsExactly(5);
    }

    @Test
    void bulkCreateAnswers201WhenAllSucceedAnd400WhenAllFail() throws Exception {
        Reply allOk = post("/leads", "[{\"first_name\":\"Ana\"},{\"first_name\":\"Bea\"}]");
        assertThat(allOk.status).isEqualTo(201);
        assertThat(allOk.json.get("success").asBoolean()).isTrue();
        assertThat(allOk.json.get("failed").asInt()).isZero();

        Reply allFailed = post("/leads", "[{},{\"first_name\":null}]");
        assertThat(allFailed.status).isEqualTo(400);
        assertThat(allFailed.json.get("success").asBoolean()).isFalse();
        assertThat(allFailed.json.get("created").asInt()).isZero();

        assertThat(sim.bulkRequestSizes()).containsExactly(2, 2);
        assertThat(sim.requestCount(r -> r.method().equals("POST") && r.body().startsWith("["))).isEqualTo(2);
    }

    @Test
    void acceptsExactlyOneThousandLeadsPerBulkAndRefusesMore() throws Exception {
        Reply tooMany = post("/leads", bulkOf(1001));
        assertThat(tooMany.status).isEqualTo(400);
        assertThat(tooMany.json.get("success").asBoolean()).isFalse();
        assertThat(tooMany.json.get("error").asText()).contains("1000");
        assertThat(sim.size()).isEqualTo(40);

        Reply max = post("/leads", bulkOf(1000));
        assertThat(max.status).isEqualTo(201);
        assertThat(max.json.get("created").asInt()).isEqualTo(1000);
        assertThat(sim.size()).isEqualTo(1040);
        assertThat(sim.bulkRequestSizes()).containsExactly(1001, 1000);
    }

    // ------------------------------------------------------------------------------------------ update

    @Test
    void putReplacesFieldsAndShallowMergesMetadata() throws Exception {
        String id = created("{\"first_name\":\"Carlos\",\"metadata\":{\"edad\":35,\"plan\":\"starter\"}}");
        NexorCampaign campaign = sim.campaigns().get(1);
        clock.advance(Duration.ofMinutes(5));

        Reply reply = send("PUT", "/leads/" + id, "{\"last_name\":\"Lopez\",\"company\":\"Stark Industries\","
                + "\"source\":\"website\",\"campaign_id\":\"" + campaign.id() + "\",\"unknown\":1,"
                + "\"metadata\":{\"plan\":\"pro\",\"estado_lead\":\"calificado\"}}", sim.apiKey());

        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.json.get("success").asBoolean()).isTrue();
        JsonNode lead = reply.json.get("lead");
        assertThat(fieldNames(lead)).containsExactly("id", "first_name", "last_name", "email", "phone", "company",
                "title", "source", "campaign_id", "metadata", "created_at");
        assertThat(lead.get("first_name").asText()).isEqualTo("Carlos");
        assertThat(lead.get("last_name").asText()).isEqualTo("Lopez");
        assertThat(lead.get("company").asText()).isEqualTo("Stark Industries");
        assertThat(lead.get("source").asText()).isEqualTo("website");
        assertThat(lead.get("campaign_id").asText()).isEqualTo(campaign.id());
        assertThat(lead.get("metadata")).isEqualTo(JSON.readTree(
                "{\"edad\":35,\"plan\":\"pro\",\"estado_lead\":\"calificado\"}"));
        JsonNode fetched = get(id).json.get("lead");
        assertThat(fetched.get("created_at").asText()).isEqualTo("2026-03-10T12:00:00Z");
        assertThat(fetched.get("updated_at").asText()).isEqualTo("2026-03-10T12:05:00Z");
        assertThat(fetched.has("unknown")).isFalse();
    }

    @Test
    void patchBehavesLikePutIncludingCampaignRemovalAndNulls() throws Exception {
        String id = created("{\"first_name\":\"Ana\",\"email\":\"ana@co.com\",\"campaign_id\":\""
                + sim.campaigns().get(0).id() + "\",\"metadata\":{\"a\":1}}");
        clock.advance(Duration.ofSeconds(1));

        Reply reply = send("PATCH", "/leads/" + id, "{\"email\":null,\"campaign_id\":null,\"metadata\":{\"b\":2}}",
                sim.apiKey());

        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.json.get("lead").get("email").isNull()).isTrue();
        assertThat(reply.json.get("lead").get("campaign_id").isNull()).isTrue();
        assertThat(reply.json.get("lead").get("metadata")).isEqualTo(JSON.readTree("{\"a\":1,\"b\":2}"));
        assertThat(sim.lead(id).orElseThrow().get("campaign").isNull()).isTrue();
        assertThat(sim.lead(id).orElseThrow().get("updated_at").asText()).isEqualTo("2026-03-10T12:00:01Z");
    }

    @Test
    void updateRefusesInvalidFieldsAndUnknownLeads() throws Exception {
        String id = created("{\"first_name\":\"Ana\"}");

        Reply badEmail = send("PUT", "/leads/" + id, "{\"email\":\"nope\"}", sim.apiKey());
        assertThat(badEmail.status).isEqualTo(400);
        assertThat(badEmail.json.get("error").asText()).isEqualTo("email must be a valid email address");
        Reply nullFirst = send("PATCH", "/leads/" + id, "{\"first_name\":null}", sim.apiKey());
        assertThat(nullFirst.status).isEqualTo(400);
        Reply badCampaign = send("PATCH", "/leads/" + id, "{\"campaign_id\":\"" + UNKNOWN_ID + "\"}", sim.apiKey());
        assertThat(badCampaign.status).isEqualTo(400);
        assertThat(send("PUT", "/leads/" + UNKNOWN_ID, "{}", sim.apiKey()).status).isEqualTo(404);
        assertThat(send("PATCH", "/leads/nope", "{}", sim.apiKey()).status).isEqualTo(400);
        assertThat(sim.lead(id).orElseThrow().get("email").isNull()).isTrue();
    }

    // ------------------------------------------------------------------------------------------ status

    @Test
    void changesStatusKeepsReasonInHistoryAndReportsNoOp() throws Exception {
        NexorWorkflow workflow = sim.workflowNamed("Sales Pipeline").orElseThrow();
        String id = created("{\"first_name\":\"Ana\",\"phone\":\"+56912345678\",\"workflow_id\":\"" + workflow.id() + "\"}");
        String runId = sim.lead(id).orElseThrow().get("active_workflow_run").get("id").asText();

        Reply engaged = post("/leads/" + id + "/status", "{\"status_key\":\"engaged\"}");
        Reply qualified = post("/leads/" + id + "/status",
                "{\"status_key\":\"qualified\",\"reason\":\"Budget confirmed\",\"workflow_id\":\"" + workflow.id() + "\"}");
        Reply again = post("/leads/" + id + "/status", "{\"status_key\":\"qualified\"}");

        assertThat(engaged.json.get("previous_status").asText()).isEqualTo("new");
        assertThat(qualified.status).isEqualTo(200);
        assertThat(qualified.json).isEqualTo(JSON.readTree("{\"success\":true,\"changed\":true,"
                + "\"previous_status\":\"engaged\",\"new_status\":\"qualified\",\"workflow_run\":{\"id\":\"" + runId
                + "\",\"workflow_id\":\"" + workflow.id() + "\"}}"));
        assertThat(again.status).isEqualTo(200);
        assertThat(again.json.get("changed").asBoolean()).isFalse();
        assertThat(again.json.get("previous_status").asText()).isEqualTo("qualified");
        assertThat(sim.statusHistory(id)).extracting(NexorStatusChange::newStatus).containsExactly("engaged", "qualified");
        assertThat(sim.statusHistory(id).get(1).reason()).isEqualTo("Budget confirmed");
        assertThat(get(id).json.get("lead").get("active_workflow_run").get("current_status").get("key").asText())
                .isEqualTo("qualified");
    }

    @Test
    void enteringTerminalStatusStopsCadenceAndNullPreviousStatusIsReported() throws Exception {
        ObjectNode stored = seededLead(l -> l.get("active_workflow_run").isObject()
                && l.get("active_workflow_run").get("current_status").isNull());
        String id = stored.get("id").asText();
        String lostKey = "lost";

        Reply reply = post("/leads/" + id + "/status", "{\"status_key\":\"" + lostKey + "\"}");

        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.json.get("previous_status").isNull()).isTrue();
        assertThat(sim.lead(id).orElseThrow().get("active_workflow_run").get("cadence_state").asText()).isEqualTo("stopped");
    }

    @Test
    void refusesUnknownStatusKeyMissingKeyAndLeadWithoutRun() throws Exception {
        NexorWorkflow premium = sim.workflowNamed("Premium Outreach").orElseThrow();
        String enrolled = created("{\"first_name\":\"Ana\",\"workflow_id\":\"" + premium.id() + "\"}");
        String bare = created("{\"first_name\":\"Bea\"}");

        Reply unknownKey = post("/leads/" + enrolled + "/status", "{\"status_key\":\"engaged\"}");
        assertThat(unknownKey.status).isEqualTo(400);
        assertThat(unknownKey.json.get("success").asBoolean()).isFalse();
        assertThat(unknownKey.json.get("details").get("valid_keys")).hasSize(4);

        Reply missing = post("/leads/" + enrolled + "/status", "{\"reason\":\"x\"}");
        assertThat(missing.status).isEqualTo(400);
        assertThat(missing.json.get("error").asText()).isEqualTo("status_key is required");

        Reply otherWorkflow = post("/leads/" + enrolled + "/status",
                "{\"status_key\":\"lost\",\"workflow_id\":\"" + UNKNOWN_ID + "\"}");
        assertThat(otherWorkflow.status).isEqualTo(400);

        Reply noRun = post("/leads/" + bare + "/status", "{\"status_key\":\"qualified\"}");
        assertThat(noRun.status).isEqualTo(400);
        assertThat(noRun.json.get("error").asText()).isEqualTo("Lead has no active workflow run");

        assertThat(post("/leads/" + UNKNOWN_ID + "/status", "{\"status_key\":\"new\"}").status).isEqualTo(404);
        assertThat(send("GET", "/leads/" + enrolled + "/status", null, sim.apiKey()).status).isEqualTo(405);
        assertThat(sim.statusHistory(enrolled)).isEmpty();
    }

    // ------------------------------------------------------------------------------------------ assign-workflow

    @Test
    void assignWorkflowEnrolsThenReassignsWithCamelCaseBody() throws Exception {
        String id = created("{\"first_name\":\"Ana\"}");
        NexorWorkflow sales = sim.workflowNamed("Sales Pipeline").orElseThrow();
        NexorWorkflow premium = sim.workflowNamed("Premium Outreach").orElseThrow();

        Reply enrol = post("/leads/" + id + "/assign-workflow", "{\"workflowId\":\"" + sales.id() + "\"}");
        Reply move = post("/leads/" + id + "/assign-workflow", "{\"workflowId\":\"" + premium.id()
                + "\",\"reason\":\"Upsell\",\"actorId\":\"user-7\"}");

        assertThat(enrol.status).isEqualTo(200);
        assertThat(fieldNames(enrol.json)).containsExactly("workflowRunId", "workflowId", "workflowName", "movementType",
                "paused");
        assertThat(enrol.json.get("movementType").asText()).isEqualTo("enrollment");
        assertThat(enrol.json.get("workflowName").asText()).isEqualTo("Sales Pipeline");
        assertThat(enrol.json.get("paused").asBoolean()).isFalse();
        assertThat(move.json.get("movementType").asText()).isEqualTo("reassignment");
        assertThat(move.json.get("workflowId").asText()).isEqualTo(premium.id());

        ObjectNode stored = sim.lead(id).orElseThrow();
        assertThat(stored.get("active_workflow_run").get("id").asText()).isEqualTo(move.json.get("workflowRunId").asText());
        assertThat(stored.get("active_workflow_run").get("current_status").get("key").asText()).isEqualTo("new");
        List<NexorWorkflowMovement> movements = sim.workflowMovements(id);
        assertThat(movements).hasSize(2);
        assertThat(movements.get(1).fromRunId()).isEqualTo(enrol.json.get("workflowRunId").asText());
        assertThat(movements.get(1).reason()).isEqualTo("Upsell");
        assertThat(movements.get(1).actorId()).isEqualTo("user-7");
    }

    @Test
    void assignWorkflowRefusesMissingUnknownAndSameWorkflowAndReportsPaused() throws Exception {
        String pausedId = "9b2f6a3e-1c4d-4e8f-a0b1-c2d3e4f5a6b7";
        NexorWorkflow paused = new NexorWorkflow(pausedId, "Holiday Nurture", "nurture", true, List.of("email"),
                List.of(new NexorStatus("0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b", "new", "New", null, "active")));
        sim = restartWith(NexorSimulator.builder().clock(clock).workflow(paused));
        String id = created("{\"first_name\":\"Ana\"}");

        assertThat(post("/leads/" + id + "/assign-workflow", "{\"workflow_id\":\"" + pausedId + "\"}").json
                .get("error").asText()).isEqualTo("workflowId is required");
        assertThat(post("/leads/" + id + "/assign-workflow", "{\"workflowId\":\"" + UNKNOWN_ID + "\"}").status)
                .isEqualTo(400);

        Reply ok = post("/leads/" + id + "/assign-workflow", "{\"workflowId\":\"" + pausedId + "\"}");
        assertThat(ok.json.get("paused").asBoolean()).isTrue();
        assertThat(sim.lead(id).orElseThrow().get("active_workflow_run").get("cadence_state").asText()).isEqualTo("paused");

        Reply same = post("/leads/" + id + "/assign-workflow", "{\"workflowId\":\"" + pausedId + "\"}");
        assertThat(same.status).isEqualTo(400);
        assertThat(same.json.get("error").asText()).isEqualTo("Lead is already active in this workflow");
    }

    // ------------------------------------------------------------------------------------------ faults

    @Test
    void injectedFaultsReplaceAnswersOnceWithoutTouchingState() throws Exception {
        String id = anyLeadId();
        sim.faults().next(Fault.htmlPage(502));
        sim.faults().when(r -> r.method().equals("POST"), 1, Fault.respondJson(500,
                "{\"success\":false,\"error\":\"Internal server error\"}"));

        Reply html = get(id);
        Reply failedCreate = post("/leads", "{\"first_name\":\"Ana\"}");
        Reply normal = get(id);

        assertThat(html.status).isEqualTo(502);
        assertThat(html.headers.firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("text/html"));
        assertThat(failedCreate.status).isEqualTo(500);
        assertThat(sim.size()).isEqualTo(40);
        assertThat(normal.status).isEqualTo(200);
        assertThat(post("/leads", "{\"first_name\":\"Ana\"}").status).isEqualTo(201);
    }

    @Test
    void connectionResetSurfacesAsIoError() throws Exception {
        // the JDK client resends a GET once by itself when a pooled connection dies before any response byte, so a
        // failure the caller sees is two resets in a row
        String id = anyLeadId();
        assertThat(get(id).status).isEqualTo(200); // leaves a pooled connection behind
        sim.faults().next(2, Fault.connectionReset());
        long before = sim.requestCount();

        assertThatThrownBy(() -> get(id)).isInstanceOf(IOException.class);
        assertThat(sim.requestCount() - before).isEqualTo(2);
        assertThat(get(id).status).isEqualTo(200);
    }

    // ------------------------------------------------------------------------------------------ seed and state

    @Test
    void seedIsDeterministicRealisticAndMixesTimestampForms() {
        try (NexorSimulator twin = NexorSimulator.builder().clock(clock).seed(40, 7L).build()) {
            assertThat(twin.leads()).isEqualTo(sim.leads());
        }
        List<ObjectNode> leads = sim.leads();
        assertThat(leads).hasSize(40);
        Set<String> workflowIds = Set.copyOf(sim.workflows().stream().map(NexorWorkflow::id).toList());
        List<String> stamps = new ArrayList<>();
        for (ObjectNode lead : leads) {
            assertThat(lead.get("id").asText()).matches("[0-9a-f-]{36}");
            stamps.add(lead.get("created_at").asText());
            JsonNode run = lead.get("active_workflow_run");
            if (run.isObject()) {
                assertThat(workflowIds).contains(run.get("workflow_id").asText());
            }
            Instant created = Instant.from(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME
                    .parse(lead.get("created_at").asText()));
            assertThat(created).isBetween(NOW.minus(Duration.ofDays(731)), NOW);
        }
        assertThat(stamps).anyMatch(s -> s.endsWith("Z"));
        assertThat(stamps).anyMatch(s -> Pattern.compile("[+-]\\d\\d:\\d\\d$").matcher(s).find());
        assertThat(leads).anyMatch(l -> l.get("metadata").has("utm_source"));
        assertThat(leads).anyMatch(l -> l.get("email").isNull());
        assertThat(leads).anyMatch(l -> l.get("active_workflow_run").isNull());
        assertThat(leads).anyMatch(l -> l.get("assigned_user").isObject());
        assertThat(leads).anyMatch(l -> l.get("campaign").isObject() && l.get("company").isTextual());
        assertThat(leads).anyMatch(l -> !l.get("variables").isEmpty());
    }

    @Test
    void putStoresNativeLeadAsGivenAndClearEmptiesState() throws Exception {
        ObjectNode lead = (ObjectNode) JSON.readTree("{\"first_name\":\"José\",\"last_name\":\"Müller\","
                + "\"created_at\":\"2026-02-10T09:00:00-03:00\",\"active_workflow_run\":null}");

        String id = sim.put(lead);

        assertThat(get(id).json.get("lead").get("created_at").asText()).isEqualTo("2026-02-10T09:00:00-03:00");
        assertThat(sim.lead(id).orElseThrow().get("first_name").asText()).isEqualTo("José");
        assertThatThrownBy(() -> sim.put((ObjectNode) JSON.readTree("{\"id\":\"42\"}")))
                .isInstanceOf(IllegalArgumentException.class);
        sim.clear();
        assertThat(sim.size()).isZero();
        assertThat(get(id).status).isEqualTo(404);
    }

    @Test
    void handlesConcurrentCreatesAndReadsWithoutLosingLeads() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                int n = i;
                statuses.add(pool.submit(() -> n % 2 == 0
                        ? post("/leads", "{\"first_name\":\"Lead " + n + "\"}").status
                        : get(anyLeadId()).status));
            }
            for (java.util.concurrent.Future<Integer> status : statuses) {
                assertThat(status.get()).isIn(200, 201);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(sim.size()).isEqualTo(80);
        assertThat(sim.leads().stream().map(l -> l.get("id").asText()).distinct().count()).isEqualTo(80);
    }

    @Test
    void builderRejectsRepeatedSettings() {
        NexorSimulator.Builder builder = NexorSimulator.builder().apiKey("nxr_live_x");

        assertThatThrownBy(() -> builder.apiKey("nxr_live_y")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> builder.seed(-1, 1L)).isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private record Reply(int status, java.net.http.HttpHeaders headers, JsonNode json) {
    }

    private NexorSimulator restartWith(NexorSimulator.Builder builder) {
        sim.close();
        return builder.build();
    }

    private Reply get(String id) throws Exception {
        return send("GET", "/leads/" + id, null, sim.apiKey());
    }

    private Reply post(String path, String body) throws Exception {
        return send("POST", path, body, sim.apiKey());
    }

    private String created(String body) throws Exception {
        Reply reply = post("/leads", body);
        assertThat(reply.status).as(reply.json.toString()).isEqualTo(201);
        return reply.json.get("lead").get("id").asText();
    }

    private Reply send(String method, String path, String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("X-API-Key", key);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        if (response.headers().firstValue("Content-Type").orElse("").contains("json") && !response.body().isEmpty()) {
            json = JSON.readTree(response.body());
        }
        return new Reply(response.statusCode(), response.headers(), json);
    }

    private String anyLeadId() {
        return sim.leads().get(0).get("id").asText();
    }

    private ObjectNode seededLead(java.util.function.Predicate<ObjectNode> matcher) {
        return sim.leads().stream().filter(matcher).findFirst()
                .orElseThrow(() -> new AssertionError("no seeded lead matches"));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String bulkOf(int count) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ",").append("{\"first_name\":\"Lead ").append(i).append("\"}");
        }
        return body.append(']').toString();
    }
}
