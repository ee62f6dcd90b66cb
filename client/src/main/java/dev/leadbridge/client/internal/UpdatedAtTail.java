package dev.leadbridge.client.internal;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.canonical.RecentIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The tail of a listing asked for in updatedAt ascending order through an undocumented parameter
 * ({@link LeadProvider#listTryingSort}, workspace-v1's {@code sortBy=updatedAt&sortOrder=asc}), read from its last page
 * backwards until a page holds a lead updated before {@code floor}, proving the order on every answer.
 *
 * <p><b>Proof.</b> A server that ignores the parameters answers its natural order, createdAt descending. So every
 * answer must be non-decreasing in updatedAt (every lead has one) within the page, and its leads not read before
 * (those that shifted down from the pages above are) must come before the lowest lead read so far; anything else
 * disproves the order. And the leads read must hold at least one
 * pair whose createdAt increases along the listing, which the natural order never shows. When the tail holds none
 * (its leads were updated in the order they were created, as a bulk change in the natural order does), page 1 is
 * asked once more: in updatedAt order it holds leads updated before the floor, one of them created before a lead of
 * the tail, where the natural order's page 1 holds the newest leads of all; if it does not tell either, the order is
 * not proven. A read that reaches page 1 going backwards has read every lead and needs no proof, unless the total
 * changed while it read (then it might be the natural order, which shifts leads onto pages already read).
 *
 * <p><b>Why backwards.</b> In updatedAt order an update moves a lead to the end and shifts the later ones one place
 * towards the start, a deletion shifts them too, a creation appends at the end: pages not read yet (further towards
 * the start) only receive leads, so a lead is read twice (dropped by id) but never skipped. The lead that moved to the
 * end after the last page was read has an updatedAt after that page's latest ({@link #mark()}), which the next read's
 * floor covers. A lead that becomes visible late with an updatedAt in the past (clock skew, a late commit) is what the
 * look-back before the floor is for, as everywhere in sync. Ties on updatedAt need the server to break them in one
 * stable way (it sorts by a unique key after updatedAt), or a lead of a tie across a page boundary could be shown on
 * neither page. Not thread-safe.
 */
final class UpdatedAtTail {

    /** What one read showed. */
    enum Verdict {
        /** Read the next page (further towards the start). */
        READ_ON,
        /** Every lead updated since the floor was read. */
        DONE,
        /** The answers broke the order, or did not prove it: read the listing another way. */
        DISPROVED
    }

    /** How a first page asked in updatedAt ascending order came back. */
    enum FirstPage {
        /** In updatedAt order, and not the natural order. */
        SORTED,
        /**
         * In the natural order (createdAt descending) and not in updatedAt order: the parameters were ignored; or the
         * page holds the whole listing, in an order that does not tell.
         */
        NATURAL,
        /** Neither, or either (a page of a longer listing that fits both orders). */
        NEITHER
    }

    /**
     * One page read.
     *
     * @param leads   the page's leads updated at or after the floor, in listing order
     * @param verdict what to do next
     * @param why     why the order was disproved (null otherwise)
     */
    record Step(List<Lead> leads, Verdict verdict, String why) {
    }

    private final LeadProvider provider;
    private final LeadQuery query;
    private final Instant floor;

    private int page;
    private LeadPage preloaded;
    private boolean started;
    private boolean jumped;
    private Lead above;
    private Instant latestCreated;
    private boolean checkingHead;
    private RecentIds ids;
    private boolean proven;
    private Instant mark;
    private long total;
    private long firstTotal;
    private int pagesRead;

    /**
     * @param provider  the provider
     * @param query     the query, sorted by updatedAt ascending
     * @param floor     the earliest updatedAt wanted
     * @param firstPage the page believed to be the last (the answer corrects it once)
     * @param preloaded that page, when already read (the probe of a one-page listing), or null
     */
    UpdatedAtTail(LeadProvider provider, LeadQuery query, Instant floor, int firstPage, LeadPage preloaded) {
        this.provider = provider;
        this.query = query;
        this.floor = floor;
        this.page = Math.max(1, firstPage);
        this.preloaded = preloaded;
    }

    /** How a page 1 asked in updatedAt ascending order came back. */
    static FirstPage classify(LeadPage page) {
        List<Lead> leads = page.leads();
        boolean ascending = true;
        boolean increasingCreated = false;
        for (int i = 0; i < leads.size(); i++) {
            Lead lead = leads.get(i);
            if (lead.updatedAt() == null) {
                ascending = false;
            } else if (i > 0 && leads.get(i - 1).updatedAt() != null
                    && lead.updatedAt().isBefore(leads.get(i - 1).updatedAt())) {
                ascending = false;
            }
            if (i > 0 && createdIncreases(leads.get(i - 1), lead)) {
                increasingCreated = true;
            }
        }
        if (ascending && increasingCreated) {
            return FirstPage.SORTED;
        }
        // a page that fits both orders is the natural order's page 1 only when it holds the whole listing
        return !increasingCreated && (!ascending || !page.hasMore()) ? FirstPage.NATURAL : FirstPage.NEITHER;
    }

    /** Reads the next page backwards. */
    Step next() {
        LeadPage answer;
        if (preloaded != null) {
            answer = preloaded;
            preloaded = null;
        } else {
            answer = provider.listTryingSort(query, page);
        }
        total = totalOf(answer);
        if (checkingHead) {
            return head(answer);
        }
        int size = Math.max(1, answer.pageSize());
        long pages = answer.totalPages() != null ? answer.totalPages() : (total + size - 1) / size;
        if (!started) {
            if (pages == 0) {
                return new Step(List.of(), Verdict.DONE, null);
            }
            if (page != pages && !jumped) {
                // the total changed since it was remembered: start again from the last page it reports
                jumped = true;
                page = (int) Math.min(Integer.MAX_VALUE, pages);
                return new Step(List.of(), Verdict.READ_ON, null);
            }
            started = true;
            firstTotal = total;
        } else if (answer.receivedIds().isEmpty()) {
            return disproved("page " + page + " came back empty while the pages after it held leads");
        }
        List<Lead> leads = answer.leads();
        if (ids == null) {
            ids = RecentIds.forPageSize(size);
        }
        Lead lastNew = null;
        for (int i = 0; i < leads.size(); i++) {
            Lead lead = leads.get(i);
            if (lead.updatedAt() == null) {
                return disproved("lead " + lead.nativeId() + " on page " + page + " has no updatedAt");
            }
            if (i > 0) {
                Lead before = leads.get(i - 1);
                if (lead.updatedAt().isBefore(before.updatedAt())) {
                    return disproved("page " + page + " is not in updatedAt order");
                }
                proven |= createdIncreases(before, lead);
            }
            if (ids.add(lead.nativeId())) {
                lastNew = lead;
            }
            if (lead.createdAt() != null && (latestCreated == null || lead.createdAt().isAfter(latestCreated))) {
                latestCreated = lead.createdAt();
            }
        }
        if (!leads.isEmpty()) {
            // leads read on the pages above shift onto this one (updates and deletions before them): only the others
            // must come before the lowest lead read so far
            if (above != null && lastNew != null) {
                if (lastNew.updatedAt().isAfter(above.updatedAt())) {
                    return disproved("page " + page + " holds a lead updated after the page above it starts");
                }
                proven |= createdIncreases(lastNew, above);
            }
            if (mark == null) {
                mark = leads.get(leads.size() - 1).updatedAt();
            }
            if (above == null || !leads.get(0).updatedAt().isAfter(above.updatedAt())) {
                above = leads.get(0);
            }
        }
        List<Lead> wanted = new ArrayList<>(leads.size());
        // leads a client-side filter dropped may lie anywhere on the page: only the kept ones tell the floor is reached
        boolean reached = false;
        for (Lead lead : leads) {
            if (lead.updatedAt().isBefore(floor)) {
                reached = true;
            } else {
                wanted.add(lead);
            }
        }
        pagesRead++;
        if (page <= 1) {
            // every page was read: complete whatever the order, unless leads came while it was read in an order not
            // proven (the natural order inserts at the top, which shifts leads onto pages already read)
            return proven || pagesRead == 1 || total == firstTotal ? new Step(wanted, Verdict.DONE, null)
                    : disproved("the whole listing was read without proof of its order while its total changed");
        }
        if (reached && proven) {
            return new Step(wanted, Verdict.DONE, null);
        }
        if (reached && page > 2) {
            // no pair told the orders apart: page 1 will
            checkingHead = true;
            page = 1;
            return new Step(wanted, Verdict.READ_ON, null);
        }
        page--;
        return new Step(wanted, Verdict.READ_ON, null);
    }

    /** Page 1 read for proof after the tail: in updatedAt order, before the floor, not the newest leads of all. */
    private Step head(LeadPage answer) {
        List<Lead> leads = answer.leads();
        boolean told = false;
        for (int i = 0; i < leads.size(); i++) {
            Lead lead = leads.get(i);
            if (lead.updatedAt() == null || !lead.updatedAt().isBefore(floor)
                    || i > 0 && lead.updatedAt().isBefore(leads.get(i - 1).updatedAt())) {
                return disproved("page 1 is not in updatedAt order before the floor");
            }
            told |= lead.createdAt() != null && latestCreated != null && lead.createdAt().isBefore(latestCreated);
        }
        return told ? new Step(List.of(), Verdict.DONE, null)
                : disproved("no answer told the updatedAt order from the natural order");
    }

    /** The latest updatedAt on the first page read (in the provider's time); null before, or for an empty listing. */
    Instant mark() {
        return mark;
    }

    /** The listing's total in the latest answer. */
    long total() {
        return total;
    }

    private Step disproved(String why) {
        return new Step(List.of(), Verdict.DISPROVED, why);
    }

    /** Whether {@code later} (the next in the listing) was created after {@code earlier}: never in the natural order. */
    private static boolean createdIncreases(Lead earlier, Lead later) {
        return earlier.createdAt() != null && later.createdAt() != null
                && later.createdAt().isAfter(earlier.createdAt());
    }

    /** The reported total, or what the page tells of it. */
    static long totalOf(LeadPage page) {
        if (page.totalCount() != null) {
            return page.totalCount();
        }
        return (long) (page.page() - 1) * page.pageSize() + page.receivedIds().size() + (page.hasMore() ? 1 : 0);
    }
}
