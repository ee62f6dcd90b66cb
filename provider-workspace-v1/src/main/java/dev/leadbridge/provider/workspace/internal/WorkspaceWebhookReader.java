package dev.leadbridge.provider.workspace.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.api.WebhookEvent;
import dev.leadbridge.core.api.WebhookReader;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.MalformedResponseException;
import dev.leadbridge.core.spi.ProviderSettings;
import dev.leadbridge.core.spi.WebhookBodies;
import dev.leadbridge.core.spi.WebhookSecrets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Verifies and reads PollyBot's webhook deliveries: {@value #SIGNATURE_HEADER} {@code sha256=<hex>}, the
 * HMAC-SHA256 of the raw body under one of the connection's secrets, then the body
 * {@code {"event","chatbotId","timestamp","data":{lead}}} whose lead (either documented lead model) is read by
 * {@link WorkspaceLeadReader}. The dedupe key is {@code sha256:<hex>} of the body: PollyBot sends no event id, and a
 * retried delivery repeats the same bytes. Thread-safe.
 */
public final class WorkspaceWebhookReader implements WebhookReader {

    /** The header carrying the signature. */
    public static final String SIGNATURE_HEADER = "X-Webhook-Signature";
    /** The signature's prefix. */
    public static final String SIGNATURE_PREFIX = "sha256=";

    private final String providerId;
    private final String connection;
    private final WebhookSecrets secrets;
    private final ErrorDetails details;
    private final WorkspaceLeadReader reader;

    /** A reader for the connection of {@code settings}, accepting {@code secrets}. */
    public WorkspaceWebhookReader(ProviderSettings settings, WebhookSecrets secrets) {
        this.providerId = settings.providerId();
        this.connection = settings.connection();
        this.secrets = secrets;
        this.details = settings.details();
        this.reader = new WorkspaceLeadReader(providerId, connection, settings.statuses(), settings.defaultRegion(),
                details, new AtomicBoolean());
    }

    /** The header value signing {@code body} with {@code secret}: {@code sha256=<hex>}. */
    public static String signature(byte[] body, String secret) {
        return SIGNATURE_PREFIX + WebhookSecrets.hmacSha256Hex(body,
                secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public String connection() {
        return connection;
    }

    @Override
    public WebhookEvent read(byte[] body, Map<String, String> headers, Map<String, String> query) {
        byte[] bytes = body == null ? new byte[0] : body;
        String signature = WebhookSecrets.header(headers, SIGNATURE_HEADER);
        if (signature == null || signature.isBlank()) {
            throw WebhookBodies.unauthenticated("the webhook has no " + SIGNATURE_HEADER + " header", details);
        }
        String trimmed = signature.trim();
        if (!trimmed.regionMatches(true, 0, SIGNATURE_PREFIX, 0, SIGNATURE_PREFIX.length())
                || !secrets.matchesHmacSha256(bytes, trimmed.substring(SIGNATURE_PREFIX.length()))) {
            throw WebhookBodies.unauthenticated("the webhook's " + SIGNATURE_HEADER
                    + " matches none of the connection's webhook secrets", details);
        }
        JsonNode envelope = WebhookBodies.object(bytes, details);
        JsonNode event = envelope.get("event");
        if (event == null || !event.isTextual() || event.asText().isBlank()) {
            throw WebhookBodies.unexpected("'event' is missing or not text", details, null);
        }
        String key = "sha256:" + WebhookSecrets.sha256Hex(bytes);
        JsonNode data = envelope.get("data");
        if (!"LEAD_CREATED".equals(event.asText())) {
            return new WebhookEvent(connection, providerId, key, event.asText(), false, Optional.empty(),
                    Optional.empty());
        }
        if (data == null || !data.isObject()) {
            throw WebhookBodies.unexpected("'data' of a LEAD_CREATED event is missing or not an object", details,
                    null);
        }
        Lead lead;
        try {
            lead = reader.read(data);
        } catch (MalformedResponseException e) {
            throw WebhookBodies.unexpected("the lead in 'data' cannot be read: " + e.getMessage(), details, e);
        }
        return new WebhookEvent(connection, providerId, key, event.asText(), false, Optional.of(lead),
                Optional.of(lead.nativeId()));
    }
}
