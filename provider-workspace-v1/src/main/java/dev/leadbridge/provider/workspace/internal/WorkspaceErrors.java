package dev.leadbridge.provider.workspace.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbridge.core.http.HttpErrors;
import java.util.function.Function;

/**
 * Reads the workspace-v1 error body {@code {"success":false,"error","code","details","timestamp","requestId"}}.
 * The body counts as documented when it is an object with a text {@code code} or {@code error}; for a
 * {@code DUPLICATE_EMAIL} conflict, {@code details.existingLeadId} names the lead already there.
 */
final class WorkspaceErrors implements Function<JsonNode, HttpErrors.ErrorBody> {

    @Override
    public HttpErrors.ErrorBody apply(JsonNode json) {
        if (json == null || !json.isObject()) {
            return HttpErrors.ErrorBody.undocumented();
        }
        String code = text(json.get("code"));
        String message = text(json.get("error"));
        if (code == null && message == null) {
            return HttpErrors.ErrorBody.undocumented();
        }
        JsonNode details = json.get("details");
        String existing = details != null && details.isObject() ? text(details.get("existingLeadId")) : null;
        String detail = details != null && details.isObject() ? text(details.get("message")) : null;
        if (detail != null && message != null && !message.contains(detail)) {
            message = message + " (" + detail + ")";
        }
        return new HttpErrors.ErrorBody(true, code, message, text(json.get("requestId")), existing);
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }
}
