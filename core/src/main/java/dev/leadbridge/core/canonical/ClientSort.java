package dev.leadbridge.core.canonical;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;

/**
 * A sort the provider cannot run, done on the client: collects the leads of an unsorted listing, at most a bounded
 * number, and sorts them in the query's canonical order ({@link LeadQuery#comparator()}). Not thread-safe.
 */
public final class ClientSort {

    /** The most leads a client-side sort holds in memory before failing with a clear error. */
    public static final int DEFAULT_LIMIT = 200_000;

    private final LeadQuery query;
    private final int limit;
    private final ErrorDetails where;
    private final List<Lead> leads = new ArrayList<>();

    /**
     * @param query the sorted query
     * @param limit the most leads held
     * @param where provider and connection, for the error when more leads match
     */
    public ClientSort(LeadQuery query, int limit, ErrorDetails where) {
        this.query = query;
        this.limit = limit;
        this.where = where;
    }

    /** {@code query} without its sort: what is listed from the provider before sorting here. */
    public static LeadQuery unsorted(LeadQuery query) {
        return new LeadQuery(query.statuses(), query.sources(), query.createdAt(), query.updatedAt(),
                query.qualifiedAt(), query.value(), query.search(), query.clickIds(), query.utmSource(),
                query.utmMedium(), query.utmCampaign(), List.of(), query.pageSize(), query.fieldsNeeded());
    }

    /**
     * Adds one lead.
     *
     * @throws InvalidRequestException when the limit is already reached
     */
    public void add(Lead lead) {
        if (leads.size() >= limit) {
            throw new InvalidRequestException("sorting by " + query.sort() + " must be done on the client"
                    + " for provider '" + where.provider() + "', and more than " + limit
                    + " leads match; narrow the query or drop the sort", where);
        }
        leads.add(lead);
    }

    /** How many leads were added. */
    public int size() {
        return leads.size();
    }

    /** The leads added so far, sorted in the query's canonical order; the list is this sort's own, not a copy. */
    public List<Lead> sorted() {
        leads.sort(query.comparator());
        return leads;
    }
}
