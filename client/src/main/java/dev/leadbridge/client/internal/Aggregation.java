package dev.leadbridge.client.internal;

import dev.leadbridge.client.AggregateResult;
import dev.leadbridge.client.ConnectionOutcome;
import dev.leadbridge.client.ProgressListener;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.Operation;
import dev.leadbridge.core.canonical.ClientSort;
import dev.leadbridge.core.canonical.ListingGuard;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.LeadbridgeException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The running aggregation behind {@link AggregateResult}: one fetch task per connection feeds a bounded queue of pages
 * (see {@link PageFetcher} for the prefetching), and the consumer merges the queues. With a sort, the merge is a
 * k-way merge on the query's canonical comparator that waits for the head of every connection still running; without
 * one, pages are taken round-robin as they arrive. All queue state is guarded by one lock.
 */
public final class Aggregation implements AggregateResult {

    private final List<Feed> feeds = new ArrayList<>();
    private final LeadQuery query;
    private final Comparator<Lead> order;
    private final boolean failFast;
    private final ProgressListener progress;
    private final ExecutorService executor;
    private final int clientSortLimit;
    private final Map<String, ConnectionOutcome> outcomes = new ConcurrentHashMap<>();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private LeadbridgeException fatal;
    private boolean closed;
    private boolean streamTaken;
    private int lastFeed = -1;

    private Aggregation(List<ConnectionHandle> connections, LeadQuery query, boolean failFast,
                        ProgressListener progress, ExecutorService executor, int bufferedPages, int clientSortLimit) {
        this.query = query;
        this.order = query.sort().isEmpty() ? null : query.comparator();
        this.failFast = failFast;
        this.progress = progress;
        this.executor = executor;
        this.clientSortLimit = clientSortLimit;
        for (ConnectionHandle c : connections) {
            feeds.add(new Feed(c, bufferedPages > 0 ? bufferedPages : c.pageConcurrency(), query.pageSize()));
        }
    }

    /**
     * Starts fetching from every connection at once.
     *
     * @param connections     the connections, in outcome order
     * @param query           the caller's query
     * @param failFast        stop everything at the first failure
     * @param progress        callbacks, or null
     * @param executor        runs the fetch tasks; must not bound its threads below what the tasks need
     * @param bufferedPages   pages each connection may hold ready for the consumer; 0 or less for its page
     *                        concurrency
     * @param clientSortLimit the most leads of one connection held to sort on the client
     */
    public static Aggregation start(List<ConnectionHandle> connections, LeadQuery query, boolean failFast,
                                    ProgressListener progress, ExecutorService executor, int bufferedPages,
                                    int clientSortLimit) {
        Aggregation aggregation = new Aggregation(connections, query, failFast, progress, executor, bufferedPages,
                clientSortLimit);
        for (Feed feed : aggregation.feeds) {
            try {
                feed.task = executor.submit(() -> aggregation.fetch(feed));
            } catch (RejectedExecutionException e) {
                aggregation.close();
                throw new IllegalStateException("the client is closed", e);
            }
        }
        return aggregation;
    }

    @Override
    public Stream<Lead> leads() {
        lock.lock();
        try {
            if (streamTaken) {
                throw new IllegalStateException("leads() may be called only once per aggregation");
            }
            streamTaken = true;
        } finally {
            lock.unlock();
        }
        Iterator<Lead> iterator = new MergeIterator();
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator,
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(this::close);
    }

