package dev.leadbridge.client.internal;

import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.canonical.Paging;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Fetches every page of one listing and hands them over in page order. When the first page reports the number of
 * pages, the following ones are fetched concurrently, at most {@code concurrency} at a time, so a large account
 * takes about pages ÷ concurrency round trips. At most {@code concurrency} fetched pages wait here for the consumer;
 * the consumer's own buffer is bounded by the {@link PageSink}.
 */
final class PageFetcher {

    /** Receives pages in order; returns false to stop fetching. May block (that is how the consumer throttles). */
    interface PageSink {
        boolean accept(LeadPage page) throws InterruptedException;
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
     * Fetches every page of {@code query}, in order, into {@code sink}.
     *
     * @throws InterruptedException when the thread is interrupted (the aggregation was closed)
     */
    void fetchAll(LeadQuery query, PageSink sink) throws InterruptedException {
        LeadPage last = provider.list(query, 1);
        int pageNo = 1;
        if (!sink.accept(last)) {
            return;
        }
        Integer total = last.totalPages();
        if (total != null && concurrency > 1 && hasMore(last, pageNo)) {
            ArrayDeque<Future<LeadPage>> inFlight = new ArrayDeque<>();
            int next = 2;
            try {
                while (true) {
                    while (inFlight.size() < concurrency && next <= total) {
                        int n = next++;
                        inFlight.add(executor.submit(() -> provider.list(query, n)));
                    }
                    Future<LeadPage> head = inFlight.poll();
                    if (head == null) {
                        break;
                    }
                    last = await(head);
                    pageNo++;
                    if (!sink.accept(last)) {
                        return;
                    }
                    if (last.leads().isEmpty() && !last.hasMore()) {
                        break; // the listing ended before the reported count, e.g. after deletions
                    }
                }
            } finally {
                inFlight.forEach(f -> f.cancel(true));
            }
        }
        // sequentially: pages without a reported count, or pages added while the listing ran
        while (hasMore(last, pageNo)) {
            pageNo++;
            last = provider.list(query, pageNo);
            if (!sink.accept(last)) {
                return;
            }
        }
    }

    private static boolean hasMore(LeadPage page, int pageNo) {
        return Paging.hasMore(page, pageNo);
    }

    private static LeadPage await(Future<LeadPage> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (CancellationException e) {
            throw new InterruptedException("page fetch cancelled");
        }
    }
}
