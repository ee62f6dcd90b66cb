package dev.leadbridge.core.api;

import dev.leadbridge.core.BulkCreateResult;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.RateLimitStatus;
import dev.leadbridge.core.UnreadableField;
import dev.leadbridge.core.canonical.ClientSort;
import dev.leadbridge.core.canonical.PagedLeads;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.OperationNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One connection to one provider account, speaking the canonical model. Every method raises only subclasses of
 * {@link dev.leadbridge.core.error.LeadbridgeException}; an operation the provider lacks raises
 * {@link OperationNotSupportedException} naming provider and operation. Implementations are thread-safe.
 */
public interface LeadProvider extends AutoCloseable {

    /** The provider id, e.g. {@code octanist}. */
    String providerId();

    /** The connection name this provider instance serves. */
    String connection();

    /** What this provider can do and what of a query it runs on its server. */
    ProviderCapabilities capabilities();

    /**
     * The lead with this native id.
     *
     * @throws dev.leadbridge.core.error.LeadNotFoundException when there is none
     * @throws dev.leadbridge.core.error.InvalidLeadIdException when the id cannot be valid (before any request)
     */
    Lead get(String nativeId);

    /**
     * The lead with this native id as the provider has it now, never a cached copy: for callers told that the lead
     * changed (a webhook) or that must confirm it is gone (a sync). A wrapper that caches answers it from the provider
     * and keeps the fresh copy for later gets; the default is {@link #get}.
     *
     * @throws dev.leadbridge.core.error.LeadNotFoundException when there is none
     * @throws dev.leadbridge.core.error.InvalidLeadIdException when the id cannot be valid (before any request)
     */
    default Lead getFresh(String nativeId) {
        return get(nativeId);
    }

    /**
     * One page (1-based) of the leads matching {@code query}, in the query's sort order. Filters the server cannot run
     * are applied to the page on the client, so a page may hold fewer leads than the page size.
     *
     * @throws OperationNotSupportedException when the provider cannot list, or cannot sort this way on the server
     *                                        (use {@link #stream(LeadQuery)}, which sorts on the client)
     */
    LeadPage list(LeadQuery query, int page);

    /**
     * One page (1-based) of the leads matching {@code query}, asking the server for the query's sort even where
     * {@link #capabilities()} cannot promise it (a parameter the provider's docs do not name): the page comes in the
     * order the server chose, the query's or its natural one, so the caller must check the order of what comes back
     * before relying on it. Filters are applied as by {@link #list(LeadQuery, int)}. The default asks for the query's
     * sort only when the server sorts that way ({@link ProviderCapabilities#sortsOnServer}), and otherwise lists in
     * the natural order.
     */
    default LeadPage listTryingSort(LeadQuery query, int page) {
        return list(capabilities().sortsOnServer(query.sort()) ? query
                : query.toBuilder().sort(List.of()).build(), page);
    }

    /**
     * Every lead matching {@code query}, in its sort order, fetched lazily page by page as the stream is consumed;
     * close the stream to stop early. Sorts the server cannot run are done on the client within a bounded buffer
     * ({@link ClientSort#DEFAULT_LIMIT}).
     */
    default Stream<Lead> stream(LeadQuery query) {
        if (!capabilities().supports(Operation.LIST)) {
            throw unsupported("listing leads");
        }
        return PagedLeads.stream(this::list, query, capabilities().sortsOnServer(query.sort()),
                ClientSort.DEFAULT_LIMIT, ErrorDetails.of(providerId(), connection()));
    }

    /**
     * Creates a lead and returns it as the provider stored it. Never retried automatically once it may have reached
     * the provider.
     */
    Lead create(NewLead lead);

    /**
     * Creates many leads; partial success is normal and reported per item. The default creates them one by one.
     */
    default BulkCreateResult createAll(List<NewLead> leads) {
        List<BulkCreateResult.Item> items = new ArrayList<>(leads.size());
        for (int i = 0; i < leads.size(); i++) {
            try {
                items.add(new BulkCreateResult.Item(i, create(leads.get(i)), null));
            } catch (dev.leadbridge.core.error.LeadbridgeException e) {
                items.add(new BulkCreateResult.Item(i, null, e));
            }
        }
        return new BulkCreateResult(items);
    }

    /** Applies a partial change to a lead and returns the lead after the change. */
    Lead update(String nativeId, LeadUpdate update);

    /** Deletes a lead. The default raises {@link OperationNotSupportedException}. */
    default void delete(String nativeId) {
        throw unsupported("delete");
    }

    /**
     * The fields of a lead this provider read (by {@link #get} or a listing) that had the wrong type in the provider's
     * answer and were read as null, found again from the lead's {@code raw}: what a listing page reports in
     * {@link LeadPage#unreadable()}, for a caller of {@link #get}, which returns the lead alone, to warn the same way.
     * Empty by default, when every field was readable, and for a lead without {@code raw}.
     */
    default List<UnreadableField> unreadableFields(Lead lead) {
        return List.of();
    }

    /** The rate-limit budget the provider reported with its last response, when it reports one. */
    default Optional<RateLimitStatus> rateLimitStatus() {
        return Optional.empty();
    }

    /** Releases the provider's resources. */
    @Override
    default void close() {
    }

    /** The typed error for an operation this provider does not offer. */
    default OperationNotSupportedException unsupported(String operation) {
        return new OperationNotSupportedException("provider '" + providerId() + "' does not support " + operation,
                ErrorDetails.of(providerId(), connection()));
    }
}
