package dev.leadbridge.core.error;

/**
 * The provider refused the credentials (HTTP 401): the API key is missing, wrong or revoked.
 */
public class AuthenticationException extends LeadbridgeException {

    private static final long serialVersionUID = 1L;

    /** Creates the error. @param message what went wrong @param details where @param cause the cause, or null */
    public AuthenticationException(String message, ErrorDetails details, Throwable cause) {
        super(message, details, cause, Reason.AUTHENTICATION);
    }

    /** Creates the error without a cause. @param message what went wrong @param details where */
    public AuthenticationException(String message, ErrorDetails details) {
        super(message, details, null, Reason.AUTHENTICATION);
    }
}
