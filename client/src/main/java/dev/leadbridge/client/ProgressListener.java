package dev.leadbridge.client;

/**
 * Callbacks on the progress of an aggregation, for progress bars and logs. Methods are called from the fetching
 * threads, possibly concurrently for different connections (for one connection, in page order), so implementations
 * must be thread-safe and quick; an exception thrown by a callback is ignored.
 */
public interface ProgressListener {

    /**
     * A page of {@code connection} was fetched and handed to the merge.
     *
     * @param connection the connection name
     * @param page       how many pages of this connection were fetched so far (1-based)
     * @param totalPages the number of pages the provider reports, or null when it does not say
     * @param leadsSoFar the leads of this connection fetched so far, this page included
     */
    default void pageFetched(String connection, int page, Integer totalPages, long leadsSoFar) {
    }

    /** A connection finished: all its leads were fetched, it failed, or it was skipped. */
    default void connectionFinished(ConnectionOutcome outcome) {
    }
}
