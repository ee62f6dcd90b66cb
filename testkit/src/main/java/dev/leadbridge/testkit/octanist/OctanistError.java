package dev.leadbridge.testkit.octanist;

import java.util.Map;

/**
 * An API error the simulator answers with; rendered as the current envelope or the legacy flat body.
 * Thrown inside request handling only, never out of the simulator.
 */
final class OctanistError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient Map<String, Object> details;

    OctanistError(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    OctanistError(int status, String code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = Map.copyOf(details);
    }

    static OctanistError validation(String message) {
        return new OctanistError(400, "VALIDATION_ERROR", message);
    }

    static OctanistError validation(String message, String field) {
        return new OctanistError(400, "VALIDATION_ERROR", message, Map.of("field", field));
    }

    static OctanistError invalidFilter(String message, String parameter) {
        return new OctanistError(400, "INVALID_FILTER", message, Map.of("parameter", parameter));
    }

    static OctanistError invalidDate(String parameter, String value) {
        return new OctanistError(400, "INVALID_DATE",
                "Invalid date for " + parameter + ": '" + value + "' (expected ISO 8601)",
                Map.of("parameter", parameter));
    }

    static OctanistError notFound(String message) {
        return new OctanistError(404, "NOT_FOUND", message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Map<String, Object> details() {
        return details;
    }
}
