package dev.leadbridge.client;

import dev.leadbridge.core.Lead;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A running aggregation: one merged, lazy stream of the leads of many connections, plus how each connection went.
 * Fetching starts when the result is created and runs ahead of the consumer only by a bounded number of pages per
 * connection, so memory never grows with the size of the result. Close it (or the stream) to stop early; closing
 * cancels every fetch still running. Not for use by several consuming threads at once.
 */
public interface AggregateResult extends AutoCloseable {

    /**
     * The merged leads, in the query's sort order across all connections (ties broken by global id); with an empty
     * sort, in the order pages arrive, with no ordering promise. May be called once. In fail-fast mode, consuming it
     * throws the first connection's typed {@link dev.leadbridge.core.error.LeadbridgeException}; otherwise a failing
     * connection only ends its own part of the stream. Closing the stream closes this result.
     *
     * @throws IllegalStateException when called a second time
     */
    Stream<Lead> leads();

    /**
     * The outcome of every connection that has finished, in connection order. Complete (one entry per chosen
     * connection) once {@link #leads()} is exhausted; connections still running when the result was closed early
     * have no entry. Unmodifiable snapshot.
     */
    Map<String, ConnectionOutcome> outcomes();

    /** Whether any finished connection failed. */
    default boolean anyFailed() {
        return outcomes().values().stream().anyMatch(ConnectionOutcome::failed);
    }

    /** Stops every fetch still running and releases the buffered pages. Idempotent. */
    @Override
    void close();
}
