package dev.leadbridge.core.error;

import java.util.Objects;

/**
 * The root of every error Leadbridge raises: unchecked, carrying provider, connection, HTTP status, provider error
 * code and request id where known ({@link #details()}). Messages never contain a credential.
 */
public class LeadbridgeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ErrorDetails details;

    /**
     * Creates the error.
     *
     * @param message what went wrong, in words a user can act on
     * @param details where it went wrong
     * @param cause   the underlying failure, or null
     */
    public LeadbridgeException(String message, ErrorDetails details, Throwable cause) {
        super(compose(message, details), cause);
        this.details = Objects.requireNonNullElse(details, ErrorDetails.NONE);
    }

    /** Where the call failed. */
    public ErrorDetails details() {
        return details;
    }

    /** The provider id, or null. */
    public String provider() {
        return details.provider();
    }

    /** The connection name, or null. */
    public String connection() {
        return details.connection();
    }

    /** The HTTP status, or null. */
    public Integer httpStatus() {
        return details.httpStatus();
    }

    /** The provider's error code, or null. */
    public String providerCode() {
        return details.providerCode();
    }

    /** The provider's request id, or null. */
    public String requestId() {
        return details.requestId();
    }

    /** Whether trying the same idempotent call again later may succeed. */
    public boolean isRetriable() {
        return false;
    }

    /** The message on one line ({@link SafeText}: echoed input escaped and shortened), then the details. */
    private static String compose(String message, ErrorDetails details) {
        String where = details == null ? "" : details.describe();
        String text = SafeText.message(message);
        return where.isEmpty() ? text : text + " [" + where + "]";
    }
}
