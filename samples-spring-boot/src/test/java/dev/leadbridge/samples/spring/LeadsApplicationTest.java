package dev.leadbridge.samples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import dev.leadbridge.provider.workspace.WorkspaceWebhooks;
import dev.leadbridge.store.LeadStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sample application on a real web server on a random port, its connections on the testkit simulators. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LeadsApplicationTest {

    private static final OctanistSimulator OCTANIST = OctanistSimulator.builder().seed(4, 11L).build();
    private static final WorkspaceSimulator WORKSPACE = WorkspaceSimulator.builder().seed(3, 11L).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WEBHOOK_SECRET = "whsec_sample";
    private static final Path DB = tempDb();

    @Autowired
    private LeadStore store;

    private static Path tempDb() {
        try {
            return Files.createTempDirectory("leads-app").resolve("app.db");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void connections(DynamicPropertyRegistry registry) {
        // the keys arrive as application.yml expects them, through ${ACME_API_KEY} and ${POLLY_API_KEY}
        registry.add("ACME_API_KEY", OCTANIST::apiKey);
        registry.add("POLLY_API_KEY", WORKSPACE::apiKey);
        registry.add("leadbridge.connections.acme.base-url", OCTANIST::baseUrl);
        registry.add("leadbridge.connections.polly.base-url", WORKSPACE::baseUrl);
        registry.add("POLLY_WEBHOOK_SECRET", () -> WEBHOOK_SECRET);
        registry.add("APP_DB_URL", () -> "jdbc:sqlite:" + DB);
    }

    @AfterAll
    static void stopSimulators() {
        OCTANIST.close();
        WORKSPACE.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void actuatorHealthShowsEveryConnectionUpWithItsCircuitClosed() throws Exception {
        HttpResponse<String> response = get("/actuator/health");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode leadbridge = JSON.readTree(response.body()).path("components").path("leadbridge");
        assertThat(leadbridge.path("status").asText()).isEqualTo("UP");
        JsonNode acme = leadbridge.path("components").path("acme");
        assertThat(acme.path("status").asText()).isEqualTo("UP");
        assertThat(acme.path("details").path("provider").asText()).isEqualTo("octanist");
        assertThat(acme.path("details").path("circuit").asText()).isEqualTo("CLOSED");
        assertThat(acme.path("details").path("rateLimitPermitsLeft").isInt()).isTrue();
        assertThat(leadbridge.path("components").path("polly").path("details").path("provider").asText())
                .isEqualTo("workspace-v1");
        assertThat(response.body()).doesNotContain(OCTANIST.apiKey()).doesNotContain(WORKSPACE.apiKey());
    }

    @Test
    void theControllerReadsTheLeadsOfBothConnectionsThroughTheStartersClient() throws Exception {
        HttpResponse<String> response = get("/leads/newest?limit=100");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("leads")).hasSize(7);
        assertThat(body.path("connections").path("acme").asText()).isEqualTo("ok");
        assertThat(body.path("connections").path("polly").asText()).isEqualTo("ok");
    }

    @Test
    void theNewestLeadsComeFirstAcrossConnections() throws Exception {
        JsonNode leads = JSON.readTree(get("/leads/newest?limit=3").body()).path("leads");
        assertThat(leads).hasSize(3);
        for (int i = 1; i < leads.size(); i++) {
            assertThat(Instant.parse(leads.get(i - 1).path("createdAt").asText()))
                    .isAfterOrEqualTo(Instant.parse(leads.get(i).path("createdAt").asText()));
        }
        assertThat(leads.get(0).path("id").asText()).containsPattern("^(acme|polly):");
    }

    @Test
    void theConnectionsMetersAreServedByActuator() throws Exception {
        HttpResponse<String> response = get("/actuator/metrics/resilience4j.circuitbreaker.state?tag=name:acme");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("name").asText()).isEqualTo("resilience4j.circuitbreaker.state");
    }

    @Test
    void aSignedPollyBotWebhookIsAcknowledgedAndItsLeadLandsInTheApplicationsDatabase() throws Exception {
        JsonNode lead = WORKSPACE.leads().get(0);
        byte[] body = ("{\"event\":\"LEAD_CREATED\",\"chatbotId\":\"bot\",\"timestamp\":1764750871,\"data\":" + lead
                + "}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/webhooks/polly"))
                .header(WorkspaceWebhooks.SIGNATURE_HEADER, WorkspaceWebhooks.sign(body, WEBHOOK_SECRET))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        String id = "polly:" + lead.path("id").asText();
        Instant deadline = Instant.now().plusSeconds(30);
        while (store.find(id).isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(store.find(id)).isPresent();
        assertThat(store.url()).contains(DB.toString());
    }
}
