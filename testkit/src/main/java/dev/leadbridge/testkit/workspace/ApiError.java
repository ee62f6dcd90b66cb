package dev.leadbridge.testkit.workspace;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error answer of the simulated API, thrown inside request handling and turned into the documented
 * error body {@code {"success":false,"error","code","details","timestamp","requestId"}}. Auth errors are
 * "bare": their body carries only {@code success}, {@code error} and {@code code}, exactly as documented.
 */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient ObjectNode details;
    private final boolean bare;
    private final String allow;

    ApiError(int status, String code, String message, ObjectNode details) {
        this(status, code, message, details, false, null);
    }

    private ApiError(int status, String code, String message, ObjectNode details, boolean bare, String allow) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details;
        this.bare = bare;
        this.allow = allow;
    }

    /** A 401 whose body has only success, error and code. */
    static ApiError auth(String code, String message) {
        return new ApiError(401, code, message, null, true, null);
    }

    /** A 405 that names the allowed methods for the {@code Allow} header. */
    static ApiError methodNotAllowed(ObjectNode details, String allow) {
        return new ApiError(405, "METHOD_NOT_ALLOWED", "Method not allowed", details, false, allow);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    ObjectNode details() {
        return details;
    }

    boolean bare() {
        return bare;
    }

    /** The allowed methods of a 405, else null. */
    String allow() {
        return allow;
    }
}