    @Override
    public Map<String, ConnectionOutcome> outcomes() {
        Map<String, ConnectionOutcome> snapshot = new LinkedHashMap<>();
        for (Feed feed : feeds) {
            ConnectionOutcome outcome = outcomes.get(feed.connection.name());
            if (outcome != null) {
                snapshot.put(feed.connection.name(), outcome);
            }
        }
        return Collections.unmodifiableMap(snapshot);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (Feed feed : feeds) {
                feed.chunks.clear();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        cancelTasks();
    }

    private void cancelTasks() {
        for (Feed feed : feeds) {
            Future<?> task = feed.task;
            if (task != null) {
                task.cancel(true);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ producer side

    private void fetch(Feed feed) {
        ConnectionHandle connection = feed.connection;
        long start = System.nanoTime();
        long retriesBefore = connection.retryCount().getAsLong();
        ConnectionOutcome outcome = null;
        LeadbridgeException failure = null;
        try {
            LeadProvider provider = connection.provider();
            if (!provider.capabilities().supports(Operation.LIST)) {
                outcome = new ConnectionOutcome.Skipped(connection.name(), "provider '" + provider.providerId()
                        + "' cannot list leads");
                return;
            }
            PageFetcher fetcher = new PageFetcher(provider, executor, connection.pageConcurrency());
            if (provider.capabilities().sortsOnServer(query.sort())) {
                fetcher.fetchAll(Leads.fetchQuery(query), feed.guard, (page, fresh) -> deliver(feed, page, fresh));
            } else {
                sortOnClient(feed, fetcher);
            }
            if (!stopping()) {
                outcome = new ConnectionOutcome.Ok(connection.name(), feed.leads, feed.pages,
                        retries(connection, retriesBefore), elapsed(start), feed.guard.warnings());
            }
        } catch (InterruptedException e) {
            // closed, or another connection failed in fail-fast mode: no outcome
        } catch (RuntimeException e) {
            if (!stopping()) {
                failure = Leads.typed(e, connection);
                outcome = new ConnectionOutcome.Failed(connection.name(), failure, feed.leads, feed.pages,
                        retries(connection, retriesBefore), elapsed(start), feed.guard.warnings());
            }
        } finally {
            if (outcome != null) {
                outcomes.put(connection.name(), outcome);
                notifyFinished(outcome);
            }
            if (failure != null && failFast) {
                fail(failure);
            }
            finish(feed);
        }
    }

    private boolean deliver(Feed feed, LeadPage page, List<Lead> fresh) throws InterruptedException {
        List<Lead> kept = new ArrayList<>(fresh.size());
        for (Lead lead : fresh) {
            kept.add(Leads.withPersonKey(lead, feed.connection.defaultRegion()));
        }
        feed.pages++;
        feed.leads += kept.size();
        notifyPage(feed, page.totalPages());
        return kept.isEmpty() ? !stopping() : offer(feed, kept);
    }

    private void sortOnClient(Feed feed, PageFetcher fetcher) throws InterruptedException {
        LeadProvider provider = feed.connection.provider();
        ClientSort sort = new ClientSort(query, clientSortLimit,
                ErrorDetails.of(provider.providerId(), feed.connection.name()));
        fetcher.fetchAll(ClientSort.unsorted(query), feed.guard, (page, fresh) -> {
            for (Lead lead : fresh) {
                sort.add(Leads.withPersonKey(lead, feed.connection.defaultRegion()));
            }
            feed.pages++;
            notifyPage(feed, page.totalPages());
            return !stopping();
        });
        List<Lead> all = sort.sorted();
        feed.leads = all.size();
        int chunk = Math.max(1, query.pageSize());
        for (int from = 0; from < all.size(); from += chunk) {
            List<Lead> part = new ArrayList<>(all.subList(from, Math.min(all.size(), from + chunk)));
            if (!offer(feed, part)) {
                return;
            }
        }
    }

    /** Queues a page for the consumer, waiting while the connection's queue is full; false when stopping. */
    private boolean offer(Feed feed, List<Lead> chunk) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (feed.chunks.size() >= feed.capacity && !closed && fatal == null) {
                changed.await();
            }
            if (closed || fatal != null) {
                return false;
            }
            feed.chunks.add(chunk);
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void finish(Feed feed) {
        lock.lock();
        try {
            feed.finished = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void fail(LeadbridgeException error) {
        lock.lock();
        try {
            if (fatal != null || closed) {
                return;
            }
            fatal = error;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        cancelTasks();
    }

    private boolean stopping() {
        lock.lock();
        try {
            return closed || fatal != null;
        } finally {
            lock.unlock();
        }
    }

    private static int retries(ConnectionHandle connection, long before) {
        long after = connection.retryCount().getAsLong();
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, after - before));
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private void notifyPage(Feed feed, Integer totalPages) {
        if (progress != null) {
            try {
                progress.pageFetched(feed.connection.name(), feed.pages, totalPages, feed.leads);
            } catch (RuntimeException ignored) {
                // a listener's failure must not fail the aggregation
            }
        }
    }

    private void notifyFinished(ConnectionOutcome outcome) {
        if (progress != null) {
            try {
                progress.connectionFinished(outcome);
            } catch (RuntimeException ignored) {
                // a listener's failure must not fail the aggregation
            }
        }
    }

    // ------------------------------------------------------------------------------------------ consumer side

    /**
     * The next page of {@code feed}, waiting for it; null when the feed has ended (or the aggregation was closed).
     *
     * @throws LeadbridgeException the first failure, in fail-fast mode
     */
    private List<Lead> take(Feed feed) {
        lockForConsumer();
        try {
            while (true) {
                throwIfFatal();
                if (closed) {
                    return null;
                }
                List<Lead> chunk = feed.chunks.poll();
                if (chunk != null) {
                    changed.signalAll();
                    return chunk;
                }
                if (feed.finished) {
                    return null;
                }
                awaitForConsumer();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The next page of any feed, round-robin from {@code start}; null when all ended. Sets {@link #lastFeed}. */
    private List<Lead> takeAny() {
        lockForConsumer();
        try {
            while (true) {
                throwIfFatal();
                if (closed) {
                    return null;
                }
                boolean allFinished = true;
                for (int i = 0; i < feeds.size(); i++) {
                    int index = (lastFeed + 1 + i) % feeds.size();
                    Feed feed = feeds.get(index);
                    List<Lead> chunk = feed.chunks.poll();
                    if (chunk != null) {
                        lastFeed = index;
                        changed.signalAll();
                        return chunk;
                    }
                    allFinished &= feed.finished;
                }
                if (allFinished) {
                    return null;
                }
                awaitForConsumer();
            }
        } finally {
            lock.unlock();
        }
    }

    private void lockForConsumer() {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private void awaitForConsumer() {
        try {
            changed.await();
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private static LeadbridgeException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new LeadbridgeException("interrupted while waiting for leads", ErrorDetails.NONE, e);
    }

    /** Throws the fail-fast error, if any; called with the lock held. */
    private void throwIfFatal() {
        if (fatal != null) {
            throw fatal;
        }
    }

    private Lead project(Lead lead) {
        return query.project(lead);
    }

    /** The consumer's view: k-way merge with a sort, arrival order without. */
    private final class MergeIterator implements Iterator<Lead> {
        private PriorityQueue<Head> heap;
        private Feed refill;
        private Iterator<Lead> current = Collections.emptyIterator();
        private Lead next;
        private boolean done;

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            if (done) {
                return false;
            }
            try {
                next = order == null ? nextArrived() : nextMerged();
            } catch (RuntimeException e) {
                done = true;
                close();
                throw e;
            }
            if (next == null) {
                done = true;
                close();
                return false;
            }
            return true;
        }

        @Override
        public Lead next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Lead lead = next;
            next = null;
            return lead;
        }

        private Lead nextArrived() {
            while (!current.hasNext()) {
                List<Lead> chunk = takeAny();
                if (chunk == null) {
                    return null;
                }
                current = chunk.iterator();
            }
            return project(current.next());
        }

        private Lead nextMerged() {
            if (heap == null) {
                heap = new PriorityQueue<>(Math.max(1, feeds.size()), (a, b) -> order.compare(a.lead, b.lead));
                for (Feed feed : feeds) {
                    Lead head = advance(feed);
                    if (head != null) {
                        heap.add(new Head(feed, head));
                    }
                }
            } else if (refill != null) {
                Lead head = advance(refill);
                if (head != null) {
                    heap.add(new Head(refill, head));
                }
                refill = null;
            }
            Head smallest = heap.poll();
            if (smallest == null) {
                return null;
            }
            refill = smallest.feed;
            return project(smallest.lead);
        }

        private Lead advance(Feed feed) {
            while (!feed.current.hasNext()) {
                List<Lead> chunk = take(feed);
                if (chunk == null) {
                    return null;
                }
                feed.current = chunk.iterator();
            }
            return feed.current.next();
        }
    }

    private record Head(Feed feed, Lead lead) {
    }

    /** One connection's queue of fetched pages and its counters. */
    private static final class Feed {
        final ConnectionHandle connection;
        final int capacity;
        final ArrayDeque<List<Lead>> chunks = new ArrayDeque<>();
        // used by the fetch task only
        final ListingGuard guard;
        boolean finished;
        volatile Future<?> task;
        // written by the fetch task only
        long leads;
        int pages;
        // read by the consumer only
        Iterator<Lead> current = Collections.emptyIterator();

        Feed(ConnectionHandle connection, int capacity, int pageSize) {
            this.connection = connection;
            this.capacity = capacity;
            this.guard = new ListingGuard(pageSize);
        }
    }
}
