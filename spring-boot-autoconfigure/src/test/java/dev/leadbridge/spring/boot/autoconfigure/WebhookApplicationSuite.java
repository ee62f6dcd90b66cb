package dev.leadbridge.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.provider.workspace.WorkspaceWebhooks;
import dev.leadbridge.store.LeadStore;
import dev.leadbridge.store.Origin;
import dev.leadbridge.store.WebhookInbox;
import dev.leadbridge.testkit.nexor.NexorSimulator;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A whole Spring Boot web application on a real Tomcat on a random port, with the starter's auto-configuration as an
 * application gets it: signed webhooks from PollyBot and Nexor into the store over HTTP, the answers of CANONICAL.md
 * ("Webhooks ... serve"), and {@code /actuator/health}. A subclass says where the store lives.
 */
@SpringBootTest(classes = WebhookApplicationSuite.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"leadbridge.webhooks.enabled=true", "leadbridge.store.enabled=true",
            "leadbridge.store.sync-interval=0", "management.endpoint.health.show-details=always"})
abstract class WebhookApplicationSuite {

    /** The application: nothing of its own, everything auto-configured. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    static final OctanistSimulator OCTANIST = OctanistSimulator.builder().seed(2, 3L).build();
    static final WorkspaceSimulator WORKSPACE = WorkspaceSimulator.builder().seed(8, 3L).build();
    static final NexorSimulator NEXOR = NexorSimulator.builder().seed(4, 3L).build();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    WebhookInbox inbox;

    @Autowired
    LeadStore store;

    @DynamicPropertySource
    static void connections(DynamicPropertyRegistry registry) {
        registry.add("leadbridge.connections.acme.provider", () -> "octanist");
        registry.add("leadbridge.connections.acme.base-url", OCTANIST::baseUrl);
        registry.add("leadbridge.connections.acme.api-key", OCTANIST::apiKey);
        registry.add("leadbridge.connections.polly.provider", () -> "workspace-v1");
        registry.add("leadbridge.connections.polly.base-url", WORKSPACE::baseUrl);
        registry.add("leadbridge.connections.polly.api-key", WORKSPACE::apiKey);
        registry.add("leadbridge.connections.polly.webhook-secret", () -> Deliveries.POLLY_SECRET);
        registry.add("leadbridge.connections.nexus.provider", () -> "nexor");
        registry.add("leadbridge.connections.nexus.base-url", NEXOR::baseUrl);
        registry.add("leadbridge.connections.nexus.api-key", NEXOR::apiKey);
        registry.add("leadbridge.connections.nexus.webhook-secret", () -> Deliveries.NEXOR_SECRET);
    }

    HttpResponse<String> post(String pathAndQuery, byte[] body, String... headers) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json");
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST whose body is sent chunked, without {@code Content-Length}. */
    HttpResponse<String> chunked(String path, byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .header("Content-Type", "application/json").build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> pollyDelivery(byte[] body, String secret) throws IOException, InterruptedException {
        return post("/webhooks/polly", body, WorkspaceWebhooks.SIGNATURE_HEADER, WorkspaceWebhooks.sign(body, secret));
    }

    long recordedEvents() {
        return Arrays.stream(WebhookInbox.Status.values()).mapToLong(inbox::count).sum();
    }

    WebhookInbox.Status awaitProcessed(String eventKey) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        WebhookInbox.Status status = inbox.find(eventKey).orElseThrow().status();
        while (status == WebhookInbox.Status.PENDING && Instant.now().isBefore(deadline)) {
            Thread.sleep(25);
            status = inbox.find(eventKey).orElseThrow().status();
        }
        return status;
    }

