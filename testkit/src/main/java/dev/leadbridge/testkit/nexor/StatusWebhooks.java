package dev.leadbridge.testkit.nexor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.testkit.webhook.WebhookSender;
import dev.leadbridge.testkit.webhook.WebhookTarget;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Nexor's webhooks as documented (nexor.md §9): the envelope {@code {"event_type","event_id","webhook_id",
 * "delivery_id","timestamp","client_id","test","data"}}, here always {@code workflow_run.status_changed}, the only
 * documented lead event. Its {@code data} carries the full lead as {@code GET /leads/{id}} shows it ({@code lead} and
 * {@code variables}) plus {@code from_status} and {@code to_status}. Nexor's signature scheme is not documented, so
 * the URL carries the secret as {@code ?token=<secret>}, as Leadbridge asks users to configure it at Nexor.
 */
final class StatusWebhooks implements AutoCloseable {

    /** The one documented lead event. */
    static final String STATUS_CHANGED = "workflow_run.status_changed";

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final WebhookSender sender;
    private final URI url;
    private final String webhookId = UUID.randomUUID().toString();
    private final String clientId = UUID.randomUUID().toString();

    StatusWebhooks(WebhookTarget target) {
        this.sender = new WebhookSender(target);
        this.url = URI.create(target.url() + "?token=" + URLEncoder.encode(target.secret(), StandardCharsets.UTF_8));
    }

    WebhookSender sender() {
        return sender;
    }

    /**
     * Queues a status change of {@code stored}'s active run (the lead in the simulator's stored form; copied) from
     * {@code from} (null when the run just started) to its current status; never blocks.
     */
    void statusChanged(ObjectNode stored, JsonNode from, Instant at) {
        ObjectNode lead = stored.deepCopy();
        JsonNode variables = lead.remove("variables");
        lead.remove("assigned_user");
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.put("event_type", STATUS_CHANGED);
        envelope.put("event_id", UUID.randomUUID().toString());
        envelope.put("webhook_id", webhookId);
        envelope.put("delivery_id", UUID.randomUUID().toString());
        envelope.put("timestamp", TIMESTAMP.format(at));
        envelope.put("client_id", clientId);
        envelope.put("test", false);
        ObjectNode data = envelope.putObject("data");
        data.set("lead", lead);
        data.set("variables", variables instanceof ObjectNode ? variables : JsonNodeFactory.instance.objectNode());
        JsonNode run = stored.get("active_workflow_run");
        data.set("from_status", status(from));
        data.set("to_status", status(run == null ? null : run.get("current_status")));
        sender.send(url, envelope.toString().getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static JsonNode status(JsonNode status) {
        if (!(status instanceof ObjectNode)) {
            return NullNode.instance;
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        for (String field : new String[] {"id", "key", "label", "category"}) {
            JsonNode value = status.get(field);
            copy.set(field, value == null ? NullNode.instance : value.deepCopy());
        }
        return copy;
    }

    @Override
    public void close() {
        sender.close();
    }
}
