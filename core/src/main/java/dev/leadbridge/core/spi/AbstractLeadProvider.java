package dev.leadbridge.core.spi;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.SortKey;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.Operation;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.OperationNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A base for providers that list page by page: the subclass fetches what its server can filter
 * ({@link #fetchPage(LeadQuery, int)}), and this class applies the whole query on the client afterwards, so no
 * filter is ever silently dropped, whatever the subclass pushed down.
 */
public abstract class AbstractLeadProvider implements LeadProvider {

    private final String providerId;
    private final String connection;

    /** @param providerId the provider id @param connection the connection name */
    protected AbstractLeadProvider(String providerId, String connection) {
        this.providerId = Objects.requireNonNull(providerId, "providerId");
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    @Override
    public final String providerId() {
        return providerId;
    }

    @Override
    public final String connection() {
        return connection;
    }

    /** Details naming this provider and connection, for errors. */
    protected final ErrorDetails details() {
        return ErrorDetails.of(providerId, connection);
    }

    /**
     * Fetches one page of the server's answer to the part of {@code query} this provider pushes down. The page must
     * contain every lead of that page that matches the query (it may contain more), in the query's sort order, and
     * every field {@link LeadQuery#fieldsNeeded()} names.
     */
    protected abstract LeadPage fetchPage(LeadQuery query, int page);

    @Override
    public final LeadPage list(LeadQuery query, int page) {
        if (!capabilities().sortsOnServer(query.sort())) {
            checkListing(page);
            throw new OperationNotSupportedException("provider '" + providerId + "' cannot sort by " + query.sort()
                    + " on the server; use stream(), which sorts on the client", details());
        }
        return fetchFiltered(query, page);
    }

    /**
     * {@inheritDoc} A sort the server does not promise reaches {@link #fetchPage(LeadQuery, int)} only when
     * {@link #triesSort(List)} accepts it; otherwise the page is listed in the natural order.
     */
    @Override
    public final LeadPage listTryingSort(LeadQuery query, int page) {
        if (capabilities().sortsOnServer(query.sort()) || !triesSort(query.sort())) {
            return LeadProvider.super.listTryingSort(query, page);
        }
        return fetchFiltered(query, page);
    }

    /**
     * Whether {@link #fetchPage(LeadQuery, int)} may be given {@code sort} although {@link #capabilities()} does not
     * promise it: the subclass then asks its server for it by a parameter the server may ignore (see
     * {@link #listTryingSort(LeadQuery, int)}). The default: none.
     */
    protected boolean triesSort(List<SortKey> sort) {
        return false;
    }

    private LeadPage fetchFiltered(LeadQuery query, int page) {
        checkListing(page);
        LeadPage fetched = fetchPage(query, page);
        List<Lead> kept = new ArrayList<>(fetched.leads().size());
        boolean changed = false;
        for (Lead lead : fetched.leads()) {
            if (query.matches(lead)) {
                Lead projected = query.project(lead);
                kept.add(projected);
                changed |= projected != lead;
            } else {
                changed = true;
            }
        }
        // a loop, not a stream, and no copy of a page the query left as it was: this runs for every page listed
        return changed ? fetched.withLeads(kept) : fetched;
    }

    private void checkListing(int page) {
        if (!capabilities().supports(Operation.LIST)) {
            throw unsupported("listing leads");
        }
        if (page < 1) {
            throw new IllegalArgumentException("page numbers start at 1, was " + page);
        }
    }
}
