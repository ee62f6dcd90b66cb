package dev.leadbridge.testkit.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadbridge.testkit.nexor.NexorSimulator;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The simulators' webhooks against a loopback receiver: the documented envelopes, PollyBot's HMAC signature and
 * Nexor's token, and the sender's behaviour when the receiver is slow, failing or gone. (The provider modules'
 * readers verify the same deliveries in the store's end-to-end test: the testkit cannot depend on them.)
 */
class SimulatorWebhooksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T later(T resource) {
        open.add(resource);
        return resource;
    }

    @Test
    void aLeadCreatedAtPollyBotIsPostedAsASignedLeadCreatedEventCarryingTheLead() throws Exception {
        LoopbackReceiver receiver = later(LoopbackReceiver.start(r -> 200));
        WebhookSimulators sims = later(WebhookSimulators.start(receiver.baseUrl()));
        Instant before = Instant.now();

        SimulatedActivity.Tick tick = sims.activity().tick();
        assertThat(sims.awaitDeliveries(WAIT)).isTrue();

        List<LoopbackReceiver.Request> posts = posts(receiver, WebhookSimulators.WORKSPACE);
        assertThat(posts).hasSize(1);
        LoopbackReceiver.Request post = posts.get(0);
        assertThat(post.path()).isEqualTo("/webhooks/" + WebhookSimulators.WORKSPACE);
        assertThat(post.query()).isEmpty();
        assertThat(header(post, "X-Webhook-Signature"))
                .isEqualTo("sha256=" + hmac(post.body(), sims.secret(WebhookSimulators.WORKSPACE)));
        assertThat(header(post, "Content-Type")).isEqualTo("application/json");
        JsonNode body = JSON.readTree(post.body());
        assertThat(fieldNames(body)).containsExactly("event", "chatbotId", "timestamp", "data");
        assertThat(body.get("event").asText()).isEqualTo("LEAD_CREATED");
        assertThat(body.get("chatbotId").asText()).isEqualTo(sims.workspace().defaultChatbotId());
        assertThat(body.get("timestamp").asLong()).isBetween(before.getEpochSecond(), Instant.now().getEpochSecond());
        assertThat(body.get("data")).isEqualTo(sims.workspace().lead(tick.workspaceLeadCreated()).orElseThrow());
    }

    @Test
    void nexorPostsAStatusChangedEnvelopeWithTheTokenWhenARunStartsAndWhenItsStatusChanges() throws Exception {
        LoopbackReceiver receiver = later(LoopbackReceiver.start(r -> 200));
        WebhookSimulators sims = later(WebhookSimulators.start(receiver.baseUrl()));

        SimulatedActivity.Tick first = sims.activity().tick();   // creates a lead in a run, changes its status
        assertThat(first.nexorLeadStatusChanged()).isNull();     // no lead had a run before this tick
        SimulatedActivity.Tick second = sims.activity().tick();
        assertThat(second.nexorLeadStatusChanged()).isEqualTo(first.nexorLeadCreated());
        assertThat(sims.awaitDeliveries(WAIT)).isTrue();

        List<LoopbackReceiver.Request> posts = posts(receiver, WebhookSimulators.NEXOR);
        assertThat(posts).hasSize(3);
        List<String> eventIds = new ArrayList<>();
        for (LoopbackReceiver.Request post : posts) {
            assertThat(post.query()).containsExactly(Map.entry("token", sims.secret(WebhookSimulators.NEXOR)));
            assertThat(header(post, "X-Webhook-Signature")).isNull();
            JsonNode envelope = JSON.readTree(post.body());
            assertThat(fieldNames(envelope)).containsExactly("event_type", "event_id", "webhook_id", "delivery_id",
                    "timestamp", "client_id", "test", "data");
            assertThat(envelope.get("event_type").asText()).isEqualTo("workflow_run.status_changed");
            assertThat(envelope.get("test").asBoolean(true)).isFalse();
            assertThat(Instant.parse(envelope.get("timestamp").asText())).isBeforeOrEqualTo(Instant.now());
            eventIds.add(envelope.get("event_id").asText());
        }
        assertThat(eventIds).doesNotHaveDuplicates();

        // two threads deliver: arrival order is not creation order, as with a real provider
        List<JsonNode> aboutFirst = new ArrayList<>();
        for (LoopbackReceiver.Request post : posts) {
            JsonNode data = JSON.readTree(post.body()).get("data");
            if (data.get("lead").get("id").asText().equals(first.nexorLeadCreated())) {
                aboutFirst.add(data);
            }
        }
        assertThat(aboutFirst).hasSize(2);
        aboutFirst.sort(Comparator.comparing(d -> d.get("from_status").isNull() ? 0 : 1));
        JsonNode started = aboutFirst.get(0);
        assertThat(started.get("from_status").isNull()).isTrue();
        assertThat(started.get("to_status").get("key").asText()).isEqualTo("new");

        JsonNode changed = aboutFirst.get(1);
        JsonNode now = sims.nexor().lead(first.nexorLeadCreated()).orElseThrow();
        assertThat(changed.get("from_status").get("key").asText()).isEqualTo("new");
        assertThat(changed.get("to_status").get("key").asText())
                .isEqualTo(now.get("active_workflow_run").get("current_status").get("key").asText())
                .isNotEqualTo("new");
        assertThat(changed.get("lead").get("updated_at")).isEqualTo(now.get("updated_at"));
        assertThat(changed.get("lead").has("variables")).as("variables sit beside the lead, as in a get").isFalse();
    }

    @Test
    void updatesAndLeadsCreatedOutsideAWorkflowSendNothingAsNeitherProviderDocumentsSuchEvents() throws Exception {
        LoopbackReceiver receiver = later(LoopbackReceiver.start(r -> 200));
        WebhookSimulators sims = later(WebhookSimulators.start(receiver.baseUrl()));
        SimulatedActivity.Tick tick = sims.activity().tick();
        assertThat(sims.awaitDeliveries(WAIT)).isTrue();
        int before = receiver.requests().size();

        WorkspaceSimulator ws = sims.workspace();
        assertThat(send(ws.baseUrl() + "/leads/" + tick.workspaceLeadCreated(), "PUT", "{\"status\":\"contacted\"}",
                "Authorization", "Bearer " + ws.apiKey())).isEqualTo(200);
        NexorSimulator nx = sims.nexor();
        assertThat(send(nx.baseUrl() + "/leads", "POST", "{\"first_name\":\"Solo\"}", "X-API-Key", nx.apiKey()))
                .isEqualTo(201);
        assertThat(send(nx.baseUrl() + "/leads/" + tick.nexorLeadCreated(), "PATCH", "{\"company\":\"Acme\"}",
                "X-API-Key", nx.apiKey())).isEqualTo(200);
        assertThat(sims.awaitDeliveries(WAIT)).isTrue();

        assertThat(receiver.requests()).hasSize(before);
        assertThat(sims.senders()).allSatisfy(s -> assertThat(s.accepted()).isEqualTo(s.delivered()));
    }

    @Test
    void aFailedDeliveryIsRetriedWithTheSameBytesUntilTheReceiverAcknowledgesIt() throws Exception {
        Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();
        LoopbackReceiver receiver = later(LoopbackReceiver.start(r ->
                refused.computeIfAbsent(r.lastSegment(), k -> new AtomicInteger()).incrementAndGet() <= 3 ? 503 : 204));
        WebhookSimulators sims = later(WebhookSimulators.start(receiver.baseUrl(), Duration.ofMillis(50),
                Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofSeconds(30)));
        sims.activity().tick();

        assertThat(sims.awaitDeliveries(WAIT)).isTrue();

        for (String connection : List.of(WebhookSimulators.WORKSPACE, WebhookSimulators.NEXOR)) {
            List<LoopbackReceiver.Request> posts = posts(receiver, connection);
            assertThat(posts).extracting(LoopbackReceiver.Request::status).containsExactly(503, 503, 503, 204);
            assertThat(posts).extracting(LoopbackReceiver.Request::text).containsOnly(posts.get(0).text());
        }
        assertThat(sims.senders()).allSatisfy(s -> {
            assertThat(s.delivered()).isEqualTo(1);
            assertThat(s.gaveUp()).isZero();
            assertThat(s.attempts()).isEqualTo(4);
        });
    }

    @Test
    void aReceiverThatIsDownNeitherSlowsNorFailsTheApiAndTheDeliveryIsGivenUpAfterItsRetries() throws Exception {
        LoopbackReceiver gone = LoopbackReceiver.start(r -> 200);
        String url = gone.baseUrl();
        gone.close();   // connection refused from now on
        WebhookSimulators sims = later(WebhookSimulators.start(url, Duration.ofMillis(20), Duration.ofMillis(20)));

        SimulatedActivity.Tick tick = sims.activity().tick();

        assertThat(tick.workspaceLeadCreated()).isNotNull();
        assertThat(tick.nexorLeadCreated()).isNotNull();
        assertThat(sims.awaitDeliveries(WAIT)).isTrue();
        assertThat(sims.senders()).allSatisfy(s -> {
            assertThat(s.attempts()).isEqualTo(3);
            assertThat(s.gaveUp()).isEqualTo(1);
            assertThat(s.delivered()).isZero();
            assertThat(s.pending()).isZero();
        });
    }

    @Test
    void theSenderHoldsAtMostItsCapacityAndDropsTheRestWithoutFailingTheApi() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        LoopbackReceiver slow = later(LoopbackReceiver.start(r -> {
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 200;
        }));
        WebhookTarget target = WebhookTarget.of(slow.baseUrl(), "bounded", "whsec_bounded").withQueueCapacity(3);
        WorkspaceSimulator ws = later(WorkspaceSimulator.builder().webhooks(target).build());
        for (int i = 0; i < 6; i++) {
            assertThat(send(ws.baseUrl() + "/chatbots/" + ws.defaultChatbotId() + "/leads", "POST",
                    "{\"name\":\"Lead " + i + "\",\"email\":\"lead" + i + "@example.com\"}",
                    "Authorization", "Bearer " + ws.apiKey())).isEqualTo(201);
        }
        WebhookSender sender = ws.webhookSender().orElseThrow();
        assertThat(sender.accepted()).isEqualTo(3);
        assertThat(sender.dropped()).isEqualTo(3);

        release.countDown();
        assertThat(sender.awaitIdle(WAIT)).isTrue();
        assertThat(sender.delivered()).isEqualTo(3);
    }

    @Test
    void closingStopsAtOnceAndDropsRetriesNotYetDue() throws Exception {
        LoopbackReceiver refusing = later(LoopbackReceiver.start(r -> 500));
        WebhookSimulators sims = WebhookSimulators.start(refusing.baseUrl(), Duration.ofMinutes(10));
        sims.activity().tick();
        waitUntil(() -> refusing.requests().size() >= 2);
        List<WebhookSender> senders = sims.senders();

        long started = System.nanoTime();
        sims.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(senders).allSatisfy(s -> {
            assertThat(s.pending()).isZero();
            assertThat(s.send(URI.create(refusing.baseUrl()), new byte[0], Map.of())).isFalse();
        });
        assertThat(refusing.requests()).hasSize(2);
    }

    @Test
    void theTargetAppendsTheConnectionAndRefusesUrlsThatAreNotPlainHttpBaseUrls() {
        assertThat(WebhookTarget.of("http://127.0.0.1:8080/", "acme ws", "s").url())
                .isEqualTo("http://127.0.0.1:8080/webhooks/acme%20ws");
        assertThat(WebhookTarget.of("https://hooks.example.com/base", "n", "s").url())
                .isEqualTo("https://hooks.example.com/base/webhooks/n");
        assertThat(WebhookTarget.of("http://h", "n", "whsec_x")).hasToString(
                "WebhookTarget[http://h/webhooks/n, secret=****, retries=3]");
        assertThat(WebhookTarget.randomSecret()).matches("whsec_[A-Za-z0-9]{32}");
        assertThatThrownBy(() -> WebhookTarget.checkBaseUrl("ftp://h")).hasMessage("must be an http:// or https:// URL");
        assertThatThrownBy(() -> WebhookTarget.checkBaseUrl("localhost:8080"))
                .hasMessage("must be an http:// or https:// URL");
        assertThatThrownBy(() -> WebhookTarget.checkBaseUrl("http://user:pw@h"))
                .hasMessage("must not carry a user name or password");
        assertThatThrownBy(() -> WebhookTarget.checkBaseUrl("http://h/x?token=1"))
                .hasMessage("must be a base URL without '?' or '#'");
        assertThatThrownBy(() -> WebhookTarget.checkBaseUrl("http:///x")).hasMessage("has no host");
        assertThatThrownBy(() -> WebhookTarget.checkBaseUrl("http://h x")).hasMessageStartingWith("is not a URL");
    }

    // ------------------------------------------------------------------------------------------------

    private static List<LoopbackReceiver.Request> posts(LoopbackReceiver receiver, String connection) {
        return receiver.requests().stream().filter(r -> r.lastSegment().equals(connection)).toList();
    }

    private static String header(LoopbackReceiver.Request request, String name) {
        return request.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String hmac(byte[] body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static int send(String url, String method, String body, String header, String value) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header(header, value)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(10)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition reached in time").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
