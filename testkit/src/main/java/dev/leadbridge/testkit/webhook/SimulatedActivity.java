package dev.leadbridge.testkit.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.testkit.nexor.NexorSimulator;
import dev.leadbridge.testkit.nexor.NexorStatus;
import dev.leadbridge.testkit.nexor.NexorWorkflow;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Activity on the PollyBot (workspace-v1) and Nexor simulators, as an account's own users would make it, so that
 * their webhooks have something to say: each {@link #tick()} creates one lead at each through their HTTP APIs (a
 * {@code LEAD_CREATED}; a Nexor lead enrolled in a workflow, a {@code workflow_run.status_changed}) and moves one Nexor
 * lead with a workflow run to the next status of its workflow (another {@code workflow_run.status_changed}). Leads
 * are unique (emails carry a run id and a counter). Not thread-safe: one caller ticks.
 */
public final class SimulatedActivity {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FIRST = List.of("Ana", "Ben", "Chloé", "Dmitri", "Eva", "Farah", "Gus", "Hana");
    private static final List<String> LAST = List.of("Silva", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Novak");

    private final WorkspaceSimulator workspace;
    private final String workspaceKey;
    private final NexorSimulator nexor;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random;
    private final String run;
    private final AtomicLong counter = new AtomicLong();
    private final List<String> nexorRunLeads = new ArrayList<>();
    private int cursor;

    /**
     * Activity on both simulators.
     *
     * @param workspace    the PollyBot simulator
     * @param workspaceKey the API key to create with there (one of its keys; its own rate budget is spent)
     * @param nexor        the Nexor simulator; its leads already in a workflow run take part in status changes
     * @param seed         makes names and choices repeatable
     */
    public SimulatedActivity(WorkspaceSimulator workspace, String workspaceKey, NexorSimulator nexor, long seed) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.workspaceKey = Objects.requireNonNull(workspaceKey, "workspaceKey");
        this.nexor = Objects.requireNonNull(nexor, "nexor");
        this.random = new Random(seed);
        this.run = Long.toString(Math.abs(random.nextLong() % 1_000_000L), 36);
        for (ObjectNode lead : nexor.leads()) {
            if (lead.get("active_workflow_run") instanceof ObjectNode) {
                nexorRunLeads.add(lead.get("id").asText());
            }
        }
    }

    /** What one tick did: the native ids created and changed (null where that step had nothing to do). */
    public record Tick(String workspaceLeadCreated, String nexorLeadCreated, String nexorLeadStatusChanged) {
    }

    /**
     * One round of activity, over HTTP.
     *
     * @throws IllegalStateException when a simulator refuses a request (its answer's status in the message)
     */
    public Tick tick() {
        long n = counter.incrementAndGet();
        String first = FIRST.get(random.nextInt(FIRST.size()));
        String last = LAST.get(random.nextInt(LAST.size()));
        String phone = String.format(Locale.ROOT, "+44 20 7946 %04d", random.nextInt(10_000));

        ObjectNode wsLead = JSON.createObjectNode();
        wsLead.put("name", first + " " + last);
        wsLead.put("email", email(first, last, "ws", n));
        wsLead.put("phone", phone);
        wsLead.put("source", "website");
        String chatbot = URLEncoder.encode(workspace.defaultChatbotId(), StandardCharsets.UTF_8);
        JsonNode wsAnswer = call(HttpRequest.newBuilder(URI.create(workspace.baseUrl() + "/chatbots/" + chatbot
                + "/leads")).header("Authorization", "Bearer " + workspaceKey), "POST", wsLead, 201);
        String wsId = wsAnswer.path("data").path("id").asText(null);

        ObjectNode nxLead = JSON.createObjectNode();
        nxLead.put("first_name", first);
        nxLead.put("last_name", last);
        nxLead.put("email", email(first, last, "nx", n));
        nxLead.put("phone", phone);
        nxLead.put("workflow_id", nexor.workflows().get(0).id());
        JsonNode nxAnswer = nexorCall("/leads", nxLead, 201);
        String nxId = nxAnswer.path("lead").path("id").asText(null);

        String changed = changeANexorStatus();
        if (nxId != null) {
            nexorRunLeads.add(nxId);
        }
        return new Tick(wsId, nxId, changed);
    }

    private String changeANexorStatus() {
        for (int tries = 0; tries < nexorRunLeads.size(); tries++) {
            String id = nexorRunLeads.get(cursor++ % nexorRunLeads.size());
            Optional<ObjectNode> lead = nexor.lead(id);
            JsonNode run = lead.map(l -> l.get("active_workflow_run")).orElse(null);
            if (!(run instanceof ObjectNode)) {
                continue;
            }
            Optional<NexorWorkflow> workflow = nexor.workflow(run.path("workflow_id").asText());
            if (workflow.isEmpty() || workflow.get().statuses().size() < 2) {
                continue;
            }
            List<NexorStatus> statuses = workflow.get().statuses();
            String current = run.path("current_status").path("key").asText();
            int at = 0;
            for (int i = 0; i < statuses.size(); i++) {
                if (statuses.get(i).key().equals(current)) {
                    at = i;
                }
            }
            ObjectNode body = JSON.createObjectNode();
            body.put("status_key", statuses.get((at + 1) % statuses.size()).key());
            body.put("reason", "simulated activity");
            nexorCall("/leads/" + id + "/status", body, 200);
            return id;
        }
        return null;
    }

    private JsonNode nexorCall(String path, ObjectNode body, int expected) {
        return call(HttpRequest.newBuilder(URI.create(nexor.baseUrl() + path)).header("X-API-Key", nexor.apiKey()),
                "POST", body, expected);
    }

    private JsonNode call(HttpRequest.Builder request, String method, ObjectNode body, int expected) {
        HttpRequest built = request.timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        HttpResponse<String> answer;
        try {
            answer = http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + built.uri().getPath() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + built.uri().getPath() + " was interrupted", e);
        }
        if (answer.statusCode() != expected) {
            throw new IllegalStateException(method + " " + built.uri().getPath() + " answered " + answer.statusCode());
        }
        try {
            return JSON.readTree(answer.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(method + " " + built.uri().getPath() + " answered no JSON", e);
        }
    }

    private String email(String first, String last, String where, long n) {
        return (first.charAt(0) + "." + last + "+" + where + run + "-" + n).toLowerCase(Locale.ROOT)
                .replace("é", "e") + "@example.com";
    }
}
