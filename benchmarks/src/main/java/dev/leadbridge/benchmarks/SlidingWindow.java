package dev.leadbridge.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Counts requests per sliding window the way a provider's sliding-window limiter does: a request made at {@code t}
 * counts until {@code t + window} (exclusive), so the load at any instant is the number of requests in
 * {@code (now - window, now]}.
 */
public final class SlidingWindow {

    private SlidingWindow() {
    }

    /** The most requests that any window of length {@code window} held. */
    public static int maxInWindow(Collection<Instant> requests, Duration window) {
        List<Instant> sorted = new ArrayList<>(requests);
        sorted.sort(null);
        int max = 0;
        int first = 0;
        for (int last = 0; last < sorted.size(); last++) {
            Instant now = sorted.get(last);
            while (!sorted.get(first).plus(window).isAfter(now)) {
                first++;
            }
            max = Math.max(max, last - first + 1);
        }
        return max;
    }
}
