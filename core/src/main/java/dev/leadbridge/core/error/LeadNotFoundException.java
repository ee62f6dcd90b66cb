package dev.leadbridge.core.error;

/**
 * No lead with the given id (or identifiers) exists at the provider (HTTP 404).
 */
public class LeadNotFoundException extends LeadbridgeException {

    private static final long serialVersionUID = 1L;

    /** Creates the error. @param message what went wrong @param details where @param cause the cause, or null */
    public LeadNotFoundException(String message, ErrorDetails details, Throwable cause) {
        super(message, details, cause, Reason.NOT_FOUND);
    }

    /** Creates the error without a cause. @param message what went wrong @param details where */
    public LeadNotFoundException(String message, ErrorDetails details) {
        super(message, details, null, Reason.NOT_FOUND);
    }
}
