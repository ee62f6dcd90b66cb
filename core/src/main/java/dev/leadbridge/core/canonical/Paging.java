package dev.leadbridge.core.canonical;

import dev.leadbridge.core.LeadPage;

/**
 * The canonical "are there more pages" rule of page-number listing, used by every stream and export so they stop at
 * the same page.
 */
public final class Paging {

    private Paging() {
    }

    /**
     * Whether a page follows page {@code pageNo}: the provider says it has more, and the page count it reports (when
     * it reports one) is not yet reached.
     */
    public static boolean hasMore(LeadPage page, int pageNo) {
        return page.hasMore() && (page.totalPages() == null || pageNo < page.totalPages());
    }

    /**
     * Whether a page follows page {@code page} by what a provider's answer says: its own "has more" flag when it
     * sends one; else its page count when it sends one; else a full page ({@code received >= limit}) means there may
     * be more, and a short page is the last.
     *
     * @param saidHasMore the provider's flag, or null when it sends none
     * @param totalPages  the provider's page count, or null when it sends none
     * @param page        the 1-based number of the page received
     * @param received    how many leads the page held as sent
     * @param limit       the page size asked for
     */
    public static boolean hasMore(Boolean saidHasMore, Integer totalPages, int page, int received, int limit) {
        if (saidHasMore != null) {
            return saidHasMore;
        }
        if (totalPages != null) {
            return page < totalPages;
        }
        return received >= limit;
    }
}
