package dev.leadbridge.client.internal;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.SortField;
import dev.leadbridge.core.SortKey;
import dev.leadbridge.client.SyncBudget;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.ProviderCapabilities;
import dev.leadbridge.core.api.Operation;
import dev.leadbridge.core.canonical.Paging;
import dev.leadbridge.core.canonical.RecentIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;

/**
 * One incremental sync of one connection: every lead created or updated since a {@link SyncState}, lazily, with the
 * state after each delivered lead.
 *
 * <p><b>Ordered mode</b> (the provider sorts by {@code updatedAt} on its server): leads come in {@code updatedAt}
 * order, read by keyset, each request asking for {@code updatedAt >= cursor} where the cursor is the
 * {@code updatedAt} of the last lead seen, so leads that change while the sync runs move behind the cursor instead of
 * shifting pages. The watermark advances with every delivered lead: a sync stopped at any point resumes after the
 * last lead it delivered. A <b>first sync</b> in ordered mode (no watermark, no updatedAt filter) of a provider that
 * also filters by an updatedAt range on its server and reports a total (Octanist) is read by {@link RangedRun}: the
 * account split into disjoint updatedAt ranges read by keyset at once, up to the connection's page concurrency, the
 * state holding each range's position until all are done; leads then come in updatedAt order within each range only.
 * <b>Unordered mode</b> (otherwise): the leads come in the provider's natural order and the
 * watermark advances only once the listing is exhausted, so a stopped sync repeats its work.
 *
 * <p>Both modes start the look-back window before the watermark, to catch leads whose {@code updatedAt} lies in the
 * past when they become visible (clock skew, late commits), and skip a lead already delivered with the same
 * {@code updatedAt}. The watermark never passes the client's clock, so a lead stamped in the future is read again
 * (and skipped) until the clock catches up. Leads without {@code updatedAt} are only delivered by the initial sync.
 *
 * <p><b>Newest-first mode</b> (the provider's natural order is createdAt descending with a reported total, and it
 * cannot sort by {@code updatedAt}: workspace-v1): read by {@link NewestFirstRun}, new leads up to what the checkpoint
 * already has and a budgeted share of a reconcile pass over the older leads, continued across syncs.
 *
 * <p>Ordered mode ends a listing the way {@link dev.leadbridge.core.canonical.ListingGuard} does: a page read
 * further at the same cursor (page 2 on) that brings no lead not already seen in this run (by id and
 * {@code updatedAt}) ends the sync, with a warning, even when the provider says more pages follow, so an endless
 * server cannot keep a sync running. Not thread-safe.
 */
public final class SyncRun implements Iterator<Lead>, AutoCloseable {

    /** Most entries kept in the de-duplication window; beyond it the oldest are dropped (they may repeat). */
    public static final int MAX_WINDOW = 50_000;

    private static final List<SortKey> BY_UPDATED_AT = List.of(SortKey.asc(SortField.UPDATED_AT));
    private static final List<SortKey> NEWEST_FIRST = List.of(SortKey.desc(SortField.CREATED_AT));

    private final ConnectionHandle connection;
    private final LeadProvider provider;
    private final LeadQuery filter;
    private final Duration lookBack;
    private final Clock clock;
    private final boolean ordered;
    private final SyncState start;

    // delivered state
    private Instant watermark;
    private final LinkedHashMap<String, Instant> window;
    private long delivered;

    // ordered mode
    private Instant cursor;
    private int pageNo = 1;
    private boolean exhausted;
    private final ArrayDeque<Lead> buffer = new ArrayDeque<>();
    private RecentIds seenVersions;
    private final List<String> warnings = new ArrayList<>();

    // unordered mode
    private Stream<Lead> stream;
    private Iterator<Lead> unordered;
    private final LinkedHashMap<String, Instant> pending = new LinkedHashMap<>();
    private Instant pendingMax;
    private boolean committed;

    // newest-first mode
    private final NewestFirstRun newest;

    // a first sync read in updatedAt ranges (ordered mode)
    private final ExecutorService executor;
    private RangedRun ranged;
    private boolean splitTried;

    private Lead next;
    private boolean closed;

    /**
     * Prepares a sync; nothing is fetched before the first {@link #hasNext()}.
     *
     * @throws dev.leadbridge.core.error.OperationNotSupportedException when the provider cannot list
     */
    public SyncRun(ConnectionHandle connection, SyncState start, LeadQuery filter, Duration lookBack, Clock clock) {
        this(connection, start, filter, lookBack, clock, SyncBudget.DEFAULT, null);
    }

