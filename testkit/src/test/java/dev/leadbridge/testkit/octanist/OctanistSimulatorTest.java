package dev.leadbridge.testkit.octanist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.testkit.Fault;
import dev.leadbridge.testkit.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OctanistSimulatorTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final Pattern MILLIS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    private static final Pattern SECONDS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    private static final Pattern LEAD_ID = Pattern.compile("lead_[a-z0-9]{12}");
    private static final Pattern REQUEST_ID = Pattern.compile("req_[0-9a-f]{12}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** Shared by the read-only test classes: 120 seeded leads; nothing may change its state. */
    private static OctanistSimulator seeded;
    /** Shared by the read-only filter tests: exactly the five fixture leads. */
    private static OctanistSimulator filtered;

    private final MutableClock clock = new MutableClock(NOW);
    private final List<OctanistSimulator> started = new ArrayList<>();
    private OctanistSimulator sim;

    @BeforeAll
    static void startSharedSimulators() {
        seeded = OctanistSimulator.builder().clock(new MutableClock(NOW)).seed(120, 42L).build();
        filtered = OctanistSimulator.builder().clock(new MutableClock(NOW)).build();
        putFilterFixture(filtered);
    }

    @AfterAll
    static void closeSharedSimulators() {
        seeded.close();
        filtered.close();
    }

    @AfterEach
    void closeSimulators() {
        started.forEach(OctanistSimulator::close);
    }

    // ------------------------------------------------------------------ auth and routing

    @Nested
    class Authentication {

        @BeforeEach
        void useSharedSeededSimulator() {
            sim = seeded;
        }

        @Test
        void rejectsRequestWithoutKeyWithUnauthorizedEnvelope() throws Exception {
            Reply reply = send(sim, "GET", "/leads", null, null);

            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            JsonNode body = reply.json();
            assertThat(body.get("success").asBoolean()).isFalse();
            assertThat(body.at("/error/code").asText()).isEqualTo("UNAUTHORIZED");
            assertThat(body.at("/error/message").asText()).isNotBlank();
            assertThat(body.at("/meta/requestId").asText()).matches(REQUEST_ID);
            assertThat(body.at("/meta/timestamp").asText()).isEqualTo("2026-03-10T12:00:00.000Z");
        }

        @ParameterizedTest
        @ValueSource(strings = {"POST /check", "GET /leads", "GET /leads/lead_x", "POST /leads", "PATCH /leads",
                "GET /nowhere"})
        void rejectsWrongKeyOnEveryEndpoint(String call) throws Exception {
            String[] parts = call.split(" ");
            Reply reply = send(sim, parts[0], parts[1], "{\"name\":\"x\",\"id\":\"x\"}", "not-the-key");

            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.json().at("/error/code").asText()).isEqualTo("UNAUTHORIZED");
        }

        @Test
        void checkEndpointAnswersMinimalSuccess() throws Exception {
            Reply reply = call("POST", "/check", null);

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json()).isEqualTo(JSON.readTree("{\"success\":true}"));
        }

        @Test
        void acceptsCustomKey() throws Exception {
            OctanistSimulator custom = start(OctanistSimulator.builder().apiKey("my-key"));

            assertThat(send(custom, "POST", "/check", null, "my-key").status()).isEqualTo(200);
            assertThat(send(custom, "POST", "/check", null, OctanistSimulator.DEFAULT_API_KEY).status())
                    .isEqualTo(401);
            assertThat(custom.baseUrl()).isEqualTo(custom.rootUrl() + "/api");
        }

        @Test
        void unknownPathIsNotFoundAndUndocumentedMethodIsNotAllowed() throws Exception {
            Reply unknown = call("GET", "/stats", null);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.json().at("/error/code").asText()).isEqualTo("NOT_FOUND");

            Reply delete = call("DELETE", "/leads/" + anyId(), null);
            assertThat(delete.status()).isEqualTo(405);
            assertThat(delete.headers().firstValue("Allow")).hasValue("GET");
            assertThat(delete.json().get("success").asBoolean()).isFalse();

            assertThat(call("PUT", "/leads", "{}").status()).isEqualTo(405);
            assertThat(call("GET", "/check", null).status()).isEqualTo(405);
            assertThat(sim.size()).isEqualTo(120);
        }
    }

    // ------------------------------------------------------------------ get by id

    @Nested
    class GetLead {

        @BeforeEach
        void useSharedSeededSimulator() {
            sim = seeded;
        }

        @Test
        void returnsStoredLeadInEnvelope() throws Exception {
            String id = anyId();

            Reply reply = call("GET", "/leads/" + id, null);

            assertThat(reply.status()).isEqualTo(200);
            JsonNode body = reply.json();
            assertThat(body.get("success").asBoolean()).isTrue();
            assertThat(body.get("data")).isEqualTo(sim.lead(id).orElseThrow());
            assertThat(body.at("/meta/requestId").asText()).matches(REQUEST_ID);
            assertThat(body.at("/meta/timestamp").asText()).matches(MILLIS);
            assertThat(body.get("meta").has("pagination")).isFalse();
        }

        @Test
        void unknownIdIsNotFound() throws Exception {
            Reply reply = call("GET", "/leads/lead_doesnotexist", null);

            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.json().at("/error/code").asText()).isEqualTo("NOT_FOUND");
        }

        @ParameterizedTest
        @ValueSource(strings = {"..", "%2E%2E", "a%2Fb", "%2F", "..%2F..%2Fcheck", "a/b", "%C3%28",
                "lead%20x", "%00", "x%5C..%5Cy"})
        void pathTricksAreSimplyNotFound(String segment) throws Exception {
            Reply reply = call("GET", "/leads/" + segment, null);

            assertThat(reply.status()).isIn(400, 404);
            if (reply.status() == 404) {
                assertThat(reply.json().at("/error/code").asText()).isEqualTo("NOT_FOUND");
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"%", "%ZZ", "lead_%G1", "..;", "%2e%2e%2f"})
        void malformedPercentEncodingIsAnsweredWithoutCrashing(String segment) throws Exception {
            String head = rawRequest(sim, "GET /api/leads/" + segment + " HTTP/1.1");

            assertThat(head).matches("(?s)HTTP/1\\.1 (400|404) .*");
        }

        @Test
        void findsLeadWhoseIdNeedsEncoding() throws Exception {
            sim = start(OctanistSimulator.builder());
            sim.put(JSON.createObjectNode().put("id", "lead with space").put("name", "Spacey"));

            Reply reply = call("GET", "/leads/lead%20with%20space", null);

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().at("/data/name").asText()).isEqualTo("Spacey");
        }

        @Test
        void veryLongIdIsNotFound() throws Exception {
            Reply reply = call("GET", "/leads/" + "x".repeat(4000), null);

            assertThat(reply.status()).isEqualTo(404);
        }
    }

    // ------------------------------------------------------------------ seeding

    @Nested
    class Seeding {

        @BeforeEach
        void startFreshSeededSimulator() {
            sim = start(OctanistSimulator.builder().clock(clock).seed(120, 42L));
        }

        @Test
        void seededLeadsCarryTheFullCurrentLeadObject() {
            List<ObjectNode> leads = sim.leads();

            assertThat(leads).hasSize(120);
            for (ObjectNode lead : leads) {
                assertThat(fieldNames(lead)).containsExactlyElementsOf(LeadFields.CURRENT);
                assertThat(lead.get("id").asText()).matches(LEAD_ID);
                assertThat(lead.get("createdAt").asText()).matches(MILLIS);
                assertThat(lead.get("updatedAt").asText()).matches(MILLIS);
                assertThat(lead.get("expiresAt").asText()).matches(MILLIS);
                assertThat(Instant.parse(lead.get("createdAt").asText())).isBetween(NOW.minus(Duration.ofDays(731)),
                        NOW);
                assertThat(lead.get("custom").isNull() || lead.get("custom").isTextual()).isTrue();
                assertThat(!lead.get("name").isNull() || !lead.get("email").isNull()
                        || !lead.get("phone").isNull()).isTrue();
            }
            assertThat(values(leads, "status")).containsExactlyInAnyOrder("open", "qualified", "won", "lost");
            assertThat(values(leads, "source")).containsExactlyInAnyOrder("inbound", "gtm", "api", "manual",
                    "wordpress", "import");
        }

        @Test
        void seededLeadsAreRealisticallyVaried() {
            List<ObjectNode> leads = start(OctanistSimulator.builder().clock(clock).seed(300, 7L)).leads();

            assertThat(leads).anySatisfy(l -> assertThat(l.get("custom").asText()).startsWith("{\"company\""));
            assertThat(leads).anySatisfy(l -> assertThat(l.get("custom").asText()).isEqualTo("call after 5pm"));
            assertThat(leads).anySatisfy(l -> assertThat(l.get("custom").isNull()).isTrue());
            assertThat(leads).anySatisfy(l -> assertThat(l.get("email").isNull()).isTrue());
            assertThat(leads).anySatisfy(l -> assertThat(l.get("phone").isNull()).isTrue());
            assertThat(leads).anySatisfy(l -> assertThat(l.get("email").asText()).startsWith(" "));
            assertThat(leads).anySatisfy(l -> assertThat(l.get("email").asText()).matches(".*[A-Z].*"));
            assertThat(leads).anySatisfy(l -> assertThat(l.get("name").asText()).contains("'"));
            assertThat(leads).anySatisfy(l -> assertThat(l.get("name").asText()).matches(".*[^\\x00-\\x7F].*"));
            assertThat(leads).anySatisfy(l -> assertThat(l.get("name").asText().length()).isGreaterThan(60));
            assertThat(leads).anySatisfy(l -> assertThat(l.get("phone").asText()).startsWith("+"));
            assertThat(leads).anySatisfy(l -> assertThat(l.get("phone").asText()).startsWith("0"));
            assertThat(leads).anySatisfy(l -> assertThat(l.get("gclid").isTextual()).isTrue());
            assertThat(leads).anySatisfy(l -> assertThat(l.get("ad_storage").isBoolean()).isTrue());
            assertThat(leads).anySatisfy(l -> assertThat(l.get("lossReason").isTextual()).isTrue());
            assertThat(leads).anySatisfy(l -> assertThat(l.get("qualifiedAt").isNull()).isTrue());
        }

        @Test
        void sameSeedAndClockGiveTheSameLeads() {
            OctanistSimulator twin = start(OctanistSimulator.builder().clock(clock).seed(120, 42L));
            OctanistSimulator other = start(OctanistSimulator.builder().clock(clock).seed(120, 43L));

            assertThat(twin.leads()).isEqualTo(sim.leads());
            assertThat(other.leads()).isNotEqualTo(sim.leads());
        }

        @Test
        void stateAccessReturnsCopies() {
            String id = anyId();
            sim.lead(id).orElseThrow().put("name", "changed outside");

            assertThat(sim.lead(id).orElseThrow().get("name").asText()).isNotEqualTo("changed outside");
            String generated = sim.put(JSON.createObjectNode().put("name", "No id yet"));
            assertThat(generated).matches(LEAD_ID);
            assertThat(sim.size()).isEqualTo(121);
            sim.clear();
            assertThat(sim.size()).isZero();
        }
    }

    // ------------------------------------------------------------------ list: paging

    @Nested
    class ListPaging {

        @BeforeEach
        void useSharedSeededSimulator() {
            sim = seeded;
        }

        @Test
        void defaultsToFiftyNewestFirstWithPagination() throws Exception {
            Reply reply = call("GET", "/leads", null);

            assertThat(reply.status()).isEqualTo(200);
            JsonNode body = reply.json();
            assertThat(body.get("success").asBoolean()).isTrue();
            assertThat(body.get("data")).hasSize(50);
            assertThat(body.at("/meta/pagination")).isEqualTo(JSON.readTree(
                    "{\"limit\":50,\"page\":1,\"totalPages\":3,\"total\":120,\"hasMore\":true}"));
            assertThat(body.at("/meta/requestId").asText()).matches(REQUEST_ID);
            List<Instant> created = new ArrayList<>();
            body.get("data").forEach(l -> created.add(Instant.parse(l.get("createdAt").asText())));
            assertThat(created).isSortedAccordingTo(java.util.Comparator.reverseOrder());
            assertThat(body.get("data").get(0)).isEqualTo(sim.leads().get(0));
        }

        @Test
        void pagesThroughEveryLeadUntilHasMoreIsFalse() throws Exception {
            List<String> seen = new ArrayList<>();
            int page = 1;
            boolean hasMore = true;
            while (hasMore) {
                JsonNode body = call("GET", "/leads?limit=25&page=" + page, null).json();
                body.get("data").forEach(l -> seen.add(l.get("id").asText()));
                assertThat(body.at("/meta/pagination/page").asInt()).isEqualTo(page);
                assertThat(body.at("/meta/pagination/totalPages").asInt()).isEqualTo(5);
                hasMore = body.at("/meta/pagination/hasMore").asBoolean();
                page++;
            }

            assertThat(page).isEqualTo(6);
            assertThat(seen).doesNotHaveDuplicates().hasSize(120);
            assertThat(new HashSet<>(seen)).isEqualTo(
                    sim.leads().stream().map(l -> l.get("id").asText()).collect(Collectors.toSet()));
        }

        @Test
        void pageBeyondTheEndIsEmpty() throws Exception {
            JsonNode body = call("GET", "/leads?limit=100&page=9", null).json();

            assertThat(body.get("data")).isEmpty();
            assertThat(body.at("/meta/pagination/hasMore").asBoolean()).isFalse();
            assertThat(body.at("/meta/pagination/total").asInt()).isEqualTo(120);
        }

        @ParameterizedTest
        @ValueSource(strings = {"limit=0", "limit=101", "limit=abc", "limit=-1", "limit=1.5", "limit=",
                "limit=99999999999999999999999", "page=0", "page=-3", "page=x", "page=99999999999999999999999"})
        void rejectsInvalidLimitOrPage(String query) throws Exception {
            Reply reply = call("GET", "/leads?" + query, null);

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().at("/error/code").asText()).isEqualTo("VALIDATION_ERROR");
        }

        @Test
        void acceptsTheLimitBounds() throws Exception {
            assertThat(call("GET", "/leads?limit=1", null).json().get("data")).hasSize(1);
            assertThat(call("GET", "/leads?limit=100", null).json().get("data")).hasSize(100);
            assertThat(call("GET", "/leads?limit=100&page=" + Long.MAX_VALUE, null).json().get("data")).isEmpty();
        }
    }

    // ------------------------------------------------------------------ list: filters

    @Nested
    class ListFilters {

        @BeforeEach
        void useSharedFilterSimulator() {
            sim = filtered;
        }

        @Test
        void equalityFiltersTreatCommasAsOr() throws Exception {
            assertThat(ids("status=open,won")).containsExactlyInAnyOrder("lead_a", "lead_c", "lead_e");
            assertThat(ids("status=won")).containsExactly("lead_c");
            assertThat(ids("source=gtm,manual")).containsExactlyInAnyOrder("lead_b", "lead_d");
            assertThat(ids("labelId=label_a,label_c")).containsExactlyInAnyOrder("lead_a", "lead_c");
            assertThat(ids("website=" + enc("https://b.nl"))).containsExactly("lead_b");
            assertThat(ids("utm_source=google,facebook")).containsExactlyInAnyOrder("lead_a", "lead_c");
            assertThat(ids("utm_medium=email")).containsExactly("lead_e");
            assertThat(ids("utm_campaign=brand")).containsExactly("lead_b");
            assertThat(ids("status=win")).containsExactly("lead_c");
        }

        @Test
        void valueSupportsEveryComparisonOperator() throws Exception {
            assertThat(ids(q("value[gte]", "100"))).containsExactlyInAnyOrder("lead_b", "lead_c", "lead_d");
            assertThat(ids(q("value[gt]", "100"))).containsExactlyInAnyOrder("lead_c", "lead_d");
            assertThat(ids(q("value[lte]", "250.5"))).containsExactlyInAnyOrder("lead_b", "lead_c", "lead_e");
            assertThat(ids(q("value[lt]", "250.5"))).containsExactlyInAnyOrder("lead_b", "lead_e");
            assertThat(ids("value=1000")).containsExactly("lead_d");
            assertThat(ids(q("value[gte]", "60") + "&" + q("value[lte]", "999"))).containsExactlyInAnyOrder(
                    "lead_b", "lead_c");
        }

        @Test
        void datesSupportEveryComparisonOperatorAndExists() throws Exception {
            String feb = "2026-02-01T00:00:00.000Z";
            assertThat(ids(q("createdAt[gte]", feb))).containsExactlyInAnyOrder("lead_c", "lead_d", "lead_e");
            assertThat(ids(q("createdAt[gt]", feb))).containsExactlyInAnyOrder("lead_d", "lead_e");
            assertThat(ids(q("createdAt[lte]", feb))).containsExactlyInAnyOrder("lead_a", "lead_b", "lead_c");
            assertThat(ids(q("createdAt[lt]", feb))).containsExactlyInAnyOrder("lead_a", "lead_b");
            assertThat(ids(q("createdAt[gte]", "2026-02-01"))).containsExactlyInAnyOrder("lead_c", "lead_d",
                    "lead_e");
            assertThat(ids(q("updatedAt[gte]", "2026-03-01T01:00:00+01:00"))).containsExactlyInAnyOrder("lead_d",
                    "lead_e");
            assertThat(ids(q("updatedAt[lt]", "2026-01-06T00:00:00Z"))).containsExactly("lead_a");
            assertThat(ids(q("qualifiedAt[gt]", "2026-01-06T00:00:00.000Z"))).containsExactly("lead_c");
            assertThat(ids(q("qualifiedAt[exists]", "true"))).containsExactlyInAnyOrder("lead_b", "lead_c");
            assertThat(ids(q("qualifiedAt[exists]", "false"))).containsExactlyInAnyOrder("lead_a", "lead_d",
                    "lead_e");
            assertThat(ids(q("createdAt[exists]", "true"))).hasSize(5);
        }

        @Test
        void clickIdsSupportExistsAndEquality() throws Exception {
            assertThat(ids(q("gclid[exists]", "true"))).containsExactlyInAnyOrder("lead_a", "lead_c");
            assertThat(ids(q("gclid[exists]", "false"))).containsExactlyInAnyOrder("lead_b", "lead_d", "lead_e");
            assertThat(ids(q("fbc[exists]", "TRUE"))).containsExactly("lead_b");
            assertThat(ids("msclkid=m3")).containsExactly("lead_c");
            assertThat(ids("gclid=g1,g3")).containsExactlyInAnyOrder("lead_a", "lead_c");
            for (String clickId : LeadFields.CLICK_IDS) {
                Reply reply = call("GET", "/leads?" + q(clickId + "[exists]", "false"), null);
                assertThat(reply.status()).as(clickId).isEqualTo(200);
            }
        }

        @Test
        void acceptsUnencodedBracketsInParameterNames() throws Exception {
            String answer = rawRequest(sim, "GET /api/leads?value[gte]=1000&fields=name HTTP/1.1");

            assertThat(answer).startsWith("HTTP/1.1 200").contains("\"lead_d\"").doesNotContain("\"lead_b\"");
        }

        @Test
        void legacyUpdatedAfterMeansStrictlyAfter() throws Exception {
            assertThat(ids("updated_after=" + enc("2026-02-10T00:00:00.000Z"))).containsExactlyInAnyOrder(
                    "lead_d", "lead_e");
            Reply bad = call("GET", "/leads?updated_after=yesterday", null);
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().at("/error/code").asText()).isEqualTo("INVALID_DATE");
        }

        @Test
        void filtersAreAndCombined() throws Exception {
            assertThat(ids("status=open,won&" + q("gclid[exists]", "true"))).containsExactlyInAnyOrder("lead_a",
                    "lead_c");
            assertThat(ids("status=open,won&" + q("gclid[exists]", "true") + "&"
                    + q("createdAt[gte]", "2026-01-15T00:00:00Z"))).containsExactly("lead_c");
            assertThat(ids("status=lost&source=api")).isEmpty();
        }

        @Test
        void searchMatchesNameEmailAndPhoneCaseInsensitively() throws Exception {
            assertThat(ids("search=" + enc("MÜLLER"))).containsExactly("lead_c");
            assertThat(ids("search=EXAMPLE.com")).containsExactlyInAnyOrder("lead_a", "lead_b");
            assertThat(ids("search=2222")).containsExactly("lead_b");
            assertThat(ids("search=" + enc("o'brien"))).containsExactly("lead_b");
            assertThat(ids("search=nobody")).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"createdAt[gte]=yesterday", "createdAt[lt]=2026-13-45", "qualifiedAt=nope",
                "updatedAt[gt]="})
        void rejectsBadDates(String query) throws Exception {
            Reply reply = call("GET", "/leads?" + encodeBrackets(query), null);

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().at("/error/code").asText()).isEqualTo("INVALID_DATE");
        }

        @ParameterizedTest
        @ValueSource(strings = {"foo=bar", "status[gt]=open", "value[gte]=abc", "value[exists]=true",
                "gclid[exists]=maybe", "gclid[gt]=x", "status=pending", "source=facebook", "createdAt[between]=x",
                "status=", "sort=colour:asc", "sort=name:up", "sort=name:asc:x", "fields=name,secret", "[gte]=1",
                "value[gte=1", "_=123"})
        void rejectsUnknownOrMalformedFilters(String query) throws Exception {
            Reply reply = call("GET", "/leads?" + encodeBrackets(query), null);

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().at("/error/code").asText()).isEqualTo("INVALID_FILTER");
        }

        @Test
        void sortsBySeveralKeysWithTiesBrokenById() throws Exception {
            assertThat(ids("sort=status:asc,value:desc")).containsExactly("lead_d", "lead_e", "lead_a", "lead_b",
                    "lead_c");
            assertThat(ids("sort=status:desc")).containsExactly("lead_c", "lead_b", "lead_a", "lead_e", "lead_d");
            assertThat(ids("sort=" + enc("source:asc, createdAt:desc"))).containsExactly("lead_c", "lead_b",
                    "lead_e", "lead_a", "lead_d");
        }

        @Test
        void sortsNullsLastInBothDirections() throws Exception {
            assertThat(ids("sort=value:asc")).containsExactly("lead_e", "lead_b", "lead_c", "lead_d", "lead_a");
            assertThat(ids("sort=value:desc")).containsExactly("lead_d", "lead_c", "lead_b", "lead_e", "lead_a");
            assertThat(ids("sort=qualifiedAt:desc")).containsExactly("lead_c", "lead_b", "lead_a", "lead_d",
                    "lead_e");
        }

        @Test
        void sortsStringsCaseInsensitively() throws Exception {
            assertThat(ids("sort=name:asc")).containsExactly("lead_a", "lead_b", "lead_c", "lead_e", "lead_d");
            assertThat(ids("sort=name:DESC")).containsExactly("lead_e", "lead_c", "lead_b", "lead_a", "lead_d");
        }

        @Test
        void acceptsLegacySnakeCaseSortKeysAndDefaultsToCreatedAtDesc() throws Exception {
            assertThat(ids("sort=updated_at:asc")).containsExactly("lead_a", "lead_b", "lead_c", "lead_d",
                    "lead_e");
            assertThat(ids("sort=created_at:desc")).containsExactly("lead_e", "lead_d", "lead_c", "lead_b",
                    "lead_a");
            assertThat(ids("")).containsExactly("lead_e", "lead_d", "lead_c", "lead_b", "lead_a");
        }

        @Test
        void projectsRequestedFieldsAndAlwaysTheId() throws Exception {
            JsonNode data = call("GET", "/leads?fields=" + enc("email, name"), null).json().get("data");

            assertThat(data).hasSize(5);
            for (JsonNode lead : data) {
                assertThat(fieldNames(lead)).containsExactly("id", "name", "email");
            }
            assertThat(call("GET", "/leads?fields=status&status=won", null).json().get("data").get(0))
                    .isEqualTo(JSON.readTree("{\"id\":\"lead_c\",\"status\":\"won\"}"));
        }
    }

    // ------------------------------------------------------------------ create

    @Nested
    class CreateLead {

        @BeforeEach
        void startFreshSeededSimulator() {
            sim = start(OctanistSimulator.builder().clock(clock).seed(120, 42L));
        }

        @Test
        void createsLeadWithEveryDocumentedField() throws Exception {
            ObjectNode body = JSON.createObjectNode()
                    .put("name", "José Müller 李").put("email", "jose@example.com").put("phone", "+1234567890")
                    .put("note", "Wants a demo").put("website", "https://example.com").put("path", "/contact")
                    .put("utm_source", "google").put("utm_medium", "cpc").put("utm_campaign", "spring")
                    .put("ad_storage", "granted").put("ad_user_data", true).put("analytics_storage", "denied")
                    .put("ad_personalization", "false");
            for (String clickId : LeadFields.CLICK_IDS) {
                body.put(clickId, clickId + "-value");
            }
            body.putObject("custom").put("company", "Acme Inc").put("employees", 40);

            Reply reply = call("POST", "/leads", body.toString());

            assertThat(reply.status()).isEqualTo(201);
            JsonNode json = reply.json();
            assertThat(json.get("success").asBoolean()).isTrue();
            String id = json.at("/data/id").asText();
            assertThat(id).matches(LEAD_ID);
            assertThat(json.at("/data/message").asText()).isEqualTo("Lead added");
            assertThat(json.at("/meta/requestId").asText()).matches(REQUEST_ID);

            ObjectNode stored = sim.lead(id).orElseThrow();
            assertThat(fieldNames(stored)).containsExactlyElementsOf(LeadFields.CURRENT);
            assertThat(stored.get("status").asText()).isEqualTo("open");
            assertThat(stored.get("source").asText()).isEqualTo("api");
            assertThat(stored.get("createdAt").asText()).isEqualTo("2026-03-10T12:00:00.000Z");
            assertThat(stored.get("updatedAt").asText()).isEqualTo("2026-03-10T12:00:00.000Z");
            assertThat(stored.get("qualifiedAt").isNull()).isTrue();
            assertThat(stored.get("custom").asText()).isEqualTo("{\"company\":\"Acme Inc\",\"employees\":40}");
            assertThat(stored.get("ad_storage").asBoolean()).isTrue();
            assertThat(stored.get("ad_user_data").asBoolean()).isTrue();
            assertThat(stored.get("analytics_storage").isBoolean()).isTrue();
            assertThat(stored.get("analytics_storage").asBoolean()).isFalse();
            assertThat(stored.get("ad_personalization").asBoolean()).isFalse();
            assertThat(stored.get("epik").asText()).isEqualTo("epik-value");
            assertThat(stored.get("name").asText()).isEqualTo("José Müller 李");

            JsonNode fetched = call("GET", "/leads/" + id, null).json().get("data");
            assertThat(fetched).isEqualTo(stored);
            assertThat(sim.size()).isEqualTo(121);
        }

        @Test
        void keepsStringCustomVerbatimAndStringifiesArrays() throws Exception {
            String textId = createdId("{\"custom\":\"call after 5pm\"}");
            String arrayId = createdId("{\"custom\":[\"solar\",{\"kW\":4.5}]}");

            assertThat(sim.lead(textId).orElseThrow().get("custom").asText()).isEqualTo("call after 5pm");
            assertThat(sim.lead(arrayId).orElseThrow().get("custom").asText()).isEqualTo("[\"solar\",{\"kW\":4.5}]");
            assertThat(sim.lead(arrayId).orElseThrow().get("name").isNull()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"{}", "{\"note\":\"only a note\"}", "{\"name\":\"  \",\"email\":\"\"}",
                "{\"name\":null}", "{\"website\":\"https://x.nl\"}"})
        void requiresNameEmailPhoneOrCustom(String body) throws Exception {
            Reply reply = call("POST", "/leads", body);

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().at("/error/code").asText()).isEqualTo("VALIDATION_ERROR");
            assertThat(sim.size()).isEqualTo(120);
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"name\":", "not json", "", "[]", "\"text\"", "{\"name\":\"a\"} trailing",
                "{\"name\":42}", "{\"email\":[\"a@b.c\"]}", "{\"name\":\"a\",\"ad_storage\":\"maybe\"}",
                "{\"name\":\"a\",\"ad_storage\":1}", "{\"name\":\"a\",\"sessionId\":5}"})
        void rejectsMalformedOrWronglyTypedBodies(String body) throws Exception {
            Reply reply = call("POST", "/leads", body);

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().at("/error/code").asText()).isEqualTo("VALIDATION_ERROR");
        }

        @Test
        void survivesDeeplyNestedAndHugeInput() throws Exception {
            String deep = "{\"custom\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
            assertThat(call("POST", "/leads", deep).status()).isEqualTo(400);

            String huge = "{\"name\":\"Big\",\"custom\":{\"n\":1e999999,\"m\":123456789012345678901234567890}}";
            assertThat(call("POST", "/leads", huge).status()).isIn(201, 400);
        }

        @Test
        void takesAttributionFromAKnownPixelSession() throws Exception {
            sim.putSession("octa_sid_1", JSON.createObjectNode().put("gclid", "from-session")
                    .put("utm_source", "google"));

            String id = createdId("{\"name\":\"Pixel\",\"sessionId\":\"octa_sid_1\",\"gclid\":\"from-body\","
                    + "\"fbclid\":\"ignored\",\"utm_medium\":\"body\"}");

            ObjectNode stored = sim.lead(id).orElseThrow();
            assertThat(stored.get("gclid").asText()).isEqualTo("from-session");
            assertThat(stored.get("utm_source").asText()).isEqualTo("google");
            assertThat(stored.get("utm_medium").isNull()).isTrue();
        }

        @Test
        void rejectsLeadsMatchingTheOrganizationsFilteringRules() throws Exception {
            OctanistSimulator strict = start(OctanistSimulator.builder()
                    .rejectLeadsWhen(lead -> lead.path("email").asText().endsWith("@spam.test")));

            Reply reply = send(strict, "POST", "/leads", "{\"email\":\"bot@spam.test\"}", strict.apiKey());

            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.json().at("/error/code").asText()).isEqualTo("FORBIDDEN");
            assertThat(strict.size()).isZero();
        }
    }

    // ------------------------------------------------------------------ update

    @Nested
    class UpdateLead {

        @BeforeEach
        void startSimulatorWithFixture() {
            sim = start(OctanistSimulator.builder().clock(clock).seed(120, 42L));
            sim.put(fixture("lead_upd1", Map.of("name", "Pat One", "email", " Pat@Example.COM ",
                    "phone", "06-12345678", "status", "open"), null,
                    "2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z", null));
            sim.put(fixture("lead_upd2", Map.of("name", "Sam Two", "email", "sam@example.com",
                    "phone", "+31 20 555 0100", "status", "qualified"), 10,
                    "2026-01-02T00:00:00.000Z", "2026-01-02T00:00:00.000Z", "2026-01-02T00:00:00.000Z"));
            sim.put(fixture("lead_dup1", Map.of("email", "shared@example.com", "status", "open"), null,
                    "2026-01-03T00:00:00.000Z", "2026-01-03T00:00:00.000Z", null));
            sim.put(fixture("lead_dup2", Map.of("email", "SHARED@example.com", "status", "open"), null,
                    "2026-01-04T00:00:00.000Z", "2026-01-04T00:00:00.000Z", null));
        }

        @Test
        void updatesById() throws Exception {
            clock.advance(Duration.ofMinutes(5));

            Reply reply = call("PATCH", "/leads",
                    "{\"id\":\"lead_upd1\",\"status\":\"qualified\",\"value\":\"1500.50\",\"note\":\"Called\"}");

            assertThat(reply.status()).isEqualTo(200);
            JsonNode json = reply.json();
            assertThat(json.get("success").asBoolean()).isTrue();
            assertThat(json.at("/data/leadId").asText()).isEqualTo("lead_upd1");
            assertThat(json.at("/data/leadsUpdated").asInt()).isEqualTo(1);
            assertThat(json.at("/data/message").asText()).isEqualTo("Lead updated successfully");
            ObjectNode lead = sim.lead("lead_upd1").orElseThrow();
            assertThat(lead.get("status").asText()).isEqualTo("qualified");
            assertThat(lead.get("value").isNumber()).isTrue();
            assertThat(lead.get("value").asDouble()).isEqualTo(1500.5);
            assertThat(lead.get("note").asText()).isEqualTo("Called");
            assertThat(lead.get("qualifiedAt").asText()).isEqualTo("2026-03-10T12:05:00.000Z");
            assertThat(lead.get("updatedAt").asText()).isEqualTo("2026-03-10T12:05:00.000Z");
            assertThat(lead.get("createdAt").asText()).isEqualTo("2026-01-01T00:00:00.000Z");
        }

        @Test
        void keepsAnExistingQualifiedAt() throws Exception {
            call("PATCH", "/leads", "{\"id\":\"lead_upd2\",\"status\":\"qualified\",\"value\":250}");

            ObjectNode lead = sim.lead("lead_upd2").orElseThrow();
            assertThat(lead.get("qualifiedAt").asText()).isEqualTo("2026-01-02T00:00:00.000Z");
            assertThat(lead.get("value").asInt()).isEqualTo(250);
            assertThat(lead.get("value").isIntegralNumber()).isTrue();
        }

        @Test
        void updatesByEmailIgnoringCaseAndWhitespace() throws Exception {
            Reply reply = call("PATCH", "/leads", "{\"email\":\"pat@example.com\",\"status\":\"won\"}");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().at("/data/leadId").asText()).isEqualTo("lead_upd1");
            assertThat(sim.lead("lead_upd1").orElseThrow().get("status").asText()).isEqualTo("won");
            assertThat(sim.lead("lead_upd1").orElseThrow().get("qualifiedAt").isNull()).isTrue();
        }

        @Test
        void updatesByPhoneComparingDigits() throws Exception {
            Reply reply = call("PATCH", "/leads", "{\"phone\":\"0612345678\",\"note\":\"by phone\"}");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(sim.lead("lead_upd1").orElseThrow().get("note").asText()).isEqualTo("by phone");
        }

        @Test
        void usesTheIdBeforeEmailAndPhone() throws Exception {
            call("PATCH", "/leads", "{\"id\":\"lead_upd2\",\"email\":\"pat@example.com\",\"note\":\"id wins\"}");

            assertThat(sim.lead("lead_upd2").orElseThrow().get("note").asText()).isEqualTo("id wins");
            assertThat(sim.lead("lead_upd1").orElseThrow().get("note").isNull()).isTrue();
            Reply missing = call("PATCH", "/leads", "{\"id\":\"lead_nope\",\"email\":\"pat@example.com\"}");
            assertThat(missing.status()).isEqualTo(404);
        }

        @Test
        void statusWinsOverLegacyChangedToAndLossReasonNeedsLost() throws Exception {
            call("PATCH", "/leads", "{\"id\":\"lead_upd1\",\"status\":\"lost\",\"changedTo\":\"won\","
                    + "\"lossReason\":\"Too expensive\"}");
            ObjectNode lost = sim.lead("lead_upd1").orElseThrow();
            assertThat(lost.get("status").asText()).isEqualTo("lost");
            assertThat(lost.get("lossReason").asText()).isEqualTo("Too expensive");

            call("PATCH", "/leads", "{\"id\":\"lead_upd2\",\"changedTo\":\"won\",\"lossReason\":\"ignored\"}");
            ObjectNode won = sim.lead("lead_upd2").orElseThrow();
            assertThat(won.get("status").asText()).isEqualTo("won");
            assertThat(won.get("lossReason").isNull()).isTrue();
        }

        @Test
        void noMatchIsNotFound() throws Exception {
            Reply reply = call("PATCH", "/leads", "{\"email\":\"nobody@example.com\",\"status\":\"won\"}");

            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.json().at("/error/code").asText()).isEqualTo("NOT_FOUND");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"status\":\"won\"}", "{\"id\":\"  \",\"status\":\"won\"}",
                "{\"id\":\"lead_upd1\",\"status\":\"open\"}", "{\"id\":\"lead_upd1\",\"status\":\"done\"}",
                "{\"id\":\"lead_upd1\",\"value\":\"abc\"}", "{\"id\":\"lead_upd1\",\"value\":true}",
                "{\"id\":\"lead_upd1\",\"value\":1e400}", "{\"id\":\"lead_upd1\",\"value\":\"1e999999999\"}",
                "{\"id\":42}", "{\"id\":\"lead_upd1\",\"note\":{}}", "{\"id\":", "[]", ""})
        void rejectsInvalidUpdates(String body) throws Exception {
            Reply reply = call("PATCH", "/leads", body);

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().at("/error/code").asText()).isEqualTo("VALIDATION_ERROR");
            assertThat(sim.lead("lead_upd1").orElseThrow().get("updatedAt").asText())
                    .isEqualTo("2026-01-01T00:00:00.000Z");
        }

        @Test
        void severalMatchesConflictUnlessBulkUpdatesAreAllowed() throws Exception {
            Reply conflict = call("PATCH", "/leads", "{\"email\":\"shared@example.com\",\"status\":\"won\"}");

            assertThat(conflict.status()).isEqualTo(409);
            assertThat(conflict.json().at("/error/code").asText()).isEqualTo("CONFLICT");
            assertThat(sim.lead("lead_dup1").orElseThrow().get("status").asText()).isEqualTo("open");

            OctanistSimulator bulk = start(OctanistSimulator.builder().clock(clock).allowBulkUpdate(true));
            bulk.put(sim.lead("lead_dup1").orElseThrow());
            bulk.put(sim.lead("lead_dup2").orElseThrow());
            Reply reply = send(bulk, "PATCH", "/leads", "{\"email\":\"shared@example.com\",\"status\":\"won\"}",
                    bulk.apiKey());

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().at("/data/leadsUpdated").asInt()).isEqualTo(2);
            assertThat(reply.json().at("/data/leadId").asText()).isEqualTo("lead_dup1");
            assertThat(bulk.leads()).allSatisfy(l -> assertThat(l.get("status").asText()).isEqualTo("won"));
        }
    }

    // ------------------------------------------------------------------ legacy mode

    @Nested
    class LegacyMode {

        @BeforeEach
        void startFreshSeededSimulator() {
            sim = start(OctanistSimulator.builder().clock(clock).seed(120, 42L));
        }

        private OctanistSimulator old;

        @BeforeEach
        void startLegacy() {
            old = start(OctanistSimulator.builder().clock(clock).seed(30, 42L).legacy(true));
        }

        @Test
        void listReturnsBareArrayOfLegacyLeads() throws Exception {
            Reply reply = send(old, "GET", "/leads", null, old.apiKey());

            assertThat(reply.status()).isEqualTo(200);
            JsonNode data = reply.json();
            assertThat(data.isArray()).isTrue();
            assertThat(data).hasSize(30);
            List<Instant> updated = new ArrayList<>();
            for (JsonNode lead : data) {
                assertThat(fieldNames(lead)).containsExactlyElementsOf(LeadFields.LEGACY);
                assertThat(lead.get("currency").asText()).isIn("USD", "EUR", "GBP");
                assertThat(lead.get("createdAt").asText()).matches(SECONDS);
                assertThat(lead.get("status").asText()).isIn("open", "win", "lost");
                updated.add(Instant.parse(lead.get("updatedAt").asText()));
            }
            assertThat(updated).isSortedAccordingTo(java.util.Comparator.reverseOrder());
            assertThat(values(old.leads(), "status")).contains("win");
            assertThat(idsOf(send(old, "GET", "/leads?status=win", null, old.apiKey()).json()))
                    .isNotEmpty();
            assertThat(send(old, "GET", "/leads?status=won", null, old.apiKey()).status()).isEqualTo(400);
        }

        @Test
        void errorsAreFlat() throws Exception {
            Reply unauthorized = send(old, "POST", "/check", null, "wrong");
            assertThat(unauthorized.status()).isEqualTo(401);
            assertThat(unauthorized.json()).isEqualTo(JSON.readTree("{\"error\":\"Invalid or missing API key\"}"));

            Reply missing = send(old, "GET", "/leads/lead_nope", null, old.apiKey());
            assertThat(missing.status()).isEqualTo(404);
            assertThat(fieldNames(missing.json())).containsExactly("error");

            Reply invalid = send(old, "GET", "/leads?limit=500", null, old.apiKey());
            assertThat(invalid.status()).isEqualTo(400);
            assertThat(fieldNames(invalid.json())).containsExactly("error");
        }

        @Test
        void createReturnsOnlyTheId() throws Exception {
            Reply reply = send(old, "POST", "/leads", "{\"name\":\"Old School\",\"ad_storage\":\"granted\"}",
                    old.apiKey());

            assertThat(reply.status()).isEqualTo(201);
            assertThat(fieldNames(reply.json())).containsExactly("id");
            ObjectNode stored = old.lead(reply.json().get("id").asText()).orElseThrow();
            assertThat(fieldNames(stored)).containsExactlyElementsOf(LeadFields.LEGACY);
            assertThat(stored.get("createdAt").asText()).isEqualTo("2026-03-10T12:00:00Z");
            assertThat(stored.get("currency").asText()).isEqualTo("USD");
            JsonNode fetched = send(old, "GET", "/leads/" + stored.get("id").asText(), null, old.apiKey()).json();
            assertThat(fetched).isEqualTo(stored);
        }

        @Test
        void updateUsesChangedToWinAndAnswersTheOldShape() throws Exception {
            String id = old.put(legacyLead("lead_old1", "open"));
            clock.advance(Duration.ofMillis(1500));

            Reply reply = send(old, "PATCH", "/leads",
                    "{\"id\":\"" + id + "\",\"changedTo\":\"win\",\"value\":500,\"alsoQualified\":true}",
                    old.apiKey());

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json()).isEqualTo(JSON.readTree(
                    "{\"success\":true,\"leadId\":\"lead_old1\",\"status\":\"win\"}"));
            ObjectNode lead = old.lead(id).orElseThrow();
            assertThat(lead.get("qualifiedAt").asText()).isEqualTo("2026-03-10T12:00:01Z");
            assertThat(lead.get("updatedAt").asText()).isEqualTo("2026-03-10T12:00:01Z");
            assertThat(lead.get("value").asInt()).isEqualTo(500);
        }

        @Test
        void updateFollowsTheOldRules() throws Exception {
            old.put(legacyLead("lead_old2", "open"));
            ObjectNode noCurrency = legacyLead("lead_old3", "open");
            noCurrency.putNull("currency");
            old.put(noCurrency);

            Reply withoutValue = send(old, "PATCH", "/leads", "{\"id\":\"lead_old2\",\"changedTo\":\"win\"}",
                    old.apiKey());
            Reply withoutCurrency = send(old, "PATCH", "/leads",
                    "{\"id\":\"lead_old3\",\"changedTo\":\"qualified\",\"value\":5}", old.apiKey());
            Reply newSpelling = send(old, "PATCH", "/leads",
                    "{\"id\":\"lead_old2\",\"changedTo\":\"won\",\"value\":5}", old.apiKey());
            Reply lost = send(old, "PATCH", "/leads", "{\"id\":\"lead_old2\",\"changedTo\":\"lost\"}",
                    old.apiKey());

            assertThat(withoutValue.status()).isEqualTo(400);
            assertThat(withoutValue.json().has("error")).isTrue();
            assertThat(withoutCurrency.status()).isEqualTo(400);
            assertThat(newSpelling.status()).isEqualTo(400);
            assertThat(lost.status()).isEqualTo(200);
            assertThat(lost.json().get("status").asText()).isEqualTo("lost");
        }
    }

    // ------------------------------------------------------------------ faults and concurrency

    @Nested
    class FaultsAndConcurrency {

        @BeforeEach
        void startFreshSeededSimulator() {
            sim = start(OctanistSimulator.builder().clock(clock).seed(120, 42L));
        }

        @Test
        void queuedServiceUnavailableIsAnsweredOnceThenNormalService() throws Exception {
            sim.faults().next(Fault.respondJson(503, "{\"success\":false,\"error\":{\"code\":\"INTERNAL_ERROR\","
                    + "\"message\":\"maintenance\"}}"));

            Reply first = call("GET", "/leads?limit=1", null);
            Reply second = call("GET", "/leads?limit=1", null);

            assertThat(first.status()).isEqualTo(503);
            assertThat(first.json().at("/error/code").asText()).isEqualTo("INTERNAL_ERROR");
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.json().get("data")).hasSize(1);
            assertThat(sim.requestCount()).isEqualTo(2);
        }

        @Test
        void connectionResetFailsOneCallAndTheNextOneSucceeds() throws Exception {
            sim.faults().next(Fault.connectionReset());

            assertThatThrownBy(() -> call("POST", "/check", null)).isInstanceOf(IOException.class);
            assertThat(call("POST", "/check", null).status()).isEqualTo(200);
        }

        @Test
        void faultOnCreateLeavesStateUntouched() throws Exception {
            sim.faults().when(r -> r.method().equals("POST") && r.rawPath().equals("/api/leads"), 1,
                    Fault.htmlPage(502));

            Reply failed = call("POST", "/leads", "{\"name\":\"Retry Me\"}");
            Reply retried = call("POST", "/leads", "{\"name\":\"Retry Me\"}");

            assertThat(failed.status()).isEqualTo(502);
            assertThat(retried.status()).isEqualTo(201);
            assertThat(sim.size()).isEqualTo(121);
        }

        @Test
        void listingStaysConsistentWhileLeadsAreInserted() throws Exception {
            Set<String> seeded = sim.leads().stream().map(l -> l.get("id").asText()).collect(Collectors.toSet());
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<List<String>>> readers = new ArrayList<>();
                for (int r = 0; r < 4; r++) {
                    readers.add(pool.submit(this::readAllPagesOldestFirst));
                }
                Future<Integer> writer = pool.submit(() -> {
                    int created = 0;
                    for (int i = 0; i < 40; i++) {
                        Reply reply = call("POST", "/leads", "{\"name\":\"Concurrent " + i + "\"}");
                        assertThat(reply.status()).isEqualTo(201);
                        created++;
                    }
                    return created;
                });

                assertThat(writer.get(20, TimeUnit.SECONDS)).isEqualTo(40);
                for (Future<List<String>> reader : readers) {
                    List<String> seen = reader.get(20, TimeUnit.SECONDS);
                    List<String> seenSeeded = seen.stream().filter(seeded::contains).toList();
                    assertThat(seenSeeded).doesNotHaveDuplicates();
                    assertThat(new HashSet<>(seenSeeded)).isEqualTo(seeded);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(sim.size()).isEqualTo(160);
            assertThat(call("GET", "/leads?limit=1", null).json().at("/meta/pagination/total").asInt())
                    .isEqualTo(160);
        }

        private List<String> readAllPagesOldestFirst() throws Exception {
            List<String> seen = new ArrayList<>();
            for (int page = 1; page < 100; page++) {
                Reply reply = call("GET", "/leads?sort=createdAt:asc&limit=15&page=" + page, null);
                assertThat(reply.status()).isEqualTo(200);
                JsonNode body = reply.json();
                body.get("data").forEach(l -> seen.add(l.get("id").asText()));
                if (!body.at("/meta/pagination/hasMore").asBoolean()) {
                    break;
                }
            }
            return seen;
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void putFilterFixture(OctanistSimulator target) {
        target.put(fixture("lead_a", Map.of("name", "Anna de Vries", "email", "anna@example.com",
                "phone", "+31 6 11111111", "status", "open", "source", "inbound", "gclid", "g1",
                "labelId", "label_a", "website", "https://a.nl", "utm_source", "google", "utm_medium", "cpc"),
                null, "2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z", null));
        target.put(fixture("lead_b", Map.of("name", "bob O'Brien", "email", " Bob@Example.COM ",
                "phone", "06-22222222", "status", "qualified", "source", "gtm", "fbc", "fb.1.1.x",
                "utm_campaign", "brand", "website", "https://b.nl"),
                100, "2026-01-05T00:00:00.000Z", "2026-01-06T00:00:00.000Z", "2026-01-06T00:00:00.000Z"));
        target.put(fixture("lead_c", Map.of("name", "Chloé Müller", "status", "won", "source", "api",
                "gclid", "g3", "msclkid", "m3", "utm_source", "facebook", "labelId", "label_c"),
                250.5, "2026-02-01T00:00:00.000Z", "2026-02-10T00:00:00.000Z", "2026-02-02T00:00:00.000Z"));
        target.put(fixture("lead_d", Map.of("email", "d@x.com", "status", "lost", "source", "manual"),
                1000, "2026-02-15T00:00:00.000Z", "2026-03-01T00:00:00.000Z", null));
        target.put(fixture("lead_e", Map.of("name", "Eve Adams", "status", "open", "source", "import",
                "utm_medium", "email"),
                50, "2026-03-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z", null));
    }

    private OctanistSimulator start(OctanistSimulator.Builder builder) {
        OctanistSimulator simulator = builder.build();
        started.add(simulator);
        return simulator;
    }

    private Reply call(String method, String path, String body) throws IOException, InterruptedException {
        return send(sim, method, path, body, sim.apiKey());
    }

    private static Reply send(OctanistSimulator target, String method, String path, String body, String key)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("X-API-KEY", key);
        }
        HttpResponse<String> response = HTTP.send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(response.statusCode(), response.headers(), response.body());
    }

    /** Sends one request line over a raw socket (for paths java.net.URI refuses) and returns the status line. */
    private static String rawRequest(OctanistSimulator target, String requestLine) throws IOException {
        URI root = URI.create(target.rootUrl());
        try (java.net.Socket socket = new java.net.Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(5000);
            String request = requestLine + "\r\nHost: " + root.getHost() + "\r\nX-API-KEY: " + target.apiKey()
                    + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return answer;
        }
    }

    private String createdId(String body) throws Exception {
        Reply reply = call("POST", "/leads", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().at("/data/id").asText();
    }

    private List<String> ids(String query) throws Exception {
        Reply reply = call("GET", "/leads" + (query.isEmpty() ? "" : "?" + query), null);
        assertThat(reply.status()).as(query + " -> " + reply.body()).isEqualTo(200);
        return idsOf(reply.json().get("data"));
    }

    private static List<String> idsOf(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(lead -> ids.add(lead.get("id").asText()));
        return ids;
    }

    private String anyId() {
        return sim.leads().get(0).get("id").asText();
    }

    private static String q(String key, String value) {
        return enc(key) + "=" + enc(value);
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String encodeBrackets(String query) {
        return query.replace("[", "%5B").replace("]", "%5D");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }

    private static Set<String> values(List<ObjectNode> leads, String field) {
        return leads.stream().map(l -> l.get(field).asText()).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static ObjectNode fixture(String id, Map<String, String> texts, Number value, String createdAt,
                                      String updatedAt, String qualifiedAt) {
        ObjectNode lead = LeadShapes.blankCurrent();
        lead.put("id", id);
        texts.forEach(lead::put);
        if (value instanceof Integer i) {
            lead.put("value", i);
        } else if (value != null) {
            lead.put("value", value.doubleValue());
        }
        lead.put("createdAt", createdAt);
        lead.put("updatedAt", updatedAt);
        if (qualifiedAt != null) {
            lead.put("qualifiedAt", qualifiedAt);
        }
        return lead;
    }

    private static ObjectNode legacyLead(String id, String status) {
        ObjectNode current = fixture(id, Map.of("name", "Legacy Lead", "email", "legacy@example.com",
                "status", status), null, "2025-01-01T00:00:00.000Z", "2025-01-01T00:00:00.000Z", null);
        return LeadShapes.toLegacy(current, "EUR");
    }

    /** One HTTP answer. */
    private record Reply(int status, HttpHeaders headers, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }
}
