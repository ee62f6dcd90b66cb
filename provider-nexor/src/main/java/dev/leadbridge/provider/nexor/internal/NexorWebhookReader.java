package dev.leadbridge.provider.nexor.internal;

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

/**
 * Verifies and reads Nexor's webhook deliveries. Nexor's signature scheme is not documented, so the URL configured
 * at Nexor carries the secret as {@code ?token=<secret>}, compared in constant time with each of the connection's
 * secrets. The envelope is {@code {"event_type","event_id","webhook_id","delivery_id","timestamp","client_id","test",
 * "data"}}; the dedupe key is {@code event_id}. For lead events ({@code workflow_run.*}, {@code lead.*}) a lead in
 * {@code data} or {@code data.lead} is read by {@link NexorLeadReader} (both documented shapes); an event naming only
 * a lead id ({@code data.lead_id}, {@code data.leadId}, {@code data.lead.id}) gives that id; {@code meeting.*} and
 * unknown events give an event without a lead. Thread-safe.
 */
public final class NexorWebhookReader implements WebhookReader {

    /** The query parameter carrying the secret. */
    public static final String TOKEN_PARAMETER = "token";

    private final String providerId;
    private final String connection;
    private final WebhookSecrets secrets;
    private final ErrorDetails details;
    private final NexorLeadReader reader;

    /** A reader for the connection of {@code settings}, accepting {@code secrets}. */
    public NexorWebhookReader(ProviderSettings settings, WebhookSecrets secrets) {
        this.providerId = settings.providerId();
        this.connection = settings.connection();
        this.secrets = secrets;
        this.details = settings.details();
        this.reader = new NexorLeadReader(connection, providerId, settings.defaultRegion(),
                new NexorReadContext(details, settings.statuses()));
    }

    @Override
    public String connection() {
        return connection;
    }

    @Override
    public WebhookEvent read(byte[] body, Map<String, String> headers, Map<String, String> query) {
        String token = query == null ? null : query.get(TOKEN_PARAMETER);
        if (token == null || token.isEmpty()) {
            throw WebhookBodies.unauthenticated("the webhook URL has no '" + TOKEN_PARAMETER + "' parameter", details);
        }
        if (!secrets.matchesToken(token)) {
            throw WebhookBodies.unauthenticated("the webhook URL's '" + TOKEN_PARAMETER
                    + "' matches none of the connection's webhook secrets", details);
        }
        JsonNode envelope = WebhookBodies.object(body, details);
        String type = text(envelope, "event_type");
        String eventId = text(envelope, "event_id");
        JsonNode test = envelope.get("test");
        if (test != null && !test.isNull() && !test.isBoolean()) {
            throw WebhookBodies.unexpected("'test' is not true or false", details, null);
        }
        boolean isTest = test != null && test.asBoolean(false);
        JsonNode data = envelope.get("data");
        if (data != null && !data.isNull() && !data.isObject()) {
            throw WebhookBodies.unexpected("'data' is not an object", details, null);
        }
        if (isTest || data == null || data.isNull() || !isLeadEvent(type)) {
            return event(eventId, type, isTest, Optional.empty(), Optional.empty());
        }
        JsonNode lead = data.get("lead");
        if (lead != null && !lead.isNull() && !lead.isObject()) {
            throw WebhookBodies.unexpected("'data.lead' is not an object", details, null);
        }
        boolean carriesLead = lead != null && !lead.isNull() ? lead.size() > 1 || !lead.has("id") : data.has("id");
        if (carriesLead) {
            try {
                Lead read = reader.readAnswer(data);
                return event(eventId, type, false, Optional.of(read), Optional.of(read.nativeId()));
            } catch (MalformedResponseException e) {
                throw WebhookBodies.unexpected("the lead in 'data' cannot be read: " + e.getMessage(), details, e);
            }
        }
        String id = firstId(data.get("lead_id"), data.get("leadId"), lead == null ? null : lead.get("id"));
        return event(eventId, type, false, Optional.empty(), Optional.ofNullable(id));
    }

    private WebhookEvent event(String eventId, String type, boolean test, Optional<Lead> lead, Optional<String> id) {
        return new WebhookEvent(connection, providerId, eventId, type, test, lead, id);
    }

    private static boolean isLeadEvent(String type) {
        return type.startsWith("workflow_run.") || type.startsWith("lead.");
    }

    private String firstId(JsonNode... candidates) {
        for (JsonNode c : candidates) {
            if (c == null || c.isNull()) {
                continue;
            }
            if (!(c.isTextual() || c.isIntegralNumber()) || c.asText().isBlank()) {
                throw WebhookBodies.unexpected("a lead id in 'data' is not text", details, null);
            }
            return c.asText();
        }
        return null;
    }

    private String text(JsonNode envelope, String field) {
        JsonNode value = envelope.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw WebhookBodies.unexpected("'" + field + "' is missing or not text", details, null);
        }
        return value.asText();
    }
}