    /**
     * Prepares a sync; nothing is fetched before the first {@link #hasNext()}.
     *
     * @param budget   what the reconcile pass of a newest-first provider may spend
     * @param executor threads for the pages a first read fetches ahead, or null for one page at a time
     * @throws dev.leadbridge.core.error.OperationNotSupportedException when the provider cannot list
     */
    public SyncRun(ConnectionHandle connection, SyncState start, LeadQuery filter, Duration lookBack, Clock clock,
                   SyncBudget budget, ExecutorService executor) {
        this.connection = connection;
        this.provider = connection.provider();
        if (!provider.capabilities().supports(Operation.LIST)) {
            throw provider.unsupported("listing leads, which incremental sync needs");
        }
        this.filter = filter;
        this.lookBack = lookBack;
        this.clock = clock;
        this.start = start;
        this.ordered = provider.capabilities().sortsOnServer(BY_UPDATED_AT);
        this.watermark = start.watermark();
        this.window = new LinkedHashMap<>(start.window());
        this.cursor = watermark == null ? null : watermark.minus(lookBack);
        this.newest = !ordered && newestFirst(provider.capabilities())
                ? new NewestFirstRun(provider, filter, lookBack, clock, budget, executor,
                connection.pageConcurrency(), connection.defaultRegion(), start.listing(), start.watermark(),
                start.window())
                : null;
        this.executor = executor;
        if (ordered && start.ranges() != null) {
            ranged = RangedRun.resume(connection, filter, lookBack, clock, executor, start.ranges(), start.window());
        }
        this.splitTried = !ordered || start.watermark() != null || ranged != null
                || !RangedRun.eligible(connection, filter, executor);
    }

    /** Whether the provider's listing comes newest first with a reported total (read by {@link NewestFirstRun}). */
    static boolean newestFirst(ProviderCapabilities capabilities) {
        return capabilities.reportsTotalPages() && capabilities.naturalOrder().equals(NEWEST_FIRST);
    }

    /** Requests the reconcile pass of a newest-first provider made in this sync; 0 for other providers. */
    public long reconcileRequests() {
        return newest == null ? 0 : newest.reconcileRequests();
    }

    /** Whether the state advances lead by lead (the provider sorts by updatedAt) or only at the end. */
    public boolean ordered() {
        return ordered || newest != null;
    }

    /** How many leads were delivered so far. */
    public long delivered() {
        return delivered;
    }

    /** The state past every lead delivered so far (in unordered mode: the start state until the end). */
    public SyncState state() {
        if (newest != null) {
            return new SyncState(connection.name(), newest.watermark(), newest.window(), newest.state());
        }
        if (ranged != null) {
            return ranged.state(connection.name(), start);
        }
        Instant w = watermark;
        Map<String, Instant> kept = new LinkedHashMap<>();
        Instant floor = w == null ? null : w.minus(lookBack);
        for (Map.Entry<String, Instant> e : window.entrySet()) {
            if (floor == null || !e.getValue().isBefore(floor)) {
                kept.put(e.getKey(), e.getValue());
            }
        }
        return new SyncState(connection.name(), w, kept);
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (closed) {
            return false;
        }
        next = newest != null ? newest.poll() : ordered ? nextOrdered() : nextUnordered();
        return next != null;
    }

