package dev.leadbridge.store;

/**
 * The database cannot be used as a store right now: the server is unreachable or refuses the login, the SQLite file
 * or its directory is missing, the file is read-only or locked by another process. Trying again after fixing the
 * cause may succeed; nothing was changed.
 */
public class StoreUnavailableException extends StoreException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message one line, never holding a password
     * @param cause   the underlying failure, or null
     */
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause, Reason.STORE_UNAVAILABLE);
    }
}
