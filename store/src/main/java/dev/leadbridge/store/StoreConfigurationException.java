package dev.leadbridge.store;

/**
 * The store URL cannot be right: not a JDBC URL of a supported database ({@code jdbc:sqlite:FILE} or
 * {@code jdbc:postgresql://HOST:PORT/DB}), or a malformed one. Raised before any connection is tried.
 */
public class StoreConfigurationException extends StoreException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message one line, never holding a password
     * @param cause   the underlying failure, or null
     */
    public StoreConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
