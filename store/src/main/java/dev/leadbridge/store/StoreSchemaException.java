package dev.leadbridge.store;

/**
 * The store's schema cannot be used by this version of Leadbridge: it was migrated by a newer version (upgrade
 * Leadbridge), it is missing where it must exist (run {@code sync} first), or a migration failed. The schema is
 * left as it was.
 */
public class StoreSchemaException extends StoreException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message one line, never holding a password
     * @param cause   the underlying failure, or null
     */
    public StoreSchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