    @Override
    public Lead next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Lead lead = next;
        next = null;
        if (newest != null) {
            delivered++;
            newest.returned(lead);
        } else if (ranged != null) {
            delivered++;
            ranged.returned(lead);
        } else {
            markDelivered(lead);
        }
        return filter.project(lead);
    }

    @Override
    public void close() {
        closed = true;
        next = null;
        buffer.clear();
        if (newest != null) {
            newest.close();
        }
        if (ranged != null) {
            ranged.close();
        }
        if (stream != null) {
            stream.close();
        }
    }

    // ------------------------------------------------------------------------------------------ ordered mode

    private Lead nextOrdered() {
        if (ranged != null) {
            return ranged.poll();
        }
        while (buffer.isEmpty() && !exhausted) {
            LeadQuery query = Leads.forSync(filter, BY_UPDATED_AT, Leads.atLeast(filter.updatedAt(), cursor));
            LeadPage page = provider.list(query, pageNo);
            if (!splitTried) {
                // a first sync: the first page tells whether the account is worth reading in ranges
                splitTried = true;
                ranged = RangedRun.split(connection, filter, query, page, lookBack, clock, executor);
                if (ranged != null) {
                    return ranged.poll();
                }
            }
            if (seenVersions == null) {
                seenVersions = RecentIds.forPageSize(Math.max(1, page.pageSize()));
            }
            Instant lastSeen = null;
            int newVersions = 0;
            for (Lead lead : page.leads()) {
                lastSeen = lead.updatedAt();
                if (seenVersions.add(lead.nativeId() + '\u0000' + lead.updatedAt())) {
                    newVersions++;
                }
                if (!alreadyDelivered(lead)) {
                    buffer.add(Leads.withPersonKey(lead, connection.defaultRegion()));
                }
            }
            if (page.receivedIds().size() > page.leads().size()) {
                // leads a client-side filter dropped still count as brought by the page (by id alone)
                Set<String> kept = new HashSet<>();
                page.leads().forEach(lead -> kept.add(lead.nativeId()));
                for (String id : page.receivedIds()) {
                    if (!kept.contains(id) && seenVersions.add(id + '\u0000')) {
                        newVersions++;
                    }
                }
            }
            boolean more = Paging.hasMore(page, pageNo);
            boolean advances = lastSeen != null && (cursor == null || lastSeen.isAfter(cursor));
            if (!more) {
                exhausted = true;
            } else if (pageNo > 1 && newVersions == 0 && !advances) {
                warnings.add("page " + pageNo + " at updatedAt " + cursor + " brought no lead not already seen"
                        + " although the provider said more pages follow; the sync ended there");
                exhausted = true;
            } else if (lastSeen != null && (cursor == null || lastSeen.isAfter(cursor))) {
                cursor = lastSeen;
                pageNo = 1;
            } else {
                pageNo++;
            }
        }
        return buffer.poll();
    }

    // ------------------------------------------------------------------------------------------ unordered mode

    private Lead nextUnordered() {
        if (unordered == null) {
            LeadQuery query = Leads.forSync(filter, List.of(), Leads.atLeast(filter.updatedAt(), cursor));
            stream = provider.stream(query);
            unordered = stream.iterator();
        }
        while (unordered.hasNext()) {
            Lead lead = unordered.next();
            if (!alreadyDelivered(lead)) {
                return Leads.withPersonKey(lead, connection.defaultRegion());
            }
        }
        commit();
        return null;
    }

    private void commit() {
        if (committed) {
            return;
        }
        committed = true;
        if (pendingMax != null) {
            watermark = capped(watermark == null || pendingMax.isAfter(watermark) ? pendingMax : watermark);
        }
        pending.forEach((id, u) -> {
            window.remove(id);
            window.put(id, u);
        });
        pending.clear();
        prune(window);
        stream.close();
    }

    // ------------------------------------------------------------------------------------------ bookkeeping

    private boolean alreadyDelivered(Lead lead) {
        Instant u = lead.updatedAt();
        if (u == null) {
            return false;
        }
        Instant before = pending.get(lead.nativeId());
        if (before == null) {
            before = window.get(lead.nativeId());
        }
        return before != null && !u.isAfter(before);
    }

    private void markDelivered(Lead lead) {
        delivered++;
        Instant u = lead.updatedAt();
        if (u == null) {
            return;
        }
        if (ordered) {
            window.remove(lead.nativeId());
            window.put(lead.nativeId(), u);
            Instant candidate = capped(u);
            if (watermark == null || candidate.isAfter(watermark)) {
                watermark = candidate;
            }
            prune(window);
        } else {
            pending.remove(lead.nativeId());
            pending.put(lead.nativeId(), u);
            if (pendingMax == null || u.isAfter(pendingMax)) {
                pendingMax = u;
            }
            if (pending.size() > 2 * MAX_WINDOW) {
                Instant floor = capped(pendingMax).minus(lookBack);
                pending.values().removeIf(v -> v.isBefore(floor));
                while (pending.size() > MAX_WINDOW) {
                    pending.remove(pending.keySet().iterator().next());
                }
            }
        }
    }

    /** Drops entries from the oldest end while they lie before the look-back window, and beyond the size cap. */
    private void prune(LinkedHashMap<String, Instant> entries) {
        if (watermark != null) {
            Instant floor = watermark.minus(lookBack);
            Iterator<Map.Entry<String, Instant>> it = entries.entrySet().iterator();
            while (it.hasNext() && it.next().getValue().isBefore(floor)) {
                it.remove();
            }
        }
        while (entries.size() > MAX_WINDOW) {
            entries.remove(entries.keySet().iterator().next());
        }
    }

    private Instant capped(Instant instant) {
        Instant now = clock.instant();
        return instant.isAfter(now) ? now : instant;
    }

    /** Why the listing ended early, if it did: each warning once, in order; empty for a listing that ended normally. */
    public List<String> warnings() {
        if (newest != null) {
            return newest.warnings();
        }
        if (ranged != null) {
            return ranged.warnings();
        }
        return List.copyOf(warnings);
    }

    /** The state the sync started from. */
    public SyncState startState() {
        return start;
    }
}
