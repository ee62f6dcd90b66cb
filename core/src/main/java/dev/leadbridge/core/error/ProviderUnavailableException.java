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
        super(message, details, cause);
        this.requestMayHaveReachedServer = requestMayHaveReachedServer;
    }

    /** Whether the server may have received (and acted on) the request. */
    public boolean requestMayHaveReachedServer() {
        return requestMayHaveReachedServer;
    }

    @Override
    public boolean isRetriable() {
        return true;
    }
}
