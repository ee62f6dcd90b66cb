package dev.leadbridge.core.canonical;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.error.ErrorDetails;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Turns page-by-page listing into one lazy stream of leads: pages are fetched only as the stream is consumed; the
 * rules of {@link ListingGuard} drop leads seen again, end a listing whose pages bring nothing new, and re-read pages
 * that shifted under deletions; the last page is found by {@link Paging#hasMore}; a sort the server cannot run is
 * done by {@link ClientSort}. A stream has no channel for the guard's warnings; the client's export reports them in
 * each connection's outcome.
 */
public final class PagedLeads {

    private PagedLeads() {
    }

    /**
     * Every lead matching {@code query}, in the query's canonical order.
     *
     * @param pages           fetches one page (1-based) of a query
     * @param sortsOnServer   whether the provider runs the query's sort itself
     * @param clientSortLimit the most leads held when the sort must be done on the client
     * @param where           provider and connection, for errors
     */
    public static Stream<Lead> stream(BiFunction<LeadQuery, Integer, LeadPage> pages, LeadQuery query,
                                      boolean sortsOnServer, int clientSortLimit, ErrorDetails where) {
        if (sortsOnServer) {
            return pages(pages, query);
        }
        LeadQuery unsorted = ClientSort.unsorted(query);
        return Stream.of(query).flatMap(q -> {
            ClientSort sort = new ClientSort(query, clientSortLimit, where);
            try (Stream<Lead> leads = pages(pages, unsorted)) {
                for (Iterator<Lead> it = leads.iterator(); it.hasNext(); ) {
                    Lead next = it.next();
                    sort.add(next);
                }
            }
            return sort.sorted().stream().map(query::project);
        });
    }

    private static Stream<Lead> pages(BiFunction<LeadQuery, Integer, LeadPage> pages, LeadQuery query) {
        PageIterator iterator = new PageIterator(pages, query);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator,
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    private static final class PageIterator implements Iterator<Lead> {
        private final BiFunction<LeadQuery, Integer, LeadPage> pages;
        private final LeadQuery query;
        private final ArrayDeque<Lead> buffer = new ArrayDeque<>();
        private final ListingGuard guard;

        PageIterator(BiFunction<LeadQuery, Integer, LeadPage> pages, LeadQuery query) {
            this.pages = pages;
            this.query = query;
            this.guard = new ListingGuard(query.pageSize());
        }

        @Override
        public boolean hasNext() {
            while (buffer.isEmpty() && !guard.ended()) {
                int pageNo = guard.nextPage();
                buffer.addAll(guard.accept(pages.apply(query, pageNo), pageNo));
            }
            return !buffer.isEmpty();
        }

        @Override
        public Lead next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return buffer.poll();
        }
    }
}
