package dev.leadbridge.provider.nexor.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbridge.core.http.HttpErrors;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Nexor's two documented error bodies: the flat {@code {"error","message"}} of authentication failures and the
 * {@code {"success":false,"error",...}} envelope of the other endpoints (optionally with {@code message},
 * {@code code} and {@code details:[{field,message}]}). Any other body is undocumented, which {@link HttpErrors} turns
 * into a malformed-response error for statuses that have no type of their own.
 */
final class NexorErrors {

    private static final int MAX_MESSAGE = 500;

    private NexorErrors() {
    }

    /** What the error body says; {@link HttpErrors.ErrorBody#undocumented()} for any other shape. */
    static HttpErrors.ErrorBody read(JsonNode json) {
        if (json == null || !json.isObject()) {
            return HttpErrors.ErrorBody.undocumented();
        }
        JsonNode success = json.get("success");
        boolean envelope = success != null && success.isBoolean() && !success.booleanValue();
        boolean flat = success == null && json.path("error").isTextual();
        if (!envelope && !flat) {
            return HttpErrors.ErrorBody.undocumented();
        }
        return new HttpErrors.ErrorBody(true, text(json.get("code")), message(json), requestId(json), null);
    }

    /** The error text of a body or of one bulk item: {@code error}, {@code message} and {@code details} joined. */
    static String message(JsonNode json) {
        List<String> parts = new ArrayList<>();
        JsonNode error = json.get("error");
        if (error != null && error.isObject()) {
            addIfPresent(parts, text(error.get("message")));
            addIfPresent(parts, text(error.get("code")));
        } else {
            addIfPresent(parts, text(error));
        }
        String message = text(json.get("message"));
        if (message != null && !parts.contains(message)) {
            parts.add(message);
        }
        JsonNode details = json.get("details");
        if (details != null && details.isArray()) {
            List<String> each = new ArrayList<>();
            for (JsonNode detail : details) {
                if (detail.isObject()) {
                    String field = text(detail.get("field"));
                    String says = text(detail.get("message"));
                    if (says != null) {
                        each.add(field == null ? says : field + ": " + says);
                    }
                } else if (text(detail) != null) {
                    each.add(text(detail));
                }
            }
            if (!each.isEmpty()) {
                parts.add("(" + String.join("; ", each) + ")");
            }
        } else if (details != null && details.isObject()) {
            List<String> each = new ArrayList<>();
            details.fields().forEachRemaining(e -> {
                List<String> values = new ArrayList<>();
                if (e.getValue().isArray()) {
                    e.getValue().forEach(v -> addIfPresent(values, text(v)));
                } else {
                    addIfPresent(values, text(e.getValue()));
                }
                if (!values.isEmpty()) {
                    each.add(e.getKey() + ": " + String.join(", ", values));
                }
            });
            if (!each.isEmpty()) {
                parts.add("(" + String.join("; ", each) + ")");
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        String joined = String.join(" ", parts);
        return joined.length() > MAX_MESSAGE ? joined.substring(0, MAX_MESSAGE) + "..." : joined;
    }

    private static String requestId(JsonNode json) {
        String id = text(json.get("request_id"));
        return id != null ? id : text(json.get("requestId"));
    }

    private static void addIfPresent(List<String> parts, String text) {
        if (text != null) {
            parts.add(text);
        }
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        String text = node.asText();
        return text.isBlank() ? null : text;
    }
}
