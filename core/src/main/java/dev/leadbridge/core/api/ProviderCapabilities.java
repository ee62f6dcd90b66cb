package dev.leadbridge.core.api;

import dev.leadbridge.core.SortField;
import dev.leadbridge.core.SortKey;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a provider can do and what of a query it runs on its server.
 *
 * @param operations        the operations offered
 * @param serverFilters     the query features pushed down to the server (the rest runs on the client)
 * @param serverSortFields  the fields the server sorts on in the canonical order
 * @param multiKeySort      whether the server sorts on several keys at once
 * @param naturalOrder      the order a listing comes in when no sort is sent; empty when unknown
 * @param maxPageSize       the largest page the server returns
 * @param reportsTotalPages whether a page reports the total number of pages (allows fetching pages concurrently)
 */
public record ProviderCapabilities(Set<Operation> operations, Set<QueryFeature> serverFilters,
                                   Set<SortField> serverSortFields, boolean multiKeySort, List<SortKey> naturalOrder,
                                   int maxPageSize, boolean reportsTotalPages) {

    /** Copies the collections. */
    public ProviderCapabilities {
        operations = operations.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(operations));
        serverFilters = serverFilters.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(serverFilters));
        serverSortFields = serverSortFields.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(serverSortFields));
        naturalOrder = List.copyOf(naturalOrder);
    }

    /** Whether the provider offers {@code operation}. */
    public boolean supports(Operation operation) {
        return operations.contains(operation);
    }

    /**
     * Whether the server returns leads in the canonical order of {@code sort}: an empty sort always is; otherwise
     * every key's field must be sortable server-side (several keys only with multi-key sort), or the sort must equal
     * the natural order.
     */
    public boolean sortsOnServer(List<SortKey> sort) {
        if (sort.isEmpty() || sort.equals(naturalOrder)) {
            return true;
        }
        if (sort.size() > 1 && !multiKeySort) {
            return false;
        }
        return sort.stream().allMatch(k -> serverSortFields.contains(k.field()));
    }
}
