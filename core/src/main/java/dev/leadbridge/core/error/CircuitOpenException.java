package dev.leadbridge.core.error;

import java.time.Duration;

/**
 * The connection's circuit breaker is open after sustained provider failures, so the call failed fast without being
 * sent. The message and {@link #connection()} name the connection; {@link #requestMayHaveReachedServer()} is always
 * false, so even a create may be tried again once the breaker lets calls through.
 */
public class CircuitOpenException extends ProviderUnavailableException {

    private static final long serialVersionUID = 1L;

    private final Duration openDuration;

    /**
     * Creates the error.
     *
     * @param message      what went wrong, naming the connection
     * @param details      provider and connection
     * @param cause        the circuit breaker's own refusal, or null
     * @param openDuration how long the breaker stays open before it lets probe calls through, or null
     */
    public CircuitOpenException(String message, ErrorDetails details, Throwable cause, Duration openDuration) {
        super(message, details, cause, false, Reason.CIRCUIT_OPEN);
        this.openDuration = openDuration;
    }

    /** How long the breaker stays open before it lets probe calls through, or null when unknown. */
    public Duration openDuration() {
        return openDuration;
    }
}
