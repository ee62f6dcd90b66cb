package dev.leadbridge.core.error;

/**
 * The request conflicts with the provider's state (HTTP 409): a duplicate email, or several leads matching an
 * update's identifiers. {@link #existingLeadId()} names the lead already there when the provider says.
 */
public class ConflictException extends LeadbridgeException {

    private static final long serialVersionUID = 1L;

    private final String existingLeadId;

    /** Creates the error. @param message what @param details where @param existingLeadId the native id already there, or null */
    public ConflictException(String message, ErrorDetails details, String existingLeadId) {
        super(message, details, null, Reason.CONFLICT);
        this.existingLeadId = existingLeadId;
    }

    /** The native id of the lead that already exists, or null. */
    public String existingLeadId() {
        return existingLeadId;
    }
}
