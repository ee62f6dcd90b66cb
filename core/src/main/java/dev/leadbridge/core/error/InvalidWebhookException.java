package dev.leadbridge.core.error;

import java.util.Objects;

/**
 * A webhook delivery that cannot be accepted: its signature or token is missing or wrong, its body is not JSON, or
 * it is JSON but not the provider's documented envelope. {@link #problem()} tells these apart, so that a receiver can
 * answer each as it should (401, 400, and a recorded failure). The message names what is wrong and never shows a
 * secret, a signature or a token.
 */
public class InvalidWebhookException extends LeadbridgeException {

    private static final long serialVersionUID = 1L;

    /** What is wrong with a delivery. */
    public enum Problem {
        /** The signature or token is missing or matches none of the connection's secrets: nothing may be stored. */
        UNAUTHENTICATED,
        /** The body is not JSON (or not a JSON object). */
        MALFORMED,
        /** The body is JSON but not the documented envelope (a field missing or of the wrong type). */
        UNEXPECTED_CONTENT
    }

    private final Problem problem;

    /**
     * Creates the error.
     *
     * @param problem what is wrong
     * @param message one line naming the reason, never a secret
     * @param details the provider and connection
     * @param cause   the underlying failure, or null
     */
    public InvalidWebhookException(Problem problem, String message, ErrorDetails details, Throwable cause) {
        super(message, details, cause, problem == Problem.UNAUTHENTICATED ? Reason.AUTHENTICATION
                : Reason.INVALID_REQUEST);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** What is wrong with the delivery. */
    public Problem problem() {
        return problem;
    }
}
