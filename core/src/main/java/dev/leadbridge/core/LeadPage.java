package dev.leadbridge.core;

import java.util.ArrayList;
import java.util.List;

/**
 * One page of a listing, after the client-side part of the query was applied (so it may hold fewer leads than the
 * page size).
 *
 * @param leads       the leads on this page, never null
 * @param page        the 1-based page number
 * @param pageSize    the page size the provider used
 * @param totalPages  the number of pages the provider reports, or null when it does not say
 * @param totalCount  the number of leads the provider reports for the server-side query, or null
 * @param hasMore     whether a following page exists
 * @param rateLimit   the rate-limit budget reported with this page, or null
 * @param receivedIds the native ids of every lead the provider sent on this page, before any client-side filter:
 *                    what the listing rules (end of an endless listing, shifted pages) judge the page by
 * @param unreadable  fields of leads on this page that had the wrong type and were read as null (the lead was
 *                    kept, its {@code raw} holds the original value)
 */
public record LeadPage(List<Lead> leads, int page, int pageSize, Integer totalPages, Long totalCount, boolean hasMore,
                       RateLimitStatus rateLimit, List<String> receivedIds, List<UnreadableField> unreadable) {

    /** Copies the lists; without received ids, the ids of {@code leads} are taken. */
    public LeadPage {
        leads = leads == null ? List.of() : List.copyOf(leads);
        receivedIds = receivedIds == null ? idsOf(leads) : List.copyOf(receivedIds);
        unreadable = unreadable == null ? List.of() : List.copyOf(unreadable);
    }

    /** A page whose received leads are exactly {@code leads}, with no unreadable field. */
    public LeadPage(List<Lead> leads, int page, int pageSize, Integer totalPages, Long totalCount, boolean hasMore,
                    RateLimitStatus rateLimit) {
        this(leads, page, pageSize, totalPages, totalCount, hasMore, rateLimit, null, null);
    }

    /** A copy holding {@code kept} as its leads, everything else (received ids, unreadable fields) unchanged. */
    public LeadPage withLeads(List<Lead> kept) {
        return new LeadPage(kept, page, pageSize, totalPages, totalCount, hasMore, rateLimit, receivedIds,
                unreadable);
    }

    private static List<String> idsOf(List<Lead> leads) {
        List<String> ids = new ArrayList<>(leads.size());
        for (Lead lead : leads) {
            if (lead.nativeId() != null) {
                ids.add(lead.nativeId());
            }
        }
        return List.copyOf(ids);
    }
}
