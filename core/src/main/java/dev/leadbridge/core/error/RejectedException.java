package dev.leadbridge.core.error;

/**
 * The provider understood the credentials but refused the call (HTTP 403), e.g. a lead rejected by the account's filtering rules.
 */
public class RejectedException extends LeadbridgeException {

    private static final long serialVersionUID = 1L;

    /** Creates the error. @param message what went wrong @param details where @param cause the cause, or null */
    public RejectedException(String message, ErrorDetails details, Throwable cause) {
        super(message, details, cause, Reason.REJECTED);
    }

    /** Creates the error without a cause. @param message what went wrong @param details where */
    public RejectedException(String message, ErrorDetails details) {
        super(message, details, null, Reason.REJECTED);
    }
}
