package dev.leadbridge.provider.workspace.internal;

import dev.leadbridge.core.RateLimitStatus;
import dev.leadbridge.core.http.HttpErrors;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Records the {@code X-RateLimit-*} headers of every response: the latest for the connection, and the one of the
 * calling thread's own last response (Feign decodes on the calling thread), so that a page carries the budget its
 * own response reported even when pages are fetched concurrently. Responses without those headers (e.g. a 401)
 * change nothing. Thread-safe.
 */
final class WorkspaceRateLimitTracker implements Consumer<Map<String, Collection<String>>> {

    private final AtomicReference<RateLimitStatus> last = new AtomicReference<>();
    private final ThreadLocal<RateLimitStatus> current = new ThreadLocal<>();

    @Override
    public void accept(Map<String, Collection<String>> headers) {
        RateLimitStatus status = HttpErrors.rateLimit(headers);
        if (status != null) {
            last.set(status);
            current.set(status);
        }
    }

    /** Forgets the calling thread's last status; call before a request whose status is wanted. */
    void begin() {
        current.remove();
    }

    /** The status the calling thread's last response reported since {@link #begin()}, or null; forgets it. */
    RateLimitStatus take() {
        RateLimitStatus status = current.get();
        current.remove();
        return status;
    }

    /** The status the connection's latest response reported. */
    Optional<RateLimitStatus> latest() {
        return Optional.ofNullable(last.get());
    }
}
