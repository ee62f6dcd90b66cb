package dev.leadbridge.core.error;

/**
 * The provider could not answer: HTTP 5xx, an I/O error or a timeout. {@link #requestMayHaveReachedServer()} tells
 * whether the request may have been processed (false only when it certainly never left, e.g. connection refused),
 * which decides whether a non-idempotent call may be retried.
 */
public class ProviderUnavailableException extends LeadbridgeException {

    private static final long serialVersionUID = 1L;

    private final boolean requestMayHaveReachedServer;

    /**
     * Creates the error.
     *
     * @param message                     what went wrong
     * @param details                     where
     * @param cause                       the underlying failure, or null
     * @param requestMayHaveReachedServer false only when the request certainly was not sent
     */
    public ProviderUnavailableException(String message, ErrorDetails details, Throwable cause,
                                        boolean requestMayHaveReachedServer) {
        this(message, details, cause, requestMayHaveReachedServer,
                details != null && details.httpStatus() != null && details.httpStatus() >= 500 ? Reason.SERVER_ERROR
                        : requestMayHaveReachedServer ? Reason.CONNECTION : Reason.CONNECT_FAILED);
    }

    /**
     * Creates the error with an explicit reason.
     *
     * @param message                     what went wrong
     * @param details                     where
     * @param cause                       the underlying failure, or null
     * @param requestMayHaveReachedServer false only when the request certainly was not sent
     * @param reason                      what kind of failure, e.g. {@link Reason#TIMEOUT}
     */
    public ProviderUnavailableException(String message, ErrorDetails details, Throwable cause,
                                        boolean requestMayHaveReachedServer, Reason reason) {
        super(message, details, cause, reason);
        this.requestMayHaveReachedServer = requestMayHaveReachedServer;
    }

    /** Whether the server may have received (and acted on) the request. */
    public boolean requestMayHaveReachedServer() {
        return requestMayHaveReachedServer;
    }
}
