package dev.leadbridge.core.spi;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.Operation;
import dev.leadbridge.core.canonical.ClientSort;
import dev.leadbridge.core.canonical.PagedLeads;
import dev.leadbridge.core.error.ErrorDetails;
import java.util.stream.Stream;

/**
 * The lazy stream of a provider's listing, for provider authors and decorators: checks that the provider can list,
 * then hands over to the canonical rules of {@link PagedLeads} (pages fetched as consumed, duplicates across pages
 * dropped, a sort the server cannot run done on the client within a bound).
 */
public final class LeadStreams {

    /** The most leads a client-side sort holds in memory before failing with a clear error. */
    public static final int DEFAULT_CLIENT_SORT_LIMIT = ClientSort.DEFAULT_LIMIT;

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
        return PagedLeads.stream(provider::list, query, provider.capabilities().sortsOnServer(query.sort()),
                clientSortLimit, ErrorDetails.of(provider.providerId(), provider.connection()));
    }
}
