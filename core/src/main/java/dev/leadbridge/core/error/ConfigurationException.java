package dev.leadbridge.core.error;

/**
 * A connection's configuration is wrong: an unknown key, a missing environment variable, an insecure base URL, an unknown provider.
 */
public class ConfigurationException extends LeadbridgeException {

    private static final long serialVersionUID = 1L;

    /** Creates the error. @param message what went wrong @param details where @param cause the cause, or null */
    public ConfigurationException(String message, ErrorDetails details, Throwable cause) {
        super(message, details, cause, Reason.CONFIGURATION);
    }

    /** Creates the error without a cause. @param message what went wrong @param details where */
    public ConfigurationException(String message, ErrorDetails details) {
        super(message, details, null, Reason.CONFIGURATION);
    }
}