    static String sha256Key(byte[] body) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSignedPollyBotDeliveryIsRecordedBeforeItIsAcknowledgedAndItsLeadStoredWithOriginWebhook() throws Exception {
        String nativeId = WORKSPACE.leads().get(0).get("id").asText();
        byte[] body = Deliveries.pollyLeadCreated(WORKSPACE.leads().get(0));

        HttpResponse<String> response = pollyDelivery(body, Deliveries.POLLY_SECRET);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"recorded\"}");
        assertThat(inbox.find(sha256Key(body))).as("recorded when acknowledged").isPresent();
        assertThat(awaitProcessed(sha256Key(body))).isEqualTo(WebhookInbox.Status.DONE);
        assertThat(store.find("polly:" + nativeId).orElseThrow().origin()).isEqualTo(Origin.WEBHOOK);
    }

    @Test
    void aNexorDeliveryWithTheTokenInTheUrlIsRecordedAndItsLeadGotById() throws Exception {
        String nativeId = NEXOR.leads().get(0).get("id").asText();
        byte[] body = Deliveries.nexorStatusChanged("evt-nexor-1", nativeId);

        HttpResponse<String> response = post("/webhooks/nexus?token=" + Deliveries.NEXOR_SECRET, body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(awaitProcessed("evt-nexor-1")).isEqualTo(WebhookInbox.Status.DONE);
        assertThat(store.find("nexus:" + nativeId).orElseThrow().origin()).isEqualTo(Origin.WEBHOOK);
    }

    @Test
    void aWrongOrMissingSignatureOrTokenIs401AndNothingIsStored() throws Exception {
        byte[] body = Deliveries.pollyLeadCreated(WORKSPACE.leads().get(1));
        long before = recordedEvents();

        HttpResponse<String> wrong = pollyDelivery(body, "whsec_not_the_secret");
        HttpResponse<String> missing = post("/webhooks/polly", body);
        HttpResponse<String> wrongToken = post("/webhooks/nexus?token=guess",
                Deliveries.nexorStatusChanged("evt-nexor-forged", NEXOR.leads().get(1).get("id").asText()));

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(wrongToken.statusCode()).isEqualTo(401);
        assertThat(wrong.body() + missing.body() + wrongToken.body()).doesNotContain(Deliveries.POLLY_SECRET)
                .doesNotContain("whsec_not_the_secret").doesNotContain("guess");
        assertThat(recordedEvents()).isEqualTo(before);
        assertThat(inbox.find(sha256Key(body))).isEmpty();
        assertThat(store.find("polly:" + WORKSPACE.leads().get(1).get("id").asText())).isEmpty();
    }

    @Test
    void theSameDeliveryTwiceIsAcknowledgedTwiceAndCountedOnce() throws Exception {
        byte[] body = Deliveries.pollyLeadCreated(WORKSPACE.leads().get(2));
        long before = recordedEvents();

        HttpResponse<String> first = pollyDelivery(body, Deliveries.POLLY_SECRET);
        HttpResponse<String> again = pollyDelivery(body, Deliveries.POLLY_SECRET);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo("{\"status\":\"duplicate\"}");
        assertThat(recordedEvents()).isEqualTo(before + 1);
        assertThat(awaitProcessed(sha256Key(body))).isEqualTo(WebhookInbox.Status.DONE);
    }

    @Test
    void unknownConnectionsOtherMethodsNonJsonAndOverLargeBodiesGetTheirOwnAnswers() throws Exception {
        byte[] notJson = "this is not json".getBytes(StandardCharsets.UTF_8);
        byte[] tooLarge = new byte[LeadbridgeWebhookController.MAX_BODY_BYTES + 1];
        Arrays.fill(tooLarge, (byte) ' ');
        long before = recordedEvents();

        assertThat(post("/webhooks/nobody", Deliveries.pollyLeadCreated(WORKSPACE.leads().get(3))).statusCode())
                .as("unknown connection").isEqualTo(404);
        assertThat(post("/webhooks/acme", notJson).statusCode()).as("Octanist sends no webhooks").isEqualTo(404);
        assertThat(get("/webhooks/polly").statusCode()).as("GET").isEqualTo(405);
        assertThat(pollyDelivery(notJson, Deliveries.POLLY_SECRET).statusCode()).as("not JSON").isEqualTo(400);
        assertThat(pollyDelivery(tooLarge, Deliveries.POLLY_SECRET).statusCode()).as("over 1 MiB").isEqualTo(413);
        assertThat(chunked("/webhooks/polly", tooLarge).statusCode()).as("over 1 MiB without Content-Length")
                .isEqualTo(413);
        assertThat(recordedEvents()).isEqualTo(before);

        byte[] notTheEnvelope = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> unexpected = pollyDelivery(notTheEnvelope, Deliveries.POLLY_SECRET);
        assertThat(unexpected.statusCode()).as("JSON but not the envelope: recorded as failed").isEqualTo(200);
        WebhookInbox.Entry entry = inbox.find(sha256Key(notTheEnvelope)).orElseThrow();
        assertThat(entry.status()).isEqualTo(WebhookInbox.Status.FAILED);
        assertThat(entry.eventType()).isEqualTo("invalid");
    }

    @Test
    void healthIsUpWithEveryConnection() throws Exception {
        HttpResponse<String> health = get("/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"leadbridge\"").contains("\"polly\"")
                .contains("\"nexus\"").doesNotContain(Deliveries.POLLY_SECRET).doesNotContain(Deliveries.NEXOR_SECRET);
    }
}
