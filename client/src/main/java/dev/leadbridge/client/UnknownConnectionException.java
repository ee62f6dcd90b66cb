package dev.leadbridge.client;

import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.InvalidRequestException;
import java.util.List;

/**
 * A connection name (given directly, or as the first part of a global id {@code <connection>:<nativeId>}) that the
 * client was not configured with. Raised before any request.
 */
public class UnknownConnectionException extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    private final String connectionName;

    /**
     * Creates the error.
     *
     * @param connectionName the name asked for
     * @param known          the configured names, listed in the message
     */
    public UnknownConnectionException(String connectionName, List<String> known) {
        super("unknown connection '" + connectionName + "'; configured connections: " + known,
                new ErrorDetails(null, connectionName, null, null, null));
        this.connectionName = connectionName;
    }

    /** The name that was asked for. */
    public String connectionName() {
        return connectionName;
    }
}
