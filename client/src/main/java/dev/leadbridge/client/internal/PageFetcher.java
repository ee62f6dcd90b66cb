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

/**
 * Fetches every page of one listing and hands them over in page order, judged by a {@link ListingGuard} (the
 * canonical listing rules: duplicates dropped, an endless listing ended, shifted pages re-read). When the first page
 * reports the number of pages, the following ones are fetched concurrently, at most {@code concurrency} at a time, so
 * a large account takes about pages ÷ concurrency round trips. When the guard finds a shift (the provider's total
 * dropped: leads were deleted while the listing ran), the pages fetched ahead are dropped and the listing goes on one
 * page after the other from the first page the shift may have affected. At most {@code concurrency} fetched pages
 * wait here for the consumer; the consumer's own buffer is bounded by the {@link PageSink}.
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
            ArrayDeque<Future<LeadPage>> inFlight = new ArrayDeque<>();
            int next = 2;
            int expected = 2;
            try {
                while (!guard.ended() && guard.nextPage() == expected) {
                    while (inFlight.size() < concurrency && next <= total) {
                        int n = next++;
                        inFlight.add(executor.submit(() -> provider.list(query, n)));
                    }
                    Future<LeadPage> head = inFlight.poll();
                    if (head == null) {
                        break;
                    }
                    LeadPage page = await(head);
                    if (!sink.accept(page, guard.accept(page, expected))) {
                        return;
                    }
                    expected++;
                }
            } finally {
                inFlight.forEach(f -> f.cancel(true));
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
