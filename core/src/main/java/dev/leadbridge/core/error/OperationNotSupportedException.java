package dev.leadbridge.core.error;

/**
 * The provider does not offer the operation (e.g. listing Nexor leads) or cannot change a field; the message names provider and operation.
 */
public class OperationNotSupportedException extends LeadbridgeException {

    private static final long serialVersionUID = 1L;

    /** Creates the error. @param message what went wrong @param details where @param cause the cause, or null */
    public OperationNotSupportedException(String message, ErrorDetails details, Throwable cause) {
        super(message, details, cause, Reason.UNSUPPORTED);
    }

    /** Creates the error without a cause. @param message what went wrong @param details where */
    public OperationNotSupportedException(String message, ErrorDetails details) {
        super(message, details, null, Reason.UNSUPPORTED);
    }
}
