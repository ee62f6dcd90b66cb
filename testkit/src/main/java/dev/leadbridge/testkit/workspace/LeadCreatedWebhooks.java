package dev.leadbridge.testkit.workspace;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.testkit.webhook.WebhookSender;
import dev.leadbridge.testkit.webhook.WebhookTarget;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * PollyBot's webhooks as documented (workspace-v1.md §7): {@code LEAD_CREATED} only, the body
 * {@code {"event","chatbotId","timestamp":<unix s>,"data":{lead}}} signed with {@code X-Webhook-Signature:
 * sha256=<hex>}, the HMAC-SHA256 of the raw body under the webhook's secret. Signed here with {@code javax.crypto}: the
 * testkit does not depend on the provider modules whose readers verify it.
 */
final class LeadCreatedWebhooks implements AutoCloseable {

    /** The only event type PollyBot documents. */
    static final String LEAD_CREATED = "LEAD_CREATED";
    static final String SIGNATURE_HEADER = "X-Webhook-Signature";

    private final WebhookSender sender;
    private final URI url;
    private final byte[] key;

    LeadCreatedWebhooks(WebhookTarget target) {
        this.sender = new WebhookSender(target);
        this.url = URI.create(target.url());
        this.key = target.secret().getBytes(StandardCharsets.UTF_8);
    }

    WebhookSender sender() {
        return sender;
    }

    /** Queues the {@code LEAD_CREATED} delivery of {@code lead} (a copy is taken); never blocks. */
    void leadCreated(ObjectNode lead, String chatbotId, Instant at) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("event", LEAD_CREATED);
        body.put("chatbotId", chatbotId);
        body.put("timestamp", at.getEpochSecond());
        body.set("data", lead.deepCopy());
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        sender.send(url, bytes, Map.of(SIGNATURE_HEADER, "sha256=" + hmacSha256Hex(bytes)));
    }

    private String hmacSha256Hex(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    @Override
    public void close() {
        sender.close();
    }
}
