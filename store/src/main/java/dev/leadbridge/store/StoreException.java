package dev.leadbridge.store;

import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.LeadbridgeException;

/**
 * A failure of the store: the database could not be read or written while the store was in use (for example
 * PostgreSQL went down mid-sync). The message is one line naming the store by its URL with any password removed;
 * what was committed before the failure stays committed and consistent. Subclasses tell apart a URL that cannot be
 * right ({@link StoreConfigurationException}), a database that cannot be opened or written
 * ({@link StoreUnavailableException}) and a schema this version cannot use ({@link StoreSchemaException}).
 */
public class StoreException extends LeadbridgeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message one line, never holding a password
     * @param cause   the underlying failure, or null
     */
    public StoreException(String message, Throwable cause) {
        super(message, ErrorDetails.NONE, cause);
    }

    /**
     * Creates the error with the reason that decides whether trying again may help.
     *
     * @param message one line, never holding a password
     * @param cause   the underlying failure, or null
     * @param reason  why it failed
     */
    protected StoreException(String message, Throwable cause, Reason reason) {
        super(message, ErrorDetails.NONE, cause, reason);
    }
}
