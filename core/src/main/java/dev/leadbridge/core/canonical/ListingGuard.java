package dev.leadbridge.core.canonical;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.UnreadableField;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The canonical rules of one page-number listing, fed the pages in order (by {@link PagedLeads} and by the client's
 * prefetching export), so every path ends and heals a listing the same way:
 * <ul>
 *   <li><b>duplicates</b>: a lead seen earlier in the listing is dropped (by id, within a {@link RecentIds} window);
 *   <li><b>endless listings</b>: a page read for the first time that brings no lead not already seen ends the
 *       listing, even when the provider says more pages follow (then with a warning);
 *   <li><b>shifted pages</b>: when the provider's total drops by {@code d} between pages (leads deleted while the
 *       listing ran), offset paging has moved up to {@code d} unseen leads onto pages already read; the listing steps
 *       back {@code ceil(d / pageSize)} pages and reads forward again from there, so no lead that existed throughout
 *       is missed (re-read leads are dropped as duplicates);
 *   <li><b>short listings</b>: a listing that ends with fewer distinct leads than the provider reported (e.g. the
 *       same page for every page number) gives a warning with both numbers;
 *   <li><b>unreadable fields</b>: fields read as null because of a wrong type are counted for one warning.
 * </ul>
 * Not thread-safe: one listing, one thread.
 */
public final class ListingGuard {

    /** The most times one listing steps back; beyond that, shifts are only reported. */
    public static final int MAX_STEP_BACKS = 50;

    private final RecentIds seen;
    private final Set<String> warnings = new LinkedHashSet<>();
    private final List<UnreadableField> unreadable = new ArrayList<>();
    private final Set<String> unreadableSeen = new HashSet<>();
    private Long referenceTotal;
    private Long reportedTotal;
    private long distinct;
    private int highestRead;
    private int nextPage = 1;
    private int stepBacks;
    private boolean ended;
    private boolean steppedBack;

    /** A guard for a listing of pages of {@code pageSize} leads. */
    public ListingGuard(int pageSize) {
        this.seen = RecentIds.forPageSize(pageSize);
    }

    /**
     * Takes page {@code pageNo} (the page {@link #nextPage()} asked for, or any page in order when prefetched) and
     * returns its leads not seen before, in page order. Afterwards {@link #nextPage()} says what to read next.
     */
    public List<Lead> accept(LeadPage page, int pageNo) {
        boolean fresh = pageNo > highestRead;
        highestRead = Math.max(highestRead, pageNo);
        steppedBack = false;
        int newIds = 0;
        Set<String> fresher = new HashSet<>();
        for (String id : page.receivedIds()) {
            if (seen.add(id)) {
                newIds++;
                fresher.add(id);
            }
        }
        distinct += newIds;
        List<Lead> kept = new ArrayList<>(page.leads().size());
        for (Lead lead : page.leads()) {
            if (fresher.remove(lead.nativeId())) {
                kept.add(lead);
            }
        }
        for (UnreadableField field : page.unreadable()) {
            if (unreadableSeen.add(field.nativeId() + '\u0000' + field.field())) {
                unreadable.add(field);
            }
        }
        Long total = page.totalCount();
        boolean grew = false;
        if (total != null) {
            if (referenceTotal != null && total < referenceTotal) {
                stepBack(page, pageNo, referenceTotal - total);
            }
            grew = referenceTotal != null && total > referenceTotal;
            referenceTotal = total;
            reportedTotal = reportedTotal == null ? total : Math.min(reportedTotal, total);
        }
        if (steppedBack) {
            return kept;
        }
        boolean more = Paging.hasMore(page, pageNo);
        if (!more) {
            end();
        } else if (fresh && pageNo > 1 && newIds == 0 && !grew) {
            warnings.add("page " + pageNo + " brought no lead not already seen although the provider said more"
                    + " pages follow; the listing ended there");
            end();
        } else {
            nextPage = pageNo + 1;
        }
        return kept;
    }

    private void stepBack(LeadPage page, int pageNo, long deleted) {
        if (stepBacks >= MAX_STEP_BACKS) {
            warnings.add("the provider's total kept shrinking during the listing (leads deleted while it ran);"
                    + " after " + MAX_STEP_BACKS + " re-reads leads that moved between pages may be missing");
            return;
        }
        int size = Math.max(1, page.pageSize());
        long back = (deleted + size - 1) / size;
        nextPage = (int) Math.max(1, pageNo - back);
        stepBacks++;
        steppedBack = true;
    }

    private void end() {
        ended = true;
        nextPage = 0;
        if (reportedTotal != null && distinct < reportedTotal) {
            warnings.add("the provider reported " + reportedTotal + " leads but served " + distinct
                    + " distinct ones");
        }
    }

    /** The page to read next (1-based), or 0 when the listing has ended. */
    public int nextPage() {
        return nextPage;
    }

    /** Whether the listing has ended. */
    public boolean ended() {
        return ended;
    }

    /**
     * Whether the page just accepted showed a shift (the provider's total dropped): the pages from {@link #nextPage()}
     * on must be read again, one after the other; pages fetched ahead must be dropped.
     */
    public boolean steppedBack() {
        return steppedBack;
    }

    /** How often this listing stepped back to re-read shifted pages. */
    public int stepBacks() {
        return stepBacks;
    }

    /** Distinct leads the provider served (before client-side filters). */
    public long distinct() {
        return distinct;
    }

    /** The fields read as null because of a wrong type, once per lead and field. */
    public List<UnreadableField> unreadable() {
        return List.copyOf(unreadable);
    }

    /**
     * What the listing wants its reader to know, each once, in order: why it ended early, a shrinking total it could
     * not heal, fewer leads than reported, and unreadable fields ({@link UnreadableFields#warning}).
     */
    public List<String> warnings() {
        List<String> all = new ArrayList<>(warnings);
        String fields = UnreadableFields.warning(unreadable);
        if (fields != null) {
            all.add(fields);
        }
        return all;
    }
}
