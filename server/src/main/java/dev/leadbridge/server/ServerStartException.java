package dev.leadbridge.server;

import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.LeadbridgeException;

/**
 * The server could not start: its address cannot be bound (in use, not a local address, no permission). The
 * message names the address and the cause, never a secret.
 */
public class ServerStartException extends LeadbridgeException {

    private static final long serialVersionUID = 1L;

    /** A start failure with its cause. */
    public ServerStartException(String message, Throwable cause) {
        super(message, ErrorDetails.NONE, cause);
    }
}
