package dev.leadbridge.core.error;

/**
 * The provider answered with a body that is not the documented JSON: an HTML error page, an empty or truncated body, or values of the wrong type. The HTTP status is kept.
 */
public class MalformedResponseException extends LeadbridgeException {

    private static final long serialVersionUID = 1L;

    /** Creates the error. @param message what went wrong @param details where @param cause the cause, or null */
    public MalformedResponseException(String message, ErrorDetails details, Throwable cause) {
        super(message, details, cause, Reason.MALFORMED_RESPONSE);
    }

    /** Creates the error without a cause. @param message what went wrong @param details where */
    public MalformedResponseException(String message, ErrorDetails details) {
        super(message, details, null, Reason.MALFORMED_RESPONSE);
    }
}
