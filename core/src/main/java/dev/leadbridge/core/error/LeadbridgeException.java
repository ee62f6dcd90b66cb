package dev.leadbridge.core.error;

import java.util.Objects;

/**
 * The root of every error Leadbridge raises: unchecked, carrying provider, connection, HTTP status, provider error
 * code and request id where known ({@link #details()}), and a {@link Reason} saying what kind of failure it is, so
 * that code deciding what to do (the retry policy, the command line's exit codes) never parses a message. Messages
 * never contain a credential.
 */
public class LeadbridgeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * What kind of failure an error is. {@link #isTransient()} says whether the same call may succeed later; whether
     * a call is actually tried again also depends on what the call does (a create is never repeated blindly), which
     * the retry policy decides ({@code docs/resilience.md}).
     */
    public enum Reason {
        /** No answer within the connection's timeouts or the request's overall deadline (body included). */
        TIMEOUT(true),
        /** The connection failed or was reset after the request may have been sent. */
        CONNECTION(true),
        /** The connection could not be made: the request certainly was not sent. */
        CONNECT_FAILED(true),
        /** The provider answered HTTP 5xx (including a proxy's HTML error page). */
        SERVER_ERROR(true),
        /** The provider answered HTTP 429. */
        RATE_LIMITED(true),
        /** The connection's own rate limit or pacing would have needed too long a wait; nothing was sent. */
        LOCAL_RATE_LIMIT(true),
        /** The connection's circuit breaker is open; nothing was sent. */
        CIRCUIT_OPEN(true),
        /** The connection already has as many calls in flight as allowed; nothing was sent. */
        BULKHEAD_FULL(true),
        /** The calling thread was interrupted. */
        INTERRUPTED(false),
        /** A create or status change may or may not have taken effect. */
        OUTCOME_UNKNOWN(false),
        /** HTTP 404: no such lead. */
        NOT_FOUND(false),
        /** HTTP 401: the key was refused. */
        AUTHENTICATION(false),
        /** HTTP 403: the provider refused the call. */
        REJECTED(false),
        /** HTTP 409: the call conflicts with the provider's state. */
        CONFLICT(false),
        /** Another HTTP 4xx: the provider rejected the request as invalid. */
        INVALID_REQUEST(false),
        /** An id that cannot name a lead of this provider. */
        INVALID_ID(false),
        /** The provider's answer was not the documented JSON. */
        MALFORMED_RESPONSE(false),
        /** The provider does not offer the operation. */
        UNSUPPORTED(false),
        /** The connection's settings are not usable. */
        CONFIGURATION(false),
        /** The store's database cannot be used right now (unreachable, locked, read-only); nothing was changed. */
        STORE_UNAVAILABLE(true),
        /** Anything else. */
        OTHER(false);

        private final boolean transientFailure;

        Reason(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        /** Whether the same call may succeed when tried again later. */
        public boolean isTransient() {
            return transientFailure;
        }
    }

    private final transient ErrorDetails details;
    private final Reason reason;

    /**
     * Creates the error with reason {@link Reason#OTHER}.
     *
     * @param message what went wrong, in words a user can act on
     * @param details where it went wrong
     * @param cause   the underlying failure, or null
     */
    public LeadbridgeException(String message, ErrorDetails details, Throwable cause) {
        this(message, details, cause, Reason.OTHER);
    }

    /**
     * Creates the error.
     *
     * @param message what went wrong, in words a user can act on
     * @param details where it went wrong
     * @param cause   the underlying failure, or null
     * @param reason  what kind of failure it is
     */
    public LeadbridgeException(String message, ErrorDetails details, Throwable cause, Reason reason) {
        super(compose(message, details), cause);
        this.details = Objects.requireNonNullElse(details, ErrorDetails.NONE);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** What kind of failure this is. */
    public Reason reason() {
        return reason;
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

    /**
     * Whether trying the same idempotent call again later may succeed: {@code reason().isTransient()}. Whether a
     * call is retried is decided by the retry policy, from this and what the call does.
     */
    public final boolean isRetriable() {
        return reason.isTransient();
    }

    /** The message on one line ({@link SafeText}: echoed input escaped and shortened), then the details. */
    private static String compose(String message, ErrorDetails details) {
        String where = details == null ? "" : details.describe();
        String text = SafeText.message(message);
        return where.isEmpty() ? text : text + " [" + where + "]";
    }
}
