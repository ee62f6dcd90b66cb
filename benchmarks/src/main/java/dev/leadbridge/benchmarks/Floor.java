package dev.leadbridge.benchmarks;

import java.time.Duration;

/**
 * The floor of an export: the round trips on its critical path times the latency of one round trip, with no time
 * spent computing. One connection's listing needs its first page before it knows how many pages there are; after
 * that, the remaining {@code pages - 1} pages go out {@code concurrency} at a time, so the critical path is
 * {@code 1 + ceil((pages - 1) / concurrency)} round trips. Connections are listed in parallel, so an export of several
 * connections is as long as its longest connection.
 */
public final class Floor {

    private Floor() {
    }

    /** Pages needed for {@code leads} leads at {@code pageSize} per page; at least one (an empty listing is one page). */
    public static int pages(long leads, int pageSize) {
        if (leads < 0 || pageSize < 1) {
            throw new IllegalArgumentException("leads must be >= 0 and pageSize >= 1, were " + leads + ", " + pageSize);
        }
        return (int) Math.max(1, (leads + pageSize - 1) / pageSize);
    }

    /** Round trips on one connection's critical path: the first page, then the rest {@code concurrency} at a time. */
    public static int criticalPathRoundTrips(int pages, int concurrency) {
        if (pages < 1 || concurrency < 1) {
            throw new IllegalArgumentException("pages and concurrency must be >= 1, were " + pages + ", " + concurrency);
        }
        return 1 + (pages - 1 + concurrency - 1) / concurrency;
    }

    /** The floor of one connection (and so of parallel connections of equal size). */
    public static Duration floor(long leadsPerConnection, int pageSize, int concurrency, Duration latency) {
        return latency.multipliedBy(criticalPathRoundTrips(pages(leadsPerConnection, pageSize), concurrency));
    }
}
