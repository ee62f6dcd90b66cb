package dev.leadbridge.client.internal;

import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.canonical.ListingGuard;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Fetches every page of one listing and hands them over in page order, judged by a {@link ListingGuard} (the
 * canonical listing rules: duplicates dropped, an endless listing ended, shifted pages re-read). When the first page
 * reports the number of pages, the following ones are fetched concurrently, {@code concurrency} at a time, a free
 * slot refilled as soon as any page arrives, so a large account takes about pages ÷ concurrency round trips. When the
 * guard finds a shift (the provider's total dropped: leads were deleted while the listing ran), the pages fetched
 * ahead are dropped and the listing goes on one page after the other from the first page the shift may have
 * affected. Fewer than {@code 2 × concurrency} pages
 * are fetched or in flight here at once (the pages asked for ahead of the next one to deliver); the consumer's own
 * buffer is bounded by the {@link PageSink}.
 */
final class PageFetcher {

    /** Receives pages in order; returns false to stop fetching. May block (that is how the consumer throttles). */
    interface PageSink {
        /**
         * @param page  the page as the provider answered it
         * @param fresh its leads not seen before in this listing, in page order
         */
        boolean accept(LeadPage page, List<Lead> fresh) throws InterruptedException;
    }

    private final LeadProvider provider;
    private final ExecutorService executor;
    private final int concurrency;

    PageFetcher(LeadProvider provider, ExecutorService executor, int concurrency) {
        this.provider = provider;
        this.executor = executor;
        this.concurrency = concurrency;
    }

    /**
     * Fetches every page of {@code query}, in order, into {@code sink}; {@code guard} decides which page comes next
     * and when the listing ends, and keeps its warnings.
     *
     * @throws InterruptedException when the thread is interrupted (the aggregation was closed)
     */
    void fetchAll(LeadQuery query, ListingGuard guard, PageSink sink) throws InterruptedException {
        LeadPage first = provider.list(query, 1);
        if (!sink.accept(first, guard.accept(first, 1))) {
            return;
        }
        Integer total = first.totalPages();
        if (total != null && concurrency > 1 && !guard.ended()) {
            if (!fetchConcurrently(query, guard, sink, total)) {
                return;
            }
        }
        // one page after the other: pages without a reported count, pages added while the listing ran, and the
        // pages re-read after a shift
        while (!guard.ended()) {
            int n = guard.nextPage();
            LeadPage page = provider.list(query, n);
            if (!sink.accept(page, guard.accept(page, n))) {
                return;
            }
        }
    }

    /**
     * Pages 2 to {@code total} with {@code concurrency} requests in flight all the time: a slot is refilled as soon
     * as any page arrives, not only when the oldest one does (a slow page would otherwise hold back the whole
     * window). Pages that arrive before an earlier one wait here, in order; at most {@link #window()} pages are
     * asked for ahead of the next page to deliver, so a slow page cannot pile up the ones after it without bound.
     *
     * @return false when the sink asked to stop
     */
    private boolean fetchConcurrently(LeadQuery query, ListingGuard guard, PageSink sink, int total)
            throws InterruptedException {
        // issued and not delivered, in page order; `arrived` gets each of them once it is done
        ArrayDeque<Future<LeadPage>> issued = new ArrayDeque<>();
        LinkedBlockingQueue<Future<LeadPage>> arrived = new LinkedBlockingQueue<>();
        int running = 0;
        int next = 2;
        int expected = 2;
        int window = window();
        try {
            while (!guard.ended() && guard.nextPage() == expected) {
                for (Future<LeadPage> done = arrived.poll(); done != null; done = arrived.poll()) {
                    running--;
                }
                while (running < concurrency && next <= total && next - expected < window) {
                    int n = next++;
                    FutureTask<LeadPage> task = new FutureTask<>(() -> provider.list(query, n)) {
                        @Override
                        protected void done() {
                            arrived.add(this);
                        }
                    };
                    executor.execute(task);
                    issued.add(task);
                    running++;
                }
                Future<LeadPage> head = issued.peek();
                if (head == null) {
                    return true;
                }
                if (!head.isDone()) {
                    arrived.take();
                    running--;
                    continue;
                }
                issued.poll();
                LeadPage page = await(head);
                if (!sink.accept(page, guard.accept(page, expected))) {
                    return false;
                }
                expected++;
            }
            return true;
        } finally {
            issued.forEach(f -> f.cancel(true));
        }
    }

    /** How many pages may be asked for ahead of the next page to deliver: twice the pages in flight. */
    private int window() {
        return 2 * concurrency;
    }

    private static LeadPage await(Future<LeadPage> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw rethrown(e);
        } catch (CancellationException e) {
            throw new InterruptedException("page fetch cancelled");
        }
    }

    /** What a page fetch threw, unwrapped from the future: unchecked as it was, else wrapped. */
    static RuntimeException rethrown(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException re) {
            return re;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }
}
