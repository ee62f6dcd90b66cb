package dev.leadbridge.client.internal;

import dev.leadbridge.client.SyncBudget;
import dev.leadbridge.client.internal.ListingState.Pass;
import dev.leadbridge.client.internal.ListingState.SortProof;
import dev.leadbridge.client.internal.ListingState.TopLead;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadField;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.SortField;
import dev.leadbridge.core.SortKey;
import dev.leadbridge.core.api.Durations;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.canonical.RecentIds;
import dev.leadbridge.core.error.InvalidRequestException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Incremental sync of a provider whose listing comes newest first (createdAt descending) with page-number paging
 * and a reported total, and that cannot filter by date on its server (workspace-v1). Two phases per sync:
 *
 * <p><b>New leads.</b> Pages are read from the first until a page holds a lead created before the newest createdAt
 * of the previous sync less the look-back ({@link ListingState#top()}): {@code ceil(new/100)+1} requests at most,
 * one when nothing was created. Leads already read near the top ({@link ListingState#topLeads()}, by id and
 * updatedAt) are not delivered again, so ties on one createdAt cost nothing. Leads inserted while the pages are
 * read push the others down (read twice, dropped by id); deletions pull them up, which the total of the next page
 * shows, and the page before is read again. The checkpoint moves past the new leads only when the phase ends.
 *
 * <p><b>Reconcile.</b> Updates to older leads are found by a pass over the whole listing in its natural order,
 * continued across syncs from a stored position ({@link ListingState.Pass}): a position {@code index} reached when
 * the total was {@code total} lies, once the total is {@code T}, at {@code index + (T - total)} or later (inserts
 * come at the top, so the position moves down at least by the total's change), and the pass resumes there: never a
 * skipped lead, at most a few read twice. A pass is spread over {@link SyncBudget#fullPassInterval()} (each sync
 * reads the pages due by then) and never makes more than {@link SyncBudget#reconcileRequestsPerHour()} requests in a
 * sliding hour (the count is kept in the checkpoint). A lead is delivered by the pass when its updatedAt is not before
 * the previous complete pass's mark (the latest updatedAt on its first page, in the provider's time) less the
 * look-back (earlier updates that pass delivered); leads already delivered with the same updatedAt are not.
 *
 * <p><b>Sorted by updatedAt</b> (the server was seen honouring the undocumented
 * {@code sortBy=updatedAt&sortOrder=asc}): when the answers prove that order ({@link UpdatedAtTail}), one read of the
 * listing's tail from its last page backwards, down to the last complete pass's mark less the look-back, replaces
 * both phases: new and updated leads alike, {@code ceil(changed/100)+1} requests, no reconcile. A sync whose state
 * has not seen the proof yet asks page 1 first ({@link ListingState.SortProof#UNKNOWN}, or an
 * {@link ListingState.SortProof#IGNORED} older than {@link #SORT_RETRY}): an answer in the natural order is the new
 * leads' first page (nothing spent), one in updatedAt order sends the sync to the last page. A proven state goes to
 * the last page at once (guessed from the total it remembers, corrected by the answer). Any answer that breaks the
 * order abandons the sorted read for this sync: the two phases run from the sync's start (leads already delivered
 * are not delivered again) and the state remembers the server as ignoring the parameters for {@link #SORT_RETRY}. A
 * complete sorted read ends the reconcile pass in progress (a new one starts if the sorted read fails later) and
 * sets the new leads' top, so falling back costs nothing extra. Deletions are not seen by either phase (the store's
 * full sync finds them).
 *
 * <p><b>First sync</b> (no listing state: the initial checkpoint, {@code --full}, a checkpoint of an older version):
 * the pass reads the whole listing at once, not held to the budget, with up to the connection's page concurrency
 * pages in flight, delivered in page order; the checkpoint records the pages completed, so a stopped first sync
 * resumes where it stopped. Not thread-safe.
 */
final class NewestFirstRun {

    private static final Duration HOUR = Duration.ofHours(1);
    /** How long a server found ignoring {@code sortBy=updatedAt} is read newest first before it is asked again. */
    static final Duration SORT_RETRY = Duration.ofHours(6);

    private enum Phase { PROBE, SORTED, NEW, PASS, DONE }

    private final LeadProvider provider;
    private final LeadQuery query;
    private final Duration lookBack;
    private final Clock clock;
    private final SyncBudget budget;
    private final ExecutorService executor;
    private final int concurrency;
    private final String region;
    private final ListingState start;

    /** The state past every lead returned so far. */
    private ListingState committed;
    /** The state past the page whose last lead is the buffer's last, applied when that lead is returned. */
    private ListingState afterBuffer;
    private boolean pendingApply;
    private final ArrayDeque<Lead> buffer = new ArrayDeque<>();
    private Phase phase;
    private final List<String> warnings = new ArrayList<>();
    private long reconcileRequests;
    private Instant watermark;
    /** Older leads delivered with their updatedAt (within the look-back before the watermark), not delivered again. */
    private final LinkedHashMap<String, Instant> window;

    // new-leads phase
    private int newPage = 1;
    private Long newPrevTotal;
    private Instant newTop;
    private final LinkedHashMap<String, TopLead> newTopLeads = new LinkedHashMap<>();
    private Long runTotal;
    private RecentIds recent;

    // pass phase
    private int pagesAllowed;
    private int passPagesRead;
    private final Map<Integer, Future<LeadPage>> prefetched = new HashMap<>();
    private Instant updatedSince;

    // sorted by updatedAt
    private final LeadQuery sortedQuery;
    private SortProof sortProof;
    private Instant sortChecked;
    private long sortedTotal;
    private UpdatedAtTail tail;
    /** Page 1 of a probe the server answered in its natural order: the new leads' first page. */
    private LeadPage probed;

    NewestFirstRun(LeadProvider provider, LeadQuery filter, Duration lookBack, Clock clock, SyncBudget budget,
                   ExecutorService executor, int concurrency, String region, ListingState start, Instant watermark,
                   Map<String, Instant> window) {
        this.provider = provider;
        LeadQuery.Builder q = filter.toBuilder().sort(List.of());
        if (!filter.fields().isEmpty()) {
            q.fields(LeadField.CREATED_AT, LeadField.UPDATED_AT);
        }
        this.query = q.build();
        this.lookBack = lookBack;
        this.clock = clock;
        this.budget = budget;
        this.executor = executor;
        this.concurrency = Math.max(1, concurrency);
        this.region = region;
        this.start = start == null ? ListingState.EMPTY : start;
        this.committed = this.start;
        this.watermark = watermark;
        this.window = new LinkedHashMap<>(window);
        this.sortedQuery = query.toBuilder().sort(List.of(SortKey.asc(SortField.UPDATED_AT))).build();
        this.sortProof = this.start.sortByUpdatedAt();
        this.sortChecked = this.start.sortChecked();
        this.sortedTotal = this.start.sortedTotal();
        this.phase = this.start.top() == null ? Phase.PASS : sortedPhase();
        if (this.phase == Phase.SORTED) {
            int limit = pageLimit();
            tail = new UpdatedAtTail(provider, sortedQuery, sortedFloor(), pagesFor(sortedTotal, limit), null);
        }
        if (this.start.top() == null) {
            // a first read of the whole listing: a pass from the top, not held to the budget
            Pass resumed = this.start.pass() != null && this.start.pass().initial() ? this.start.pass() : null;
            committed = this.start.withPass(resumed != null ? resumed : new Pass(0, 0, clock.instant(), true, null));
        }
    }

    /** The next lead to deliver, or null when the sync is done. */
    Lead poll() {
        while (buffer.isEmpty() && phase != Phase.DONE) {
            if (phase == Phase.PROBE) {
                probe();
            } else if (phase == Phase.SORTED) {
                readSortedPage();
            } else if (phase == Phase.NEW) {
                readNewPage();
            } else {
                readPassPage();
            }
        }
        Lead lead = buffer.poll();
        if (lead != null && buffer.isEmpty() && afterBuffer != null) {
            pendingApply = true;
        }
        return lead;
    }

    /** The lead last polled was returned to the caller: the state moves past it. */
    void returned(Lead lead) {
        Instant u = lead.updatedAt();
        if (u != null) {
            Instant capped = capped(u);
            if (watermark == null || capped.isAfter(watermark)) {
                watermark = capped;
            }
            window.remove(lead.nativeId());
            window.put(lead.nativeId(), u);
            if (window.size() > SyncRun.MAX_WINDOW) {
                window.remove(window.keySet().iterator().next());
            }
        }
        if (pendingApply) {
            committed = afterBuffer;
            afterBuffer = null;
            pendingApply = false;
        }
    }

    /** The listing state past every lead returned so far, with what the answers told of the sorted listing. */
    ListingState state() {
        return committed.withSort(sortProof, sortChecked, sortedTotal);
    }

    /**
     * The leads delivered that a later sync could deliver again, by id with the updatedAt delivered: those within the
     * look-back before the watermark, and those not before the last complete pass's mark less the look-back (the
     * reconcile and the page that ends the new leads deliver every lead updated since then, see
     * {@code updatedSinceLastPass}).
     */
    Map<String, Instant> window() {
        Map<String, Instant> kept = new LinkedHashMap<>();
        Instant watermarkFloor = watermark == null ? null : watermark.minus(lookBack);
        Instant passFloor = committed.lastPassStarted() == null ? null
                : committed.lastPassStarted().minus(lookBack);
        Instant floor = watermarkFloor != null && passFloor != null && passFloor.isBefore(watermarkFloor)
                ? passFloor : watermarkFloor;
        window.forEach((id, u) -> {
            if (floor == null || !u.isBefore(floor)) {
                kept.put(id, u);
            }
        });
        return kept;
    }

    /** The watermark: the latest updatedAt returned (capped at the clock). */
    Instant watermark() {
        return watermark;
    }

    /** Requests the reconcile pass made in this sync (not counting a first read of the whole listing). */
    long reconcileRequests() {
        return reconcileRequests;
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    void close() {
        phase = Phase.DONE;
        buffer.clear();
        cancelPrefetch();
    }

    // ------------------------------------------------------------------------------------------ sorted by updatedAt

    /** Where a sync with listing state starts: the sorted read when it may be tried, else the new leads. */
    private Phase sortedPhase() {
        boolean passesComplete = start.lastPassStarted() != null
                && (start.pass() == null || !start.pass().initial());
        if (!passesComplete) {
            return Phase.NEW;
        }
        return switch (sortProof) {
            case HONOURED -> Phase.SORTED;
            case UNKNOWN -> Phase.PROBE;
            case IGNORED -> sortChecked == null || !clock.instant().isBefore(sortChecked.plus(SORT_RETRY))
                    ? Phase.PROBE : Phase.NEW;
        };
    }

    /** Every lead updated since it was delivered (by a sorted read or a complete pass), less the look-back. */
    private Instant sortedFloor() {
        return start.lastPassStarted().minus(lookBack);
    }

    /** Asks page 1 sorted by updatedAt: proof sends the sync to the last page; the natural order is the new leads'. */
    private void probe() {
        LeadPage page;
        try {
            page = provider.listTryingSort(sortedQuery, 1);
        } catch (InvalidRequestException e) {
            // the server refuses the parameters: read newest first
            abandonSorted();
            return;
        }
        switch (UpdatedAtTail.classify(page)) {
            case SORTED -> {
                int size = Math.max(1, page.pageSize());
                long total = UpdatedAtTail.totalOf(page);
                int last = Math.max(1, pagesFor(total, size));
                tail = new UpdatedAtTail(provider, sortedQuery, sortedFloor(), last, last == 1 ? page : null);
                phase = Phase.SORTED;
            }
            case NATURAL -> {
                abandonSorted();
                probed = page;
            }
            case NEITHER -> abandonSorted();
        }
    }

    private void readSortedPage() {
        UpdatedAtTail.Step step;
        try {
            step = tail.next();
        } catch (InvalidRequestException e) {
            // the server refuses the parameters now (a proof is no promise): read newest first
            abandonSorted();
            return;
        }
        if (step.verdict() == UpdatedAtTail.Verdict.DISPROVED) {
            abandonSorted();
            return;
        }
        if (recent == null) {
            recent = RecentIds.forPageSize(pageLimit());
        }
        Instant topFloor = start.top().minus(lookBack);
        List<Lead> fresh = new ArrayList<>();
        for (Lead lead : step.leads()) {
            Instant created = lead.createdAt();
            if (created != null && !created.isBefore(topFloor)) {
                if (newTop == null || created.isAfter(newTop)) {
                    newTop = created;
                }
                newTopLeads.put(lead.nativeId(), new TopLead(lead.nativeId(), created, lead.updatedAt()));
            }
            if (recent.add(lead.nativeId()) && !delivered(lead)) {
                fresh.add(lead);
            }
        }
        if (step.verdict() != UpdatedAtTail.Verdict.DONE) {
            offer(fresh, null);
            return;
        }
        phase = Phase.DONE;
        sortProof = SortProof.HONOURED;
        sortChecked = clock.instant();
        sortedTotal = tail.total();
        ListingState topped = afterNewLeads();
        Instant mark = tail.mark() == null ? null : capped(tail.mark());
        Instant passed = mark == null || mark.isBefore(start.lastPassStarted()) ? start.lastPassStarted() : mark;
        // every lead updated before the mark (less the look-back) is delivered: the reconcile pass is not needed
        offer(fresh, new ListingState(topped.top(), topped.topLeads(), null, passed, topped.spent(),
                topped.sortByUpdatedAt()));
    }

    /** The answers did not prove the order: this sync reads newest first from its start, and so do the next ones. */
    private void abandonSorted() {
        sortProof = SortProof.IGNORED;
        sortChecked = clock.instant();
        tail = null;
        recent = null;
        newTop = null;
        newTopLeads.clear();
        phase = Phase.NEW;
    }

    /** Whether the lead was delivered with this updatedAt (or a later one) already. */
    private boolean delivered(Lead lead) {
        Instant before = window.get(lead.nativeId());
        return before != null && lead.updatedAt() != null && !lead.updatedAt().isAfter(before);
    }

    private int pageLimit() {
        return Math.max(1, Math.min(query.pageSize(), Math.max(1, provider.capabilities().maxPageSize())));
    }

    // ------------------------------------------------------------------------------------------ new leads

    private void readNewPage() {
        LeadPage page;
        if (probed != null && newPage == 1) {
            page = probed;
            probed = null;
        } else {
            page = provider.list(query, newPage);
        }
        long total = total(page);
        if (runTotal == null) {
            runTotal = total;
        }
        if (recent == null) {
            recent = RecentIds.forPageSize(Math.max(1, page.pageSize()));
        }
        if (newPrevTotal != null && total < newPrevTotal && newPage > 1) {
            // leads were deleted while reading: some may have moved up onto the pages already read; read again
            int back = pagesFor(newPrevTotal - total, Math.max(1, page.pageSize()));
            newPrevTotal = total;
            newPage = Math.max(1, newPage - back);
            return;
        }
        newPrevTotal = total;
        Instant floor = start.top().minus(lookBack);
        Map<String, Instant> known = new HashMap<>();
        start.topLeads().forEach(t -> known.put(t.id(), t.updatedAt()));
        boolean reached = false;
        List<Lead> fresh = new ArrayList<>();
        for (Lead lead : page.leads()) {
            Instant created = lead.createdAt();
            if (created == null || created.isBefore(floor)) {
                reached = true;
                if (recent.add(lead.nativeId()) && updatedSinceLastPass(lead)) {
                    fresh.add(lead);
                }
                continue;
            }
            if (newTop == null || created.isAfter(newTop)) {
                newTop = created;
            }
            newTopLeads.put(lead.nativeId(), new TopLead(lead.nativeId(), created, lead.updatedAt()));
            boolean seen = known.containsKey(lead.nativeId())
                    && java.util.Objects.equals(known.get(lead.nativeId()), lead.updatedAt());
            if (recent.add(lead.nativeId()) && !seen && !delivered(lead)) {
                fresh.add(lead);
            }
        }
        boolean more = page.hasMore();
        if (reached || !more) {
            phase = Phase.PASS;
            ListingState next = afterNewLeads();
            offer(fresh, next);
        } else {
            newPage++;
            offer(fresh, null);
        }
    }

    /** The state once the new leads are all delivered: the new top and the leads near it. */
    private ListingState afterNewLeads() {
        Instant top = newTop == null ? start.top() : capped(newTop.isAfter(start.top()) ? newTop : start.top());
        Instant floor = top.minus(lookBack);
        LinkedHashMap<String, TopLead> kept = new LinkedHashMap<>();
        for (TopLead t : start.topLeads()) {
            if (!t.createdAt().isBefore(floor)) {
                kept.put(t.id(), t);
            }
        }
        for (TopLead t : newTopLeads.values()) {
            if (!t.createdAt().isBefore(floor)) {
                kept.put(t.id(), t);
            }
        }
        ListingState base = committed;
        return new ListingState(top, new ArrayList<>(kept.values()), base.pass(), base.lastPassStarted(),
                base.spent(), base.sortByUpdatedAt());
    }

    // ------------------------------------------------------------------------------------------ the pass

    private void readPassPage() {
        ListingState state = afterBuffer != null ? afterBuffer : committed;
        Instant now = clock.instant();
        Pass pass = state.pass();
        if (pass == null) {
            // passes follow each other: each is spread over the interval, so one starts as the last one ends
            long total = runTotal != null ? runTotal : 0;
            pass = new Pass(0, total, now, false, null);
            state = state.withPass(pass);
            if (afterBuffer != null) {
                afterBuffer = state;
            } else {
                committed = state;
            }
        }
        int limit = Math.min(query.pageSize(), Math.max(1, provider.capabilities().maxPageSize()));
        if (!pass.initial() && passPagesRead == 0) {
            pagesAllowed = reconcileAllowance(state, pass, now, limit);
            if (pagesAllowed <= 0) {
                phase = Phase.DONE;
                return;
            }
        }
        if (!pass.initial() && passPagesRead >= pagesAllowed) {
            phase = Phase.DONE;
            return;
        }
        if (updatedSince == null && !pass.initial() && state.lastPassStarted() != null) {
            updatedSince = state.lastPassStarted().minus(lookBack);
        }
        long known = runTotal != null ? runTotal : pass.total();
        long index = safeIndex(pass, known);
        int pageNo = (int) Math.min(Integer.MAX_VALUE, index / limit + 1);
        LeadPage page = fetch(pageNo, pass, known, limit);
        passPagesRead++;
        if (!pass.initial()) {
            reconcileRequests++;
        }
        long total = total(page);
        runTotal = total;
        if (recent == null) {
            recent = RecentIds.forPageSize(Math.max(1, page.pageSize()));
        }
        int size = Math.max(1, page.pageSize());
        Map<Long, Integer> spent = pass.initial() ? state.spent()
                : ListingState.spend(state.spent(), now, HOUR, 1);
        if ((long) (pageNo - 1) * size > safeIndex(pass, total)) {
            // more leads were deleted before the position than the total showed when the page was chosen: the page
            // starts past the safe position; read again from there (nothing delivered from this page)
            cancelPrefetch();
            ListingState after = new ListingState(state.top(), state.topLeads(), pass, state.lastPassStarted(),
                    spent, state.sortByUpdatedAt());
            offer(List.of(), after);
            return;
        }
        List<Lead> fresh = new ArrayList<>();
        Instant pageTop = null;
        List<TopLead> top = state.topLeads();
        for (Lead lead : page.leads()) {
            if (lead.createdAt() != null && (pageTop == null || lead.createdAt().isAfter(pageTop))) {
                pageTop = lead.createdAt();
            }
            if (recent.add(lead.nativeId()) && (pass.initial() || updatedSinceLastPass(lead))) {
                fresh.add(lead);
            }
        }
        Instant mark = pass.mark();
        for (Lead lead : page.leads()) {
            if (mark == null || (lead.updatedAt() != null && lead.updatedAt().isAfter(mark))) {
                mark = lead.updatedAt() != null ? lead.updatedAt() : mark;
            }
        }
        if (pass.mark() != null && mark != null && mark.isAfter(pass.mark())) {
            mark = pass.mark();
        }
        Instant newTopMark = state.top();
        if (pass.initial() && newTopMark == null) {
            // the first page of a first read: it sets where the next sync's new leads end
            newTopMark = pageTop == null ? Instant.EPOCH : capped(pageTop);
            Instant floor = newTopMark.minus(lookBack);
            List<TopLead> near = new ArrayList<>();
            for (Lead lead : page.leads()) {
                if (lead.createdAt() != null && !lead.createdAt().isBefore(floor)) {
                    near.add(new TopLead(lead.nativeId(), lead.createdAt(), lead.updatedAt()));
                }
            }
            top = near;
        }
        boolean more = page.hasMore() && (long) pageNo * size < total;
        Pass nextPass = more ? new Pass((long) pageNo * size, total, pass.started(), pass.initial(), mark) : null;
        Instant lastPassStarted = state.lastPassStarted();
        if (!more) {
            lastPassStarted = mark != null ? mark : Instant.EPOCH;
            cancelPrefetch();
            if (pass.initial()) {
                // the next pass, spread over the interval, starts now
                nextPass = new Pass(0, total, clock.instant(), false, null);
            } else {
                phase = Phase.DONE;
            }
        }
        ListingState after = new ListingState(newTopMark, top, nextPass, lastPassStarted, spent,
                state.sortByUpdatedAt());
        if (!more && pass.initial()) {
            phase = Phase.DONE;
        }
        offer(fresh, after);
    }

    /** How many pages the pass may read in this sync: those due by now on its schedule, within the budget left. */
    private int reconcileAllowance(ListingState state, Pass pass, Instant now, int limit) {
        long total = runTotal != null ? runTotal : pass.total();
        long pages = Math.max(1, pagesFor(total, limit));
        double elapsed = Duration.between(pass.started(), now).toMillis()
                / (double) Math.max(1, budget.fullPassInterval().toMillis());
        long due = (long) Math.floor(Math.min(1.0, Math.max(0.0, elapsed)) * pages);
        long done = pass.index() / limit;
        long behind = due - done;
        int left = budget.reconcileRequestsPerHour() - state.spentWithin(now, HOUR);
        if (elapsed >= 1.0 && behind > left) {
            warnings.add("the reconcile pass is behind its schedule (sync.full-pass-interval "
                    + Durations.format(budget.fullPassInterval()) + "): " + behind + " pages due, "
                    + Math.max(0, left) + " left of its budget share this hour (sync.reconcile-share "
                    + budget.reconcileSharePercent() + "%)");
        }
        return (int) Math.max(0, Math.min(behind, left));
    }

    private LeadPage fetch(int pageNo, Pass pass, long total, int limit) {
        Future<LeadPage> ready = prefetched.remove(pageNo);
        if (pass.initial() && concurrency > 1 && executor != null && provider.capabilities().reportsTotalPages()) {
            long pages = pagesFor(total, limit);
            for (int p = pageNo + 1; p < pageNo + concurrency && p <= pages; p++) {
                if (!prefetched.containsKey(p)) {
                    int n = p;
                    prefetched.put(p, executor.submit(() -> provider.list(query, n)));
                }
            }
        }
        if (ready == null) {
            return provider.list(query, pageNo);
        }
        return await(ready);
    }

    private void cancelPrefetch() {
        prefetched.values().forEach(f -> f.cancel(true));
        prefetched.clear();
    }

    private static LeadPage await(Future<LeadPage> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw PageFetcher.rethrown(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while fetching a page");
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** The position the pass reached, moved by the total's change since (never past the true position). */
    private static long safeIndex(Pass pass, long total) {
        return Math.max(0, pass.index() + (total - pass.total()));
    }

    private boolean updatedSinceLastPass(Lead lead) {
        Instant delivered = window.get(lead.nativeId());
        if (delivered != null && lead.updatedAt() != null && !lead.updatedAt().isAfter(delivered)) {
            return false;
        }
        if (updatedSince == null) {
            return committed.lastPassStarted() == null
                    || lead.updatedAt() == null
                    || !lead.updatedAt().isBefore(committed.lastPassStarted().minus(lookBack));
        }
        return lead.updatedAt() != null && !lead.updatedAt().isBefore(updatedSince);
    }

    private void offer(List<Lead> fresh, ListingState after) {
        for (Lead lead : fresh) {
            buffer.add(Leads.withPersonKey(lead, region));
        }
        if (after == null) {
            return;
        }
        if (buffer.isEmpty()) {
            committed = after;
            afterBuffer = null;
        } else {
            afterBuffer = after;
        }
    }

    private static long total(LeadPage page) {
        return UpdatedAtTail.totalOf(page);
    }

    private static int pagesFor(long leads, int pageSize) {
        return (int) Math.min(Integer.MAX_VALUE, (leads + pageSize - 1) / Math.max(1, pageSize));
    }

    private Instant capped(Instant instant) {
        Instant now = clock.instant();
        return instant.isAfter(now) ? now : instant;
    }
}
