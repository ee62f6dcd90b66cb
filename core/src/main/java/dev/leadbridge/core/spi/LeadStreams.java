package dev.leadbridge.core.spi;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.Operation;
import dev.leadbridge.core.canonical.RecentIds;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.InvalidRequestException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Turns page-by-page listing into one lazy stream of leads: pages are fetched only as the stream is consumed;
 * a lead seen again on a later page (page-number paging shifts when leads are inserted during a listing) is
 * dropped by id within a window of recent ids; a sort the server cannot run is done on the client, holding at most a
 * bounded number of leads.
 */
public final class LeadStreams {

    /** The most leads a client-side sort holds in memory before failing with a clear error. */
    public static final int DEFAULT_CLIENT_SORT_LIMIT = 200_000;

    private LeadStreams() {
    }

    /**
     * Every lead of {@code provider} matching {@code query}, in the query's canonical order.
     *
     * @param clientSortLimit the most leads held when the sort must be done on the client
     * @throws dev.leadbridge.core.error.OperationNotSupportedException when the provider cannot list
     */
    public static Stream<Lead> stream(LeadProvider provider, LeadQuery query, int clientSortLimit) {
        if (!provider.capabilities().supports(Operation.LIST)) {
            throw provider.unsupported("listing leads");
        }
        if (provider.capabilities().sortsOnServer(query.sort())) {
            return pages(provider, query);
        }
        LeadQuery unsorted = new LeadQuery(query.statuses(), query.sources(), query.createdAt(), query.updatedAt(),
                query.qualifiedAt(), query.value(), query.search(), query.clickIds(), query.utmSource(),
                query.utmMedium(), query.utmCampaign(), List.of(), query.pageSize(), query.fieldsNeeded());
        return Stream.of(query).flatMap(q -> {
            List<Lead> all = new ArrayList<>();
            try (Stream<Lead> leads = pages(provider, unsorted)) {
                for (Iterator<Lead> it = leads.iterator(); it.hasNext(); ) {
                    if (all.size() >= clientSortLimit) {
                        throw new InvalidRequestException("sorting by " + query.sort() + " must be done on the client"
                                + " for provider '" + provider.providerId() + "', and more than " + clientSortLimit
                                + " leads match; narrow the query or drop the sort",
                                ErrorDetails.of(provider.providerId(), provider.connection()));
                    }
                    all.add(it.next());
                }
            }
            all.sort(query.comparator());
            return all.stream().map(query::project);
        });
    }

    private static Stream<Lead> pages(LeadProvider provider, LeadQuery query) {
        PageIterator iterator = new PageIterator(provider, query);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator,
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    private static final class PageIterator implements Iterator<Lead> {
        private final LeadProvider provider;
        private final LeadQuery query;
        private final ArrayDeque<Lead> buffer = new ArrayDeque<>();
        private final RecentIds seen;
        private int nextPage = 1;
        private boolean exhausted;

        PageIterator(LeadProvider provider, LeadQuery query) {
            this.provider = provider;
            this.query = query;
            this.seen = RecentIds.forPageSize(query.pageSize());
        }

        @Override
        public boolean hasNext() {
            while (buffer.isEmpty() && !exhausted) {
                LeadPage page = provider.list(query, nextPage);
                for (Lead lead : page.leads()) {
                    if (seen.add(lead.nativeId())) {
                        buffer.add(lead);
                    }
                }
                boolean lastByCount = page.totalPages() != null && nextPage >= page.totalPages();
                exhausted = !page.hasMore() || lastByCount;
                nextPage++;
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
