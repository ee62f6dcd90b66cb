package dev.leadbridge.testkit.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkspaceSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Instant START = Instant.parse("2026-03-10T12:00:00Z");
    private static final Pattern DOCS_ID = Pattern.compile("lead_[0-9a-f]{16}");
    private static final Pattern CUID = Pattern.compile("c[0-9a-z]{24}");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

    private final MutableClock clock = new MutableClock(START);
    private WorkspaceSimulator sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    // ---------------------------------------------------------------------------------------------- auth

    @Test
    void defaultKeyHasTheDocumentedFormat() {
        assertThat(WorkspaceSimulator.DEFAULT_API_KEY).startsWith("sk-workspace_").hasSize(64);
    }

    @Test
    void missingAuthHeaderGetsTheDocumented401Body() throws Exception {
        sim = start(WorkspaceSimulator.builder());

        Reply reply = send("GET", "/leads", null, null);

        assertThat(reply.status).isEqualTo(401);
        assertThat(reply.json).isEqualTo(JSON.readTree(
                "{\"success\":false,\"error\":\"Missing authorization header\",\"code\":\"MISSING_AUTH_HEADER\"}"));
        assertThat(reply.response.headers().firstValue("X-RateLimit-Limit")).isEmpty();
    }

    @Test
    void unknownKeyGetsInvalidApiKey() throws Exception {
        sim = start(WorkspaceSimulator.builder());

        Reply reply = send("GET", "/leads", null, "Bearer sk-workspace_" + "x".repeat(51));

        assertThat(reply.status).isEqualTo(401);
        assertThat(reply.json).isEqualTo(JSON.readTree(
                "{\"success\":false,\"error\":\"Invalid API key\",\"code\":\"INVALID_API_KEY\"}"));
    }

    @Test
    void malformedHeadersGetMalformedAuthHeader() throws Exception {
        sim = start(WorkspaceSimulator.builder());
        JsonNode expected = JSON.readTree("{\"success\":false,\"error\":\"Malformed authorization header. "
                + "Expected format: Bearer <token>\",\"code\":\"MALFORMED_AUTH_HEADER\"}");

        for (String header : List.of("Basic x", "Bearer", "Bearer    ", sim.apiKey(), "Bearer a b")) {
            Reply reply = send("GET", "/leads", null, header);
            assertThat(reply.status).as(header).isEqualTo(401);
            assertThat(reply.json).as(header).isEqualTo(expected);
        }
    }

    @Test
    void schemeWordIsCaseInsensitiveAndEveryKeyIsAccepted() throws Exception {
        String other = "sk-workspace_" + "A".repeat(51);
        sim = start(WorkspaceSimulator.builder().additionalApiKey(other));

        assertThat(send("GET", "/leads", null, "bearer " + sim.apiKey()).status).isEqualTo(200);
        assertThat(send("GET", "/leads", null, "Bearer " + other).status).isEqualTo(200);
    }

    // ------------------------------------------------------------------------------------- path families

    @Test
    void workspaceListItemsLackWorkspaceIdWhileGetByIdHasIt() throws Exception {
        sim = start(WorkspaceSimulator.builder().seed(5, 7));

        Reply list = get("/leads");
        JsonNode first = list.json.at("/data/leads/0");
        Reply one = get("/leads/" + first.get("id").asText());

        assertThat(list.status).isEqualTo(200);
        assertThat(list.json.get("success").asBoolean()).isTrue();
        assertThat(first.has("workspaceId")).isFalse();
        assertThat(one.status).isEqualTo(200);
        assertThat(one.json.at("/data/workspaceId").asText()).isEqualTo(WorkspaceSimulator.DEFAULT_WORKSPACE_ID);
        assertThat(one.json.at("/data/id").asText()).matches(DOCS_ID);
        assertThat(one.json.at("/data/createdAt").asText()).matches(TIMESTAMP);
    }

    @Test
    void chatbotScopedRoutesOnlySeeThatChatbotsLeads() throws Exception {
        sim = start(WorkspaceSimulator.builder().chatbotId("cb_aaaaaaaaaaaaaaaa").chatbotId("cb_bbbbbbbbbbbbbbbb"));
        Reply created = send("POST", "/chatbots/cb_aaaaaaaaaaaaaaaa/leads",
                "{\"name\":\"Ann\",\"email\":\"ann@example.com\"}", bearer());
        String id = created.json.at("/data/id").asText();
        send("POST", "/chatbots/cb_bbbbbbbbbbbbbbbb/leads", "{\"name\":\"Bob\",\"email\":\"bob@example.com\"}", bearer());

        Reply listA = get("/chatbots/cb_aaaaaaaaaaaaaaaa/leads");
        Reply listAll = get("/leads");

        assertThat(created.status).isEqualTo(201);
        assertThat(names(listA)).containsExactly("Ann");
        assertThat(listA.json.at("/data/pagination/total").asInt()).isEqualTo(1);
        assertThat(names(listAll)).containsExactlyInAnyOrder("Ann", "Bob");
        assertThat(get("/chatbots/cb_aaaaaaaaaaaaaaaa/leads/" + id).status).isEqualTo(200);
        assertThat(get("/leads/" + id).status).isEqualTo(200);
        Reply wrongBot = get("/chatbots/cb_bbbbbbbbbbbbbbbb/leads/" + id);
        assertThat(wrongBot.status).isEqualTo(404);
        assertThat(wrongBot.json.get("code").asText()).isEqualTo("LEAD_NOT_FOUND");
    }

    @Test
    void unknownChatbotGets404() throws Exception {
        sim = start(WorkspaceSimulator.builder());

        Reply reply = get("/chatbots/cb_doesnotexist0000/leads");

        assertThat(reply.status).isEqualTo(404);
        assertThat(reply.json.get("code").asText()).isEqualTo("CHATBOT_NOT_FOUND");
        assertThat(reply.json.at("/details/chatbotId").asText()).isEqualTo("cb_doesnotexist0000");
    }

    @Test
    void createExistsOnlyOnTheChatbotPath() throws Exception {
        sim = start(WorkspaceSimulator.builder());

        Reply reply = send("POST", "/leads", "{\"name\":\"Ann\",\"email\":\"ann@example.com\"}", bearer());

        assertThat(reply.status).isEqualTo(405);
        assertThat(reply.json.get("success").asBoolean()).isFalse();
        assertThat(reply.json.get("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(reply.json.get("requestId").asText()).startsWith("req_");
        assertThat(reply.response.headers().firstValue("Allow")).hasValue("GET");
        assertThat(sim.size()).isZero();
    }

    @Test
    void unknownRoutesAndPathTricksGetErrorShapesNeverA500() throws Exception {
        sim = start(WorkspaceSimulator.builder().seed(3, 1));

        for (String path : List.of("/contacts", "/leads/a/b", "/chatbots", "/chatbots/x/contacts", "//leads")) {
            Reply reply = get(path);
            assertThat(reply.status).as(path).isEqualTo(404);
            assertThat(reply.json.get("code").asText()).as(path).isEqualTo("NOT_FOUND");
        }
        for (String path : List.of("/leads/lead%2F123", "/leads/lead%20x", "/leads/bad.id",
                "/leads/" + "9".repeat(400), "/leads/%E2%82%AC", "/leads/..%2F..%2Fetc")) {
            Reply reply = get(path);
            assertThat(reply.status).as(path).isEqualTo(400);
            assertThat(reply.json.get("code").asText()).as(path).isEqualTo("INVALID_ID_FORMAT");
        }
        assertThat(send("PATCH", "/leads/lead_0000000000000000", "{}", bearer()).status).isEqualTo(405);
    }

    @Test
    void invalidIdFormatCarriesTheErrorShape() throws Exception {
        sim = start(WorkspaceSimulator.builder().clock(clock));

        Reply reply = get("/leads/lead%24abc");

        assertThat(reply.status).isEqualTo(400);
        assertThat(reply.json.get("success").asBoolean()).isFalse();
        assertThat(reply.json.get("code").asText()).isEqualTo("INVALID_ID_FORMAT");
        assertThat(reply.json.at("/details/value").asText()).isEqualTo("lead$abc");
        assertThat(reply.json.get("timestamp").asText()).isEqualTo("2026-03-10T12:00:00.000Z");
    }

    // ------------------------------------------------------------------------------------------ listing

    @Test
    void pagesWithHasNextAndHasPrevAndDefaultLimitTen() throws Exception {
        sim = start(WorkspaceSimulator.builder().seed(25, 3));

        Reply first = get("/leads");
        Reply third = get("/leads?page=3&limit=10");
        Reply beyond = get("/leads?page=9");

        assertThat(first.json.at("/data/pagination").toString()).isEqualTo(
                "{\"page\":1,\"limit\":10,\"total\":25,\"totalPages\":3,\"hasNext\":true,\"hasPrev\":false}");
        assertThat(first.json.at("/data/leads").size()).isEqualTo(10);
        assertThat(third.json.at("/data/leads").size()).isEqualTo(5);
        assertThat(third.json.at("/data/pagination/hasNext").asBoolean()).isFalse();
        assertThat(third.json.at("/data/pagination/hasPrev").asBoolean()).isTrue();
        assertThat(beyond.json.at("/data/leads").size()).isZero();
        assertThat(beyond.json.at("/data/pagination/hasNext").asBoolean()).isFalse();
    }

    @Test
    void walkingAllPagesYieldsEveryLeadOnceInCreatedAtDescendingOrder() throws Exception {
        sim = start(WorkspaceSimulator.builder().clock(clock).seed(0, 1));
        sim.put(lead("lead_000000000000000b", "Tie B", "2025-01-01T00:00:00.000Z"));
        sim.put(lead("lead_000000000000000a", "Tie A", "2025-01-01T00:00:00.000Z"));
        sim.put(lead("lead_0000000000000001", "Newest", "2026-01-01T00:00:00.000Z"));
        sim.put(lead("lead_0000000000000002", "Oldest", "2020-01-01T00:00:00.000Z"));

        List<String> ids = new ArrayList<>();
        int page = 1;
        boolean hasNext = true;
        while (hasNext) {
            Reply reply = get("/leads?limit=1&page=" + page++);
            reply.json.at("/data/leads").forEach(l -> ids.add(l.get("id").asText()));
            hasNext = reply.json.at("/data/pagination/hasNext").asBoolean();
        }

        assertThat(ids).containsExactly("lead_0000000000000001", "lead_000000000000000a", "lead_000000000000000b",
                "lead_0000000000000002");
    }

    @Test
    void limitOutsideOneToHundredIsAValidationError() throws Exception {
        sim = start(WorkspaceSimulator.builder());

        for (String query : List.of("limit=101", "limit=0", "limit=abc", "limit=99999999999999999999", "page=0",
                "page=-1")) {
            Reply reply = get("/leads?" + query);
            assertThat(reply.status).as(query).isEqualTo(400);
            assertThat(reply.json.get("code").asText()).isEqualTo("VALIDATION_ERROR");
            assertThat(reply.json.at("/details/field").asText()).isEqualTo(query.substring(0, query.indexOf('=')));
        }
        assertThat(get("/leads?limit=100").status).isEqualTo(200);
    }

    @Test
    void filtersByStatusCaseInsensitivelyAndSourceExactly() throws Exception {
        sim = start(WorkspaceSimulator.builder().seed(60, 11));
        long contacted = sim.leads().stream().filter(l -> "contacted".equals(l.path("status").asText())).count();
        long webinar = sim.leads().stream().filter(l -> "webinar".equals(l.path("source").asText())).count();

        Reply byStatus = get("/leads?limit=100&status=CONTACTED");
        Reply bySource = get("/leads?limit=100&source=webinar");
        Reply bySourceWrongCase = get("/leads?limit=100&source=WEBINAR");

        assertThat(contacted).isPositive();
        assertThat(byStatus.json.at("/data/pagination/total").asLong()).isEqualTo(contacted);
        byStatus.json.at("/data/leads").forEach(l -> assertThat(l.get("status").asText()).isEqualTo("contacted"));
        assertThat(bySource.json.at("/data/pagination/total").asLong()).isEqualTo(webinar).isPositive();
        assertThat(bySourceWrongCase.json.at("/data/pagination/total").asLong()).isZero();
    }

    @Test
    void searchMatchesNameOrEmailCaseInsensitively() throws Exception {
        sim = start(WorkspaceSimulator.builder());
        sim.put(lead("lead_0000000000000001", "José Müller", "2025-01-01T00:00:00.000Z"));
        ObjectNode byEmail = lead("lead_0000000000000002", "Someone", "2025-01-02T00:00:00.000Z");
        byEmail.put("email", "J.Mueller@Example.COM");
        sim.put(byEmail);
        ObjectNode other = lead("lead_0000000000000003", "Other", "2025-01-03T00:00:00.000Z");
        other.withObjectProperty("metadata").put("company", "Müller AG");
        sim.put(other);

        assertThat(names(get("/leads?search=m%C3%9CLLER"))).containsExactly("José Müller");
        assertThat(names(get("/leads?search=mueller%40example"))).containsExactly("Someone");
        assertThat(names(get("/leads?search=nobody"))).isEmpty();
    }

    // ------------------------------------------------------------------------------------------ create

    @Test
    void createReturns201WithTheDocumentedShapeAndDefaults() throws Exception {
        sim = start(WorkspaceSimulator.builder().clock(clock));

        Reply reply = send("POST", "/chatbots/" + sim.defaultChatbotId() + "/leads",
                "{\"name\":\" John Doe \",\"email\":\"john.doe@example.com\",\"phone\":\"+1-555-123-4567\","
                        + "\"source\":\"website\",\"metadata\":{\"utm_source\":\"google\",\"tags\":[\"a\"]}}",
                bearer());

        assertThat(reply.status).isEqualTo(201);
        JsonNode data = reply.json.get("data");
        assertThat(data.get("id").asText()).matches(DOCS_ID);
        assertThat(data.get("name").asText()).isEqualTo("John Doe");
        assertThat(data.get("status").asText()).isEqualTo("new");
        assertThat(data.get("metadata").toString()).isEqualTo("{\"utm_source\":\"google\",\"tags\":[\"a\"]}");
        assertThat(data.get("createdAt").asText()).isEqualTo("2026-03-10T12:00:00.000Z");
        assertThat(data.get("updatedAt").asText()).isEqualTo("2026-03-10T12:00:00.000Z");
        assertThat(data.get("workspaceId").asText()).isEqualTo(sim.workspaceId());
        assertThat(sim.lead(data.get("id").asText())).isPresent();
    }

    @Test
    void createValidatesFieldsAndReportsTheField() throws Exception {
        sim = start(WorkspaceSimulator.builder());
        String path = "/chatbots/" + sim.defaultChatbotId() + "/leads";

        assertValidation(send("POST", path, "{\"email\":\"a@example.com\"}", bearer()), "name");
        assertValidation(send("POST", path, "{\"name\":\"A\"}", bearer()), "email");
        assertValidation(send("POST", path, "{\"name\":\"A\",\"email\":\"not-an-email\"}", bearer()), "email");
        assertValidation(send("POST", path, "{\"name\":42,\"email\":\"a@example.com\"}", bearer()), "name");
        assertValidation(send("POST", path, "{\"name\":\"A\",\"email\":\"a@example.com\",\"status\":\"won\"}",
                bearer()), "status");
        assertValidation(send("POST", path, "{\"name\":\"A\",\"email\":\"a@example.com\",\"phone\":\"call me\"}",
                bearer()), "phone");
        assertValidation(send("POST", path, "{\"name\":\"A\",\"email\":\"a@example.com\",\"metadata\":[1]}",
                bearer()), "metadata");
        assertValidation(send("POST", path, "{\"name\":", bearer()), "body");
        assertValidation(send("POST", path, "[]", bearer()), "body");
        assertValidation(send("POST", path, "", bearer()), "body");
        assertThat(sim.size()).isZero();

        Reply ok = send("POST", path, "{\"name\":\"A\",\"email\":\"a@example.com\",\"status\":\"FOLLOW_UP\"}", bearer());
        assertThat(ok.json.at("/data/status").asText()).isEqualTo("follow_up");
    }

    @Test
    void duplicateEmailIsRejectedCaseInsensitivelyOnCreateAndUpdate() throws Exception {
        sim = start(WorkspaceSimulator.builder());
        String path = "/chatbots/" + sim.defaultChatbotId() + "/leads";
        String firstId = send("POST", path, "{\"name\":\"A\",\"email\":\"ann@example.com\"}", bearer())
                .json.at("/data/id").asText();
        String secondId = send("POST", path, "{\"name\":\"B\",\"email\":\"bob@example.com\"}", bearer())
                .json.at("/data/id").asText();

        Reply onCreate = send("POST", path, "{\"name\":\"C\",\"email\":\"  ANN@Example.com\"}", bearer());
        Reply onUpdate = send("PUT", "/leads/" + secondId, "{\"email\":\"Ann@example.COM\"}", bearer());
        Reply ownEmail = send("PUT", "/leads/" + firstId, "{\"email\":\"ANN@example.com\"}", bearer());

        assertThat(onCreate.status).isEqualTo(409);
        assertThat(onCreate.json.get("code").asText()).isEqualTo("DUPLICATE_EMAIL");
        assertThat(onCreate.json.at("/details/existingLeadId").asText()).isEqualTo(firstId);
        assertThat(onCreate.json.at("/details/email").asText()).isEqualTo("ANN@Example.com");
        assertThat(onUpdate.status).isEqualTo(409);
        assertThat(onUpdate.json.at("/details/existingLeadId").asText()).isEqualTo(firstId);
        assertThat(sim.lead(secondId).orElseThrow().get("email").asText()).isEqualTo("bob@example.com");
        assertThat(ownEmail.status).isEqualTo(200);
        assertThat(sim.size()).isEqualTo(2);
    }

    @Test
    void concurrentCreatesOfOneEmailLetExactlyOneThrough() throws Exception {
        sim = start(WorkspaceSimulator.builder().seed(50, 2));
        String path = "/chatbots/" + sim.defaultChatbotId() + "/leads";
        List<java.util.concurrent.Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String body = "{\"name\":\"Racer " + i + "\",\"email\":\"Race@Example.com\"}";
            calls.add(() -> send("POST", path, body, bearer()).status);
            calls.add(() -> get("/leads?limit=7&page=2").status);
        }
        List<Integer> statuses = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            for (java.util.concurrent.Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(15);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(16);
        assertThat(sim.size()).isEqualTo(51);
    }

    // ------------------------------------------------------------------------------------------ update

    @Test
    void updateMergesMetadataShallowlyAndClearsNulls() throws Exception {
        sim = start(WorkspaceSimulator.builder().clock(clock));
        ObjectNode seeded = lead("lead_00000000000000aa", "Ann", "2025-01-01T00:00:00.000Z");
        seeded.put("phone", "+44 20 7946 0958");
        seeded.set("metadata", JSON.readTree(
                "{\"utm_source\":\"google\",\"company\":\"Tech Corp\",\"tags\":[\"a\",\"b\"],\"score\":10}"));
        sim.put(seeded);
        clock.advance(Duration.ofMinutes(5));

        Reply reply = send("PUT", "/leads/lead_00000000000000aa",
                "{\"status\":\"Qualified\",\"phone\":null,\"metadata\":{\"score\":90,\"tags\":[\"c\"],"
                        + "\"company\":null,\"utm_campaign\":\"spring\"},\"id\":\"hacked\",\"createdAt\":\"x\","
                        + "\"workspaceId\":\"ws_other\"}", bearer());

        assertThat(reply.status).isEqualTo(200);
        JsonNode data = reply.json.get("data");
        assertThat(data.get("id").asText()).isEqualTo("lead_00000000000000aa");
        assertThat(data.get("status").asText()).isEqualTo("qualified");
        assertThat(data.get("phone").isNull()).isTrue();
        assertThat(data.get("metadata").toString()).isEqualTo(
                "{\"utm_source\":\"google\",\"tags\":[\"c\"],\"score\":90,\"utm_campaign\":\"spring\"}");
        assertThat(data.get("createdAt").asText()).isEqualTo("2025-01-01T00:00:00.000Z");
        assertThat(data.get("workspaceId").asText()).isEqualTo(sim.workspaceId());
        assertThat(data.get("updatedAt").asText()).isEqualTo("2026-03-10T12:05:00.000Z");
        assertThat(sim.lead("lead_00000000000000aa").orElseThrow()).isEqualTo(data);
    }

    @Test
    void updateWithNullMetadataClearsItAndNullNameIsRejected() throws Exception {
        sim = start(WorkspaceSimulator.builder().seed(1, 5));
        String id = sim.leads().get(0).get("id").asText();

        Reply cleared = send("PUT", "/chatbots/" + sim.defaultChatbotId() + "/leads/" + id, "{\"metadata\":null}",
                bearer());
        Reply rejected = send("PUT", "/leads/" + id, "{\"name\":null}", bearer());
        Reply missing = send("PUT", "/leads/lead_ffffffffffffffff", "{\"name\":\"X\"}", bearer());

        assertThat(cleared.status).isEqualTo(200);
        assertThat(cleared.json.at("/data/metadata").isNull()).isTrue();
        assertValidation(rejected, "name");
        assertThat(missing.status).isEqualTo(404);
        assertThat(missing.json.at("/details/leadId").asText()).isEqualTo("lead_ffffffffffffffff");
    }

    // ------------------------------------------------------------------------------------------ delete

    @Test
    void deleteAnswersWithDeletedAtAndASecondDeleteIs404() throws Exception {
        sim = start(WorkspaceSimulator.builder().clock(clock).seed(2, 9));
        String id = sim.leads().get(0).get("id").asText();

        Reply deleted = send("DELETE", "/leads/" + id, null, bearer());
        Reply again = send("DELETE", "/leads/" + id, null, bearer());
        Reply fetched = get("/leads/" + id);

        assertThat(deleted.status).isEqualTo(200);
        assertThat(deleted.json).isEqualTo(JSON.readTree("{\"success\":true,\"message\":\"Lead deleted successfully\","
                + "\"data\":{\"id\":\"" + id + "\",\"deletedAt\":\"2026-03-10T12:00:00.000Z\"}}"));
        assertThat(again.status).isEqualTo(404);
        assertThat(again.json.get("code").asText()).isEqualTo("LEAD_NOT_FOUND");
        assertThat(again.json.at("/details/leadId").asText()).isEqualTo(id);
        assertThat(fetched.status).isEqualTo(404);
        assertThat(sim.size()).isEqualTo(1);
    }

    // -------------------------------------------------------------------------------------- rate limit

    @Test
    void everyAuthenticatedResponseCarriesRateLimitHeaders() throws Exception {
        sim = start(WorkspaceSimulator.builder().clock(clock).rateLimit(5, Duration.ofSeconds(60)));
        long reset = START.getEpochSecond() + 60;

        Reply first = get("/leads");
        clock.advance(Duration.ofSeconds(10));
        Reply notFound = get("/leads/lead_0000000000000000");

        assertThat(header(first, "X-RateLimit-Limit")).isEqualTo("5");
        assertThat(header(first, "X-RateLimit-Remaining")).isEqualTo("4");
        assertThat(header(first, "X-RateLimit-Used")).isEqualTo("1");
        assertThat(header(first, "X-RateLimit-Reset")).isEqualTo(Long.toString(reset));
        assertThat(notFound.status).isEqualTo(404);
        assertThat(header(notFound, "X-RateLimit-Remaining")).isEqualTo("3");
        assertThat(header(notFound, "X-RateLimit-Reset")).isEqualTo(Long.toString(reset));
    }

    @Test
    void exceedingTheBudgetGives429UntilTheWindowSlides() throws Exception {
        sim = start(WorkspaceSimulator.builder().clock(clock).rateLimit(3, Duration.ofSeconds(60)));
        get("/leads");
        clock.advance(Duration.ofSeconds(20));
        get("/leads");
        get("/leads");

        Reply refused = get("/leads");
        Reply refusedAgain = get("/leads");

        assertThat(refused.status).isEqualTo(429);
        assertThat(refused.json.get("code").asText()).isEqualTo("RATE_LIMIT_EXCEEDED");
        assertThat(refused.json.get("success").asBoolean()).isFalse();
        assertThat(header(refused, "Retry-After")).isEqualTo("40");
        assertThat(header(refused, "X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(header(refused, "X-RateLimit-Used")).isEqualTo("3");
        assertThat(header(refused, "X-RateLimit-Reset")).isEqualTo(Long.toString(START.getEpochSecond() + 60));
        assertThat(header(refusedAgain, "X-RateLimit-Used")).isEqualTo("3");

        clock.advance(Duration.ofSeconds(40));
        Reply recovered = get("/leads");
        assertThat(recovered.status).isEqualTo(200);
        assertThat(header(recovered, "X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(header(recovered, "X-RateLimit-Reset")).isEqualTo(Long.toString(START.getEpochSecond() + 80));
        assertThat(get("/leads").status).isEqualTo(429);
    }

    @Test
    void retryAfterCanBeSwitchedOffAndKeysHaveTheirOwnBudgets() throws Exception {
        String other = "sk-workspace_" + "B".repeat(51);
        sim = start(WorkspaceSimulator.builder().clock(clock).rateLimit(1, Duration.ofMinutes(1))
                .sendRetryAfter(false).additionalApiKey(other));
        get("/leads");

        Reply refused = get("/leads");
        Reply otherKey = send("GET", "/leads", null, "Bearer " + other);

        assertThat(refused.status).isEqualTo(429);
        assertThat(refused.response.headers().firstValue("Retry-After")).isEmpty();
        assertThat(header(refused, "X-RateLimit-Limit")).isEqualTo("1");
        assertThat(otherKey.status).isEqualTo(200);
        sim.resetRateLimits();
        assertThat(get("/leads").status).isEqualTo(200);
    }

    // ------------------------------------------------------------------------------------- newer model

    @Test
    void newerModelSpeaksUppercaseStatusesCustomFieldsAndCuids() throws Exception {
        sim = start(WorkspaceSimulator.builder().newerModel(true).clock(clock).seed(30, 4));
        String bot = sim.defaultChatbotId();

        Reply list = get("/chatbots/" + bot + "/leads?limit=100&sortBy=name&sortOrder=asc");
        JsonNode first = list.json.at("/data/leads/0");
        Reply created = send("POST", "/chatbots/" + bot + "/leads", "{\"name\":\"Nia\",\"email\":\"nia@example.com\","
                + "\"status\":\"negotiating\",\"metadata\":{\"utm_source\":\"bing\"}}", bearer());
        String id = created.json.at("/data/id").asText();
        Reply updated = send("PUT", "/chatbots/" + bot + "/leads/" + id,
                "{\"status\":\"CONVERTED\",\"metadata\":{\"score\":5}}", bearer());
        Reply oldStatus = send("POST", "/chatbots/" + bot + "/leads",
                "{\"name\":\"X\",\"email\":\"x@example.com\",\"status\":\"follow_up\"}", bearer());

        assertThat(bot).isEqualTo(WorkspaceSimulator.DEFAULT_NEWER_CHATBOT_ID);
        assertThat(list.json.at("/data/pagination/total").asInt()).isEqualTo(30);
        assertThat(first.get("id").asText()).matches(CUID);
        assertThat(first.has("customFields")).isTrue();
        assertThat(first.has("metadata")).isFalse();
        for (String field : List.of("chatbotId", "conversationId", "company", "message", "priority",
                "assignedAgentId", "notes", "tags", "followUpDate", "lastContactAt", "convertedAt", "discord",
                "preferredMethod", "urgency", "chatbots")) {
            assertThat(first.has(field)).as(field).isTrue();
        }
        assertThat(first.at("/chatbots/id").asText()).isEqualTo(bot);
        List<String> names = names(list);
        assertThat(names).isSortedAccordingTo((a, b) -> a.toLowerCase(Locale.ROOT).compareTo(b.toLowerCase(Locale.ROOT)));
        assertThat(created.status).isEqualTo(201);
        assertThat(id).matches(CUID);
        assertThat(created.json.at("/data/status").asText()).isEqualTo("NEGOTIATING");
        assertThat(created.json.at("/data/source").asText()).isEqualTo("api");
        assertThat(created.json.at("/data/workspaceId").isMissingNode()).isTrue();
        assertThat(updated.json.at("/data/customFields").toString()).isEqualTo("{\"utm_source\":\"bing\",\"score\":5}");
        assertThat(updated.json.at("/data/convertedAt").asText()).isEqualTo("2026-03-10T12:00:00.000Z");
        assertValidation(oldStatus, "status");
    }

    @Test
    void newerModelSearchAlsoMatchesCompanyAndFiltersByPriority() throws Exception {
        sim = start(WorkspaceSimulator.builder().newerModel(true).seed(40, 8));
        ObjectNode lead = sim.leads().get(0);
        lead.put("company", "Zyxwvut Industries");
        sim.put(lead);
        long high = sim.leads().stream().filter(l -> "HIGH".equals(l.path("priority").asText())).count();

        assertThat(names(get("/leads?search=ZYXWVUT"))).containsExactly(lead.get("name").asText());
        assertThat(get("/leads?priority=high&limit=100").json.at("/data/pagination/total").asLong()).isEqualTo(high);
        assertValidation(get("/leads?sortBy=shoeSize"), "sortBy");
    }

    @Test
    void sortParametersOverrideTheModelHonouringIgnoringOrHonouringPageOneOnly() throws Exception {
        sim = start(WorkspaceSimulator.builder().clock(clock).seed(30, 5));
        List<String> documented = ids(get("/leads?limit=10&page=2"));
        List<String> docsModel = ids(get("/leads?limit=10&page=2&sortBy=updatedAt&sortOrder=asc"));
        sim.close();
        sim = start(WorkspaceSimulator.builder().clock(clock).seed(30, 5).sortParameters(SortParameters.HONOURED));
        Reply honoured = get("/leads?limit=10&page=2&sortBy=updatedAt&sortOrder=asc");
        sim.close();
        sim = start(WorkspaceSimulator.builder().clock(clock).seed(30, 5).newerModel(true).sortParameters(SortParameters.IGNORED));
        List<String> newerIgnoring = ids(get("/leads?limit=10&sortBy=updatedAt&sortOrder=asc"));
        List<String> newerDocumented = ids(get("/leads?limit=10"));
        sim.close();
        sim = start(WorkspaceSimulator.builder().clock(clock).seed(30, 5).sortParameters(SortParameters.FIRST_PAGE_ONLY));
        Reply liarFirst = get("/leads?limit=10&page=1&sortBy=updatedAt&sortOrder=asc");
        List<String> liarSecond = ids(get("/leads?limit=10&page=2&sortBy=updatedAt&sortOrder=asc"));

        assertThat(docsModel).isEqualTo(documented);
        assertThat(updatedAts(honoured)).hasSize(10).isSorted();
        assertThat(newerIgnoring).isEqualTo(newerDocumented);
        assertThat(updatedAts(liarFirst)).hasSize(10).isSorted();
        assertThat(liarSecond).isEqualTo(documented);
    }

    private static List<String> ids(Reply reply) {
        List<String> ids = new ArrayList<>();
        reply.json.at("/data/leads").forEach(lead -> ids.add(lead.get("id").asText()));
        return ids;
    }

    private static List<String> updatedAts(Reply reply) {
        List<String> at = new ArrayList<>();
        reply.json.at("/data/leads").forEach(lead -> at.add(lead.get("updatedAt").asText()));
        return at;
    }

    // ------------------------------------------------------------------------------------------ faults

    @Test
    void injectedFaultsReplaceTheAnswerThenNormalServiceResumes() throws Exception {
        sim = start(WorkspaceSimulator.builder().clock(clock).rateLimit(10, Duration.ofMinutes(1)));
        sim.faults().next(Fault.htmlPage(502));

        Reply html = get("/leads");
        Reply normal = get("/leads");
        // the JDK client resends a GET once by itself when a pooled connection dies before any response byte, so a
        // failure the caller sees is two resets in a row
        sim.faults().next(2, Fault.connectionReset());
        long before = sim.requestCount();

        assertThat(html.status).isEqualTo(502);
        assertThat(html.response.headers().firstValue("Content-Type")).hasValue("text/html");
        assertThat(normal.status).isEqualTo(200);
        assertThat(header(normal, "X-RateLimit-Used")).isEqualTo("1");
        assertThatThrownBy(() -> get("/leads")).isInstanceOf(IOException.class);
        assertThat(sim.requestCount() - before).isEqualTo(2);
        assertThat(get("/leads").status).isEqualTo(200);
    }

    // ------------------------------------------------------------------------------------------ seeding

    @Test
    void seedingIsDeterministicRealisticAndUniqueByEmail() {
        List<ObjectNode> first;
        try (WorkspaceSimulator a = start(WorkspaceSimulator.builder().clock(clock).seed(200, 99))) {
            first = a.leads();
        }
        sim = start(WorkspaceSimulator.builder().clock(clock).seed(200, 99));
        List<ObjectNode> second = sim.leads();

        assertThat(second).isEqualTo(first);
        Set<String> emails = new HashSet<>();
        for (ObjectNode lead : second) {
            JsonNode email = lead.get("email");
            if (email != null && !email.isNull()) {
                assertThat(emails.add(email.asText().trim().toLowerCase(Locale.ROOT))).as(email.asText()).isTrue();
            }
            Instant created = Instant.parse(lead.get("createdAt").asText());
            assertThat(created).isBetween(START.minus(Duration.ofDays(731)), START);
            assertThat(Instant.parse(lead.get("updatedAt").asText())).isAfterOrEqualTo(created);
        }
        assertThat(second).anySatisfy(l -> assertThat(l.path("metadata").has("utm_source")).isTrue());
        assertThat(second).anySatisfy(l -> assertThat(l.path("metadata").path("address").isObject()).isTrue());
        assertThat(second).anySatisfy(l -> assertThat(l.path("metadata").path("interests").isArray()).isTrue());
        assertThat(second).anySatisfy(l -> assertThat(l.get("name").asText()).contains("'"));
        assertThat(second).anySatisfy(l -> assertThat(l.get("name").asText()).matches(".*[^\\x00-\\x7F].*"));
        assertThat(second).anySatisfy(l -> assertThat(l.path("email").asText()).startsWith(" "));
        assertThat(second).anySatisfy(l -> assertThat(l.has("phone")).isFalse());
        assertThat(second).anySatisfy(l -> assertThat(l.path("email").isNull()).isTrue());
        assertThat(second.stream().map(l -> l.get("status").asText()).distinct())
                .containsExactlyInAnyOrder("new", "contacted", "qualified", "converted", "lost", "follow_up");
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static WorkspaceSimulator start(WorkspaceSimulator.Builder builder) {
        return builder.build();
    }

    private ObjectNode lead(String id, String name, String createdAt) {
        ObjectNode lead = JSON.createObjectNode();
        lead.put("id", id);
        lead.put("name", name);
        lead.put("email", id + "@example.com");
        lead.putNull("phone");
        lead.put("source", "website");
        lead.put("status", "new");
        lead.putObject("metadata");
        lead.put("createdAt", createdAt);
        lead.put("updatedAt", createdAt);
        lead.put("workspaceId", sim.workspaceId());
        return lead;
    }

    private static void assertValidation(Reply reply, String field) {
        assertThat(reply.status).as(reply.json.toString()).isEqualTo(400);
        assertThat(reply.json.get("success").asBoolean()).isFalse();
        assertThat(reply.json.get("code").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(reply.json.at("/details/field").asText()).isEqualTo(field);
        assertThat(reply.json.at("/details/message").asText()).isNotBlank();
        assertThat(reply.json.get("requestId").asText()).startsWith("req_");
    }

    private static List<String> names(Reply reply) {
        List<String> names = new ArrayList<>();
        reply.json.at("/data/leads").forEach(l -> names.add(l.get("name").asText()));
        return names;
    }

    private static String header(Reply reply, String name) {
        return reply.response.headers().firstValue(name).orElse(null);
    }

    private String bearer() {
        return "Bearer " + sim.apiKey();
    }

    private Reply get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, bearer());
    }

    private Reply send(String method, String path, String body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .timeout(Duration.ofSeconds(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() || !response.headers().firstValue("Content-Type")
                .orElse("").contains("json") ? JSON.nullNode() : JSON.readTree(response.body());
        return new Reply(response.statusCode(), json, response);
    }

    private record Reply(int status, JsonNode json, HttpResponse<String> response) { }
}
