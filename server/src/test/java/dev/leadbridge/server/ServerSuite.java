package dev.leadbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.WebhookEvent;
import dev.leadbridge.provider.workspace.WorkspaceWebhooks;
import dev.leadbridge.store.LeadStore;
import dev.leadbridge.store.Origin;
import dev.leadbridge.store.WebhookInbox;
import dev.leadbridge.store.WebhookInbox.Status;
import dev.leadbridge.testkit.nexor.NexorSimulator;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server over real HTTP on loopback, against the testkit simulators and a real store, the same tests on each
 * database: every answer code, signatures and tokens (valid, wrong, missing, rotated), dedupe, the body limit,
 * Nexor's get by id, recovery of pending events at start, /health and /metrics.
 */
abstract class ServerSuite {

    static final String WS_NEW = "whsec_new_0123";
    static final String WS_OLD = "whsec_old_4567";
    static final String NX_TOKEN = "nxtok_89ab";

    abstract String freshUrl() throws Exception;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private WorkspaceSimulator ws;
    private NexorSimulator nx;
    private OctanistSimulator oc;
    private String url;
    private LeadStore store;
    private LeadbridgeServer server;

    @BeforeEach
    void startEverything() throws Exception {
        ws = closeLater(WorkspaceSimulator.builder().seed(6, 11).build());
        nx = closeLater(NexorSimulator.builder().seed(4, 12).build());
        oc = closeLater(OctanistSimulator.builder().seed(3, 13).build());
        url = freshUrl();
        store = closeLater(LeadStore.open(url));
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        open.add(resource);
        return resource;
    }

    private List<ConnectionConfig> configs() {
        return List.of(
                ConnectionConfig.builder("ws").provider("workspace-v1").baseUrl(ws.baseUrl()).apiKey(ws.apiKey())
                        .option("webhook-secret", WS_NEW + ", " + WS_OLD).option("retry.max-attempts", "1").build(),
                ConnectionConfig.builder("nx").provider("nexor").baseUrl(nx.baseUrl()).apiKey(nx.apiKey())
                        .option("webhook-secret", NX_TOKEN).option("retry.max-attempts", "1").build(),
                ConnectionConfig.builder("oc").provider("octanist").baseUrl(oc.baseUrl()).apiKey(oc.apiKey())
                        .option("cache.enabled", "true").build());
    }

    private LeadbridgeServer start(List<ConnectionConfig> configs) {
        server = closeLater(LeadbridgeServer.builder().store(store).connections(configs).port(0)
                .every(Duration.ofHours(1)).log(log::add).build()).start();
        return server;
    }

    private LeadbridgeServer start() {
        return start(configs());
    }

    // ------------------------------------------------------------------------------------------ HTTP helpers

