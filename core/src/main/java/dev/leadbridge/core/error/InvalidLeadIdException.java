package dev.leadbridge.core.error;

/**
 * A lead id that cannot be valid for the provider (wrong format, or characters that could change the request path). Raised before any request where possible.
 */
public class InvalidLeadIdException extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    /** Creates the error. @param message what went wrong @param details where @param cause the cause, or null */
    public InvalidLeadIdException(String message, ErrorDetails details, Throwable cause) {
        super(message, details, cause, Reason.INVALID_ID);
    }

    /** Creates the error without a cause. @param message what went wrong @param details where */
    public InvalidLeadIdException(String message, ErrorDetails details) {
        super(message, details, null, Reason.INVALID_ID);
    }
}
