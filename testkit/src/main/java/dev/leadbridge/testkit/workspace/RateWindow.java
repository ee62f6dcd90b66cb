package dev.leadbridge.testkit.workspace;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sliding-window request budget of each API key: at most {@code limit} counted requests whose
 * timestamps lie within the last {@code window}. A request refused with 429 is not counted. A counted
 * request expires exactly {@code window} after it was made. Thread-safe.
 */
final class RateWindow {

    private final int limit;
    private final Duration window;
    private final Map<String, ArrayDeque<Instant>> byKey = new HashMap<>();

    RateWindow(int limit, Duration window) {
        this.limit = limit;
        this.window = window;
    }

    int limit() {
        return limit;
    }

    Duration window() {
        return window;
    }

    /** Counts one request of {@code key} at {@code now} if the budget allows it, and says what happened. */
    synchronized Decision acquire(String key, Instant now) {
        ArrayDeque<Instant> stamps = byKey.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!stamps.isEmpty() && !stamps.peekFirst().plus(window).isAfter(now)) {
            stamps.pollFirst();
        }
        if (stamps.size() >= limit) {
            Instant expiry = stamps.peekFirst().plus(window);
            long retryAfter = Math.max(1, ceilSeconds(Duration.between(now, expiry)));
            return new Decision(false, limit, stamps.size(), 0, ceilEpochSeconds(expiry), retryAfter);
        }
        stamps.addLast(now);
        Instant expiry = stamps.peekFirst().plus(window);
        return new Decision(true, limit, stamps.size(), limit - stamps.size(), ceilEpochSeconds(expiry), 0);
    }

    /** Forgets every key's counted requests. */
    synchronized void reset() {
        byKey.clear();
    }

    private static long ceilEpochSeconds(Instant instant) {
        return instant.getEpochSecond() + (instant.getNano() > 0 ? 1 : 0);
    }

    private static long ceilSeconds(Duration duration) {
        return duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
    }

    /**
     * The outcome of one {@link #acquire} call.
     *
     * @param allowed           whether the request may proceed (and was counted)
     * @param limit             the budget per window
     * @param used              counted requests in the window, this one included when allowed
     * @param remaining         requests still allowed in the window
     * @param resetEpochSeconds Unix seconds (rounded up) when the oldest counted request expires
     * @param retryAfterSeconds seconds until a slot frees up, when refused; 0 otherwise
     */
    record Decision(boolean allowed, int limit, int used, int remaining, long resetEpochSeconds,
                    long retryAfterSeconds) {

        /** The X-RateLimit-* headers describing this outcome. */
        Map<String, String> headers() {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("X-RateLimit-Limit", Integer.toString(limit));
            headers.put("X-RateLimit-Remaining", Integer.toString(remaining));
            headers.put("X-RateLimit-Reset", Long.toString(resetEpochSeconds));
            headers.put("X-RateLimit-Used", Integer.toString(used));
            return headers;
        }
    }
}
