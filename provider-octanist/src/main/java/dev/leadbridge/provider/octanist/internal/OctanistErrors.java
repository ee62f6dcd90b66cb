package dev.leadbridge.provider.octanist.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbridge.core.http.HttpErrors;

/**
 * Reads Octanist's error bodies for {@link HttpErrors}, which turns the status into a typed error. Internal.
 */
final class OctanistErrors {

    private OctanistErrors() {
    }

    /**
     * Reads an error body: the envelope {@code {success:false, error:{code, message}, meta:{requestId}}} or the legacy
     * flat {@code {"error":"message"}}; anything else is undocumented.
     */
    static HttpErrors.ErrorBody read(JsonNode body) {
        if (body == null || !body.isObject()) {
            return HttpErrors.ErrorBody.undocumented();
        }
        JsonNode error = body.get("error");
        if (error != null && error.isObject()) {
            String code = text(error.get("code"));
            String message = text(error.get("message"));
            if (code == null && message == null) {
                return HttpErrors.ErrorBody.undocumented();
            }
            return new HttpErrors.ErrorBody(true, code, message, text(body.path("meta").get("requestId")), null);
        }
        if (error != null && error.isTextual()) {
            return new HttpErrors.ErrorBody(true, null, error.asText(), text(body.path("meta").get("requestId")),
                    null);
        }
        return HttpErrors.ErrorBody.undocumented();
    }

    private static String text(JsonNode node) {
        return node != null && node.isValueNode() && !node.isNull() ? node.asText() : null;
    }
}
