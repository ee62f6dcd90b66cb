package dev.leadbridge.core;

import java.util.List;

/**
 * One page of a listing, after the client-side part of the query was applied (so it may hold fewer leads than the
 * page size).
 *
 * @param leads      the leads on this page, never null
 * @param page       the 1-based page number
 * @param pageSize   the page size the provider used
 * @param totalPages the number of pages the provider reports, or null when it does not say
 * @param totalCount the number of leads the provider reports for the server-side query, or null
 * @param hasMore    whether a following page exists
 * @param rateLimit  the rate-limit budget reported with this page, or null
 */
public record LeadPage(List<Lead> leads, int page, int pageSize, Integer totalPages, Long totalCount, boolean hasMore,
                       RateLimitStatus rateLimit) {

    /** Copies the leads. */
    public LeadPage {
        leads = leads == null ? List.of() : List.copyOf(leads);
    }
}
