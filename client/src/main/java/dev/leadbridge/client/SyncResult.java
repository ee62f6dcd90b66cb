package dev.leadbridge.client;

import dev.leadbridge.client.internal.SyncRun;
import dev.leadbridge.core.Lead;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One incremental sync of one connection: the leads created or updated since a checkpoint, fetched lazily as they
 * are iterated (memory stays bounded whatever their number), and the checkpoint to persist.
 *
 * <pre>{@code
 * try (SyncResult sync = client.changesSince("acme", SyncCheckpoint.parse(saved), LeadQuery.ALL)) {
 *     for (Lead lead : sync.leads()) {
 *         process(lead);
 *         store.save(sync.next().asString());   // or every n leads, or once at the end
 *     }
 *     store.save(sync.next().asString());
 * }
 * }</pre>
 *
 * <p>{@link #next()} is the checkpoint past every lead the iteration has returned so far, so a run that crashes and
 * resumes from the last persisted checkpoint repeats at most the leads processed since it was saved, and never skips
 * one. Persist it only after the leads before it were processed. When the provider cannot sort by {@code updatedAt}
 * on its server ({@link #incremental()} false), the checkpoint advances only once the iteration is exhausted; a
 * provider read newest first (workspace-v1) advances it page by page through a first sync and its reconcile pass,
 * and past the new leads once they are all returned.
 * Not thread-safe; iterate once.
 */
public final class SyncResult implements Iterable<Lead>, AutoCloseable {

    private final String connection;
    private final SyncRun run;
    private boolean iterated;

    SyncResult(String connection, SyncRun run) {
        this.connection = connection;
        this.run = run;
    }

    /** The connection synced. */
    public String connection() {
        return connection;
    }

    /**
     * The changed leads, in {@code updatedAt} order when {@link #incremental()}, fetched as they are iterated; a first
     * sync without an {@code updatedAt} filter of a provider that can filter by an {@code updatedAt} range and reports
     * a total (Octanist) reads disjoint {@code updatedAt} ranges at once and delivers them interleaved, each range in
     * {@code updatedAt} order. Can be iterated once.
     */
    public Iterable<Lead> leads() {
        return this;
    }

    /**
     * The iteration over the changed leads.
     *
     * @throws IllegalStateException when called a second time
     */
    @Override
    public Iterator<Lead> iterator() {
        if (iterated) {
            throw new IllegalStateException("a sync result can be iterated once");
        }
        iterated = true;
        return run;
    }

    /** The changed leads as a lazy stream; closing it closes this result. Can be taken once. */
    public Stream<Lead> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(this::close);
    }

    /** The checkpoint past every lead returned so far; after the iteration is exhausted, the final one. */
    public SyncCheckpoint next() {
        return new SyncCheckpoint(run.state());
    }

    /** The checkpoint this sync started from. */
    public SyncCheckpoint start() {
        return new SyncCheckpoint(run.startState());
    }

    /** Whether the checkpoint advances lead by lead (true) or only when the iteration is exhausted (false). */
    public boolean incremental() {
        return run.ordered();
    }

    /**
     * What the reader should know about how the listing ended, each once: e.g. a page that brought no lead not
     * already seen although the provider said more follow (an endless listing, which ends the sync there). Empty
     * for a sync that ended normally. The checkpoint stays past every lead returned, so nothing is skipped.
     */
    public List<String> warnings() {
        return run.warnings();
    }

    /**
     * Requests this sync spent on the reconcile pass over older leads (providers read newest first, such as
     * workspace-v1; see {@link SyncBudget}): the part of its cost that finds updates to leads created before the last
     * sync. 0 for other providers and for a first sync.
     */
    public long reconcileRequests() {
        return run.reconcileRequests();
    }

    /** How many leads were returned so far. */
    public long delivered() {
        return run.delivered();
    }

    /** Stops fetching. The checkpoint stays what {@link #next()} says. */
    @Override
    public void close() {
        run.close();
    }
}
