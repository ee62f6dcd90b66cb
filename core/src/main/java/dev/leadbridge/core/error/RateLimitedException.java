package dev.leadbridge.core.error;

import java.time.Duration;

/**
 * The provider (HTTP 429), or the connection's own rate limiter, refused the call for now. {@link #retryAfter()} is
 * how long the provider asked to wait, when it said. Its reason is {@link Reason#RATE_LIMITED} when the provider
 * answered (the details carry the HTTP status), else {@link Reason#LOCAL_RATE_LIMIT}.
 */
public class RateLimitedException extends LeadbridgeException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /** Creates the error. @param message what @param details where @param retryAfter the requested wait, or null */
    public RateLimitedException(String message, ErrorDetails details, Duration retryAfter) {
        this(message, details, retryAfter, null);
    }

    /**
     * Creates the error with a cause.
     *
     * @param message what went wrong @param details where @param retryAfter the requested wait, or null
     * @param cause   the underlying refusal (e.g. the provider's 429), or null
     */
    public RateLimitedException(String message, ErrorDetails details, Duration retryAfter, Throwable cause) {
        super(message, details, cause, details != null && details.httpStatus() != null ? Reason.RATE_LIMITED
                : Reason.LOCAL_RATE_LIMIT);
        this.retryAfter = retryAfter;
    }

    /** How long the provider asked to wait before the next call, or null when it did not say. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