    private HttpResponse<String> post(String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofSeconds(20));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(20))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] pollyBot(ObjectNode nativeLead) {
        return ("{\"event\":\"LEAD_CREATED\",\"chatbotId\":\"bot-1\",\"timestamp\":1764750871,\"data\":" + nativeLead
                + "}").getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> postSigned(byte[] body, String secret) throws Exception {
        return post("/webhooks/ws", body, "X-Webhook-Signature", WorkspaceWebhooks.sign(body, secret),
                "Content-Type", "application/json");
    }

    private static byte[] nexor(String eventId, String type, boolean test, String data) {
        return ("{\"event_type\":\"" + type + "\",\"event_id\":\"" + eventId + "\",\"webhook_id\":\"w1\","
                + "\"delivery_id\":\"d-" + eventId + "\",\"timestamp\":\"2026-04-17T16:30:00.000Z\","
                + "\"client_id\":\"c1\",\"test\":" + test + ",\"data\":" + data + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static String token(String secret) {
        return "?token=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    }

    private WebhookInbox inbox() {
        return WebhookInbox.of(store, name -> Optional.empty());
    }

    private long inboxRows() throws InterruptedException {
        // counted status by status: a row counted pending, then processed before its final status is counted, would
        // count twice, so every row is let out of pending first
        await("every recorded row processed", () -> inbox().count(Status.PENDING) == 0);
        long rows = 0;
        for (Status status : Status.values()) {
            rows += inbox().count(status);
        }
        return rows;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited too long for: " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private void assertNoSecretLogged() {
        assertThat(String.join("\n", log)).doesNotContain(WS_NEW, WS_OLD, NX_TOKEN);
    }

    // ------------------------------------------------------------------------------------------ tests

    @Test
    void aSignedPollyBotDeliveryIsAcknowledgedOnceRecordedAndItsLeadIsStoredWithOriginWebhook() throws Exception {
        start();
        ObjectNode lead = ws.leads().get(0);
        String id = "ws:" + lead.get("id").asText();

        HttpResponse<String> answer = postSigned(pollyBot(lead), WS_NEW);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("recorded");
        String key = "sha256:" + dev.leadbridge.core.spi.WebhookSecrets.sha256Hex(pollyBot(lead));
        assertThat(inbox().find("ws", key)).as("committed before the answer").isPresent();
        await("the lead stored", () -> inbox().find("ws", key).orElseThrow().status() == Status.DONE);
        assertThat(inbox().find("ws", key).orElseThrow().leadId()).isEqualTo(id);
        assertThat(store.find(id)).isPresent();
    }

    @Test
    void theSameDeliveryAgainIsAcknowledgedAsADuplicateAndChangesNothing() throws Exception {
        start();
        byte[] body = pollyBot(ws.leads().get(1));
        assertThat(postSigned(body, WS_NEW).statusCode()).isEqualTo(200);
        await("processed", () -> inbox().count(Status.DONE) == 1);

        HttpResponse<String> again = postSigned(body, WS_NEW);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("duplicate");
        assertThat(inboxRows()).isEqualTo(1);
        assertThat(inbox().count(Status.DONE)).isEqualTo(1);
    }

    @Test
    void bothSecretsOfARotationAreAcceptedAndAWrongOrMissingSignatureIs401WithNothingStored() throws Exception {
        start();
        assertThat(postSigned(pollyBot(ws.leads().get(2)), WS_OLD).statusCode()).isEqualTo(200);
        assertThat(postSigned(pollyBot(ws.leads().get(3)), WS_NEW).statusCode()).isEqualTo(200);
        assertThat(inboxRows()).isEqualTo(2);

        HttpResponse<String> wrong = postSigned(pollyBot(ws.leads().get(4)), "whsec_someone_else");
        HttpResponse<String> missing = post("/webhooks/ws", pollyBot(ws.leads().get(4)));
        HttpResponse<String> tampered = post("/webhooks/ws", pollyBot(ws.leads().get(5)), "X-Webhook-Signature",
                WorkspaceWebhooks.sign(pollyBot(ws.leads().get(4)), WS_NEW));

        assertThat(List.of(wrong.statusCode(), missing.statusCode(), tampered.statusCode()))
                .containsExactly(401, 401, 401);
        assertThat(inboxRows()).as("nothing stored").isEqualTo(2);
        assertThat(wrong.body() + missing.body() + tampered.body()).doesNotContain(WS_NEW, WS_OLD);
        assertNoSecretLogged();
    }

    @Test
    void aNexorEventNamingOnlyALeadIdGetsTheLeadFromNexorAndStoresIt() throws Exception {
        start();
        String nativeId = nx.leads().get(0).get("id").asText();

        HttpResponse<String> answer = post("/webhooks/nx" + token(NX_TOKEN), nexor("evt-get-1",
                "workflow_run.status_changed", false, "{\"lead_id\":\"" + nativeId + "\"}"));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        await("the lead got and stored", () -> inbox().find("nx", "evt-get-1").orElseThrow().status()
                == Status.DONE);
        assertThat(store.find("nx:" + nativeId).orElseThrow().origin()).isIn(Origin.WEBHOOK, Origin.GET);
        assertThat(nx.requestCount(r -> r.rawPath().endsWith("/" + nativeId))).isPositive();
    }

    @Test
    void aNexorTokenThatIsWrongOrMissingIs401AndATestDeliveryIsAcknowledgedIgnored() throws Exception {
        start();
        byte[] body = nexor("evt-tok", "workflow_run.status_changed", false, "{\"lead_id\":\"x\"}");

        assertThat(post("/webhooks/nx" + token("nxtok_wrong"), body).statusCode()).isEqualTo(401);
        assertThat(post("/webhooks/nx", body).statusCode()).isEqualTo(401);
        assertThat(inboxRows()).isZero();

        assertThat(post("/webhooks/nx" + token(NX_TOKEN), nexor("evt-test", "workflow_run.status_changed", true,
                "{}")).statusCode()).isEqualTo(200);
        assertThat(post("/webhooks/nx" + token(NX_TOKEN), nexor("evt-meet", "meeting.scheduled", false,
                "{}")).statusCode()).isEqualTo(200);
        assertThat(inbox().count(Status.IGNORED)).isEqualTo(2);
        assertNoSecretLogged();
    }

    @Test
    void notJsonIs400AndJsonThatIsNotTheEnvelopeIsAcknowledgedAndRecordedFailedWithTheReason() throws Exception {
        start();
        byte[] notJson = "this is not json".getBytes(StandardCharsets.UTF_8);
        byte[] notEnvelope = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(postSigned(notJson, WS_NEW).statusCode()).isEqualTo(400);
        assertThat(inboxRows()).isZero();

        HttpResponse<String> answer = postSigned(notEnvelope, WS_NEW);
        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(answer.body()).contains("invalid");
        WebhookInbox.Entry entry = inbox().find("ws", "sha256:"
                + dev.leadbridge.core.spi.WebhookSecrets.sha256Hex(notEnvelope)).orElseThrow();
        assertThat(entry.status()).isEqualTo(Status.FAILED);
        assertThat(entry.error()).isNotBlank();
        assertThat(entry.retryable()).isFalse();
    }

    @Test
    void unknownConnectionsAndProvidersWithoutWebhooksAre404AndOtherMethodsAre405() throws Exception {
        start();
        byte[] body = pollyBot(ws.leads().get(0));

        assertThat(postSigned(body, WS_NEW).statusCode()).isEqualTo(200);
        assertThat(post("/webhooks/nobody", body).statusCode()).isEqualTo(404);
        assertThat(post("/webhooks/oc", body).statusCode()).as("Octanist sends no webhooks").isEqualTo(404);
        assertThat(post("/elsewhere", body).statusCode()).isEqualTo(404);
        HttpResponse<String> getWebhook = get("/webhooks/ws");
        assertThat(getWebhook.statusCode()).isEqualTo(405);
        assertThat(getWebhook.headers().firstValue("Allow")).contains("POST");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(server.url() + "/webhooks/ws"))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(405);
        assertThat(post("/health", body).statusCode()).isEqualTo(405);
        assertThat(inboxRows()).isEqualTo(1);
    }

    @Test
    void aBodyOverOneMebibyteIs413WhetherItsLengthIsDeclaredOrChunked() throws Exception {
        start();
        int over = LeadbridgeServer.MAX_BODY_BYTES + 1;

        assertThat(rawPost("Content-Length: " + over, over, false)).startsWith("HTTP/1.1 413");
        assertThat(rawPost("Transfer-Encoding: chunked", 4 * LeadbridgeServer.MAX_BODY_BYTES, true))
                .startsWith("HTTP/1.1 413");
        assertThat(inboxRows()).isZero();
        // a body of exactly the limit is read (and here refused for its signature)
        assertThat(postSigned(new byte[LeadbridgeServer.MAX_BODY_BYTES], "whsec_x").statusCode()).isEqualTo(401);
    }

    /** Sends up to {@code bytes} of body on a raw socket, stopping when the server answers; gives the status line. */
    private String rawPost(String framing, int bytes, boolean chunked) throws IOException {
        try (Socket socket = new Socket(server.address().getAddress(), server.address().getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /webhooks/ws HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "X-Webhook-Signature: sha256=00\r\n" + framing + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            InputStream in = socket.getInputStream();
            try {
                for (int sent = 0; sent < bytes && in.available() == 0; sent += chunk.length) {
                    if (chunked) {
                        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(chunk, 0, chunked ? chunk.length : Math.min(chunk.length, bytes - sent));
                    if (chunked) {
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                }
            } catch (IOException closedByServer) {
                // the server answered and closed without reading the rest: what is expected
            }
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0 && b != '\r'; b = in.read()) {
                line.write(b);
            }
            return line.toString(StandardCharsets.US_ASCII);
        }
    }

    @Test
    void eventsPendingFromBeforeAStartAreStoredWhenTheServerStarts() throws Exception {
        WebhookInbox before = inbox();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String nativeId = nx.leads().get(i).get("id").asText();
            before.record(new WebhookEvent("nx", "nexor", "evt-pending-" + i, "lead.updated", false,
                    Optional.empty(), Optional.of(nativeId)));
            ids.add("nx:" + nativeId);
        }
        assertThat(before.count(Status.PENDING)).isEqualTo(3);

        start();

        await("the pending events processed", () -> inbox().count(Status.DONE) == 3);
        for (String id : ids) {
            assertThat(store.find(id)).isPresent();
        }
    }

    @Test
    void healthIs200WhenEveryConnectionsLastSyncIsOkAnd503OtherwiseWithEachConnectionsLastSync()
            throws Exception {
        start();
        await("every connection synced", () -> {
            try {
                return get("/health").statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
        HttpResponse<String> healthy = get("/health");
        assertThat(healthy.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(healthy.body()).contains("\"connection\":\"ws\"", "\"connection\":\"nx\"",
                "\"connection\":\"oc\"", "\"outcome\":\"ok\"", "\"last_sync_at\":\"", "\"status\":\"ok\"");
        server.close();

        List<ConnectionConfig> broken = new ArrayList<>(configs());
        broken.add(ConnectionConfig.builder("down").provider("octanist").baseUrl("http://127.0.0.1:9")
                .apiKey("oct_live_x").option("retry.max-attempts", "1").build());
        start(broken);
        await("the broken connection's sync failed", () -> {
            try {
                return get("/health").body().contains("\"outcome\":\"failed\"");
            } catch (Exception e) {
                return false;
            }
        });
        HttpResponse<String> failing = get("/health");
        assertThat(failing.statusCode()).isEqualTo(503);
        assertThat(failing.body()).contains("\"connection\":\"down\"", "\"status\":\"failing\"");
    }

    @Test
    void metricsArePrometheusTextWithLeadbridgesResilience4jsAndCaffeinesMeters() throws Exception {
        start();
        assertThat(postSigned(pollyBot(ws.leads().get(0)), WS_NEW).statusCode()).isEqualTo(200);
        assertThat(post("/webhooks/ws", pollyBot(ws.leads().get(0))).statusCode()).isEqualTo(401);

        HttpResponse<String> metrics = get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(metrics.body())
                .contains("leadbridge_webhook_deliveries_total{connection=\"ws\",outcome=\"recorded\"} 1.0")
                .contains("leadbridge_webhook_deliveries_total{connection=\"ws\",outcome=\"unauthenticated\"} 1.0")
                .contains("leadbridge_webhook_ack_seconds{connection=\"ws\",quantile=\"0.99\"}")
                .contains("leadbridge_webhook_inbox_events{status=\"pending\"}")
                .contains("resilience4j_retry_calls")
                .contains("resilience4j_circuitbreaker_state")
                .contains("cache_gets_total");
        assertThat(metrics.body()).doesNotContain(WS_NEW, NX_TOKEN);
    }

    @Test
    void closeStopsAcceptingAndEndsTheScheduleSoAnotherServerCanTakeTheSamePort() throws Exception {
        start();
        int port = server.address().getPort();
        server.close();
        server.close();   // idempotent

        assertThat(canConnect(port)).isFalse();
        LeadbridgeServer again = closeLater(LeadbridgeServer.builder().store(store).connections(configs())
                .port(port).build()).start();
        assertThat(again.address().getPort()).isEqualTo(port);
    }

    @Test
    void aPortInUseIsATypedErrorNamingTheAddress() throws Exception {
        start();
        int port = server.address().getPort();
        LeadbridgeServer second = LeadbridgeServer.builder().store(store).connections(configs()).port(port).build();

        org.assertj.core.api.Assertions.assertThatThrownBy(second::start)
                .isInstanceOf(ServerStartException.class)
                .hasMessageContaining("127.0.0.1:" + port);
    }

    private static boolean canConnect(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return s.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

}
