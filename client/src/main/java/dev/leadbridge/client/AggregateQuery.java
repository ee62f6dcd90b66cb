package dev.leadbridge.client;

import dev.leadbridge.core.LeadQuery;
import java.util.List;
import java.util.Objects;

/**
 * What to aggregate: one canonical query run on every chosen connection. Immutable; start with {@link #of(LeadQuery)}.
 *
 * @param query       the filters, sort, page size and projection, applied identically on every connection; an empty
 *                    sort means no ordering promise (leads interleave as they arrive)
 * @param connections the connection names to read, in the order outcomes are reported; empty means all
 * @param failFast    true to stop everything at the first failing connection and throw its typed error; false (the
 *                    default) to deliver the healthy connections' leads and report the failure in
 *                    {@link AggregateResult#outcomes()}. The client's own {@code failFast} setting also turns it on.
 * @param progress    progress callbacks, or null
 */
public record AggregateQuery(LeadQuery query, List<String> connections, boolean failFast, ProgressListener progress) {

    /** Checks and copies. */
    public AggregateQuery {
        Objects.requireNonNull(query, "query");
        connections = connections == null ? List.of() : List.copyOf(connections);
    }

    /** The query on all connections, partial-failure mode, no progress listener. */
    public static AggregateQuery of(LeadQuery query) {
        return new AggregateQuery(query, List.of(), false, null);
    }

    /** Every lead of all connections, in no particular order. */
    public static AggregateQuery all() {
        return of(LeadQuery.ALL);
    }

    /** A copy reading only these connections (empty for all). */
    public AggregateQuery withConnections(List<String> names) {
        return new AggregateQuery(query, names, failFast, progress);
    }

    /** A copy reading only these connections. */
    public AggregateQuery withConnections(String... names) {
        return withConnections(List.of(names));
    }

    /** A copy with fail-fast switched on or off. */
    public AggregateQuery withFailFast(boolean failFast) {
        return new AggregateQuery(query, connections, failFast, progress);
    }

    /** A copy reporting progress to {@code listener} (null for none). */
    public AggregateQuery withProgress(ProgressListener listener) {
        return new AggregateQuery(query, connections, failFast, listener);
    }
}
