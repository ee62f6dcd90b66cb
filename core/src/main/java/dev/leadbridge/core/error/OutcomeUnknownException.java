package dev.leadbridge.core.error;

/**
 * A non-idempotent call (create, status change) failed after the request may have reached the provider, so whether
 * it took effect is unknown: the lead may have been created. It is never retried automatically; check (e.g. look
 * the lead up by email) before trying again, to avoid a duplicate.
 */
public class OutcomeUnknownException extends LeadbridgeException {

    private static final long serialVersionUID = 1L;

    /** Creates the error. @param message what @param details where @param cause the failure after sending */
    public OutcomeUnknownException(String message, ErrorDetails details, Throwable cause) {
        super(message, details, cause, Reason.OUTCOME_UNKNOWN);
    }
}
