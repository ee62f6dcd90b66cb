package dev.leadbridge.core.error;

/**
 * The provider, or Leadbridge before sending, rejected the request as invalid (HTTP 400/422); {@link #providerCode()} holds the provider's code, such as {@code INVALID_FILTER}, {@code INVALID_DATE} or {@code VALIDATION_ERROR}.
 */
public class InvalidRequestException extends LeadbridgeException {

    private static final long serialVersionUID = 1L;

    /** Creates the error. @param message what went wrong @param details where @param cause the cause, or null */
    public InvalidRequestException(String message, ErrorDetails details, Throwable cause) {
        super(message, details, cause, Reason.INVALID_REQUEST);
    }

    /** Creates the error without a cause. @param message what went wrong @param details where */
    public InvalidRequestException(String message, ErrorDetails details) {
        super(message, details, null, Reason.INVALID_REQUEST);
    }

    /**
     * Creates the error with the reason of a subtype.
     *
     * @param message what went wrong @param details where @param cause the cause, or null @param reason the kind
     */
    protected InvalidRequestException(String message, ErrorDetails details, Throwable cause, Reason reason) {
        super(message, details, cause, reason);
    }
}
