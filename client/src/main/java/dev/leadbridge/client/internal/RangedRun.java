package dev.leadbridge.client.internal;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.Range;
import dev.leadbridge.core.SortField;
import dev.leadbridge.core.SortKey;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.ProviderCapabilities;
import dev.leadbridge.core.api.QueryFeature;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * A first sync of a provider that sorts by {@code updatedAt}, filters by an {@code updatedAt} range on its server and
 * reports a listing's total (Octanist), read with several pages in flight: the account is split into disjoint ranges
 * {@code [t0,t1), [t1,t2), ..., [tn, open)} of {@code updatedAt}, and each range is read by keyset (ascending
 * {@code updatedAt}, {@code updatedAt >= cursor} and {@code < upper}), one page of each range in flight at a time,
 * up to the connection's page concurrency at once.
 *
 * <p><b>Boundaries.</b> The first page of the listing (sorted by {@code updatedAt} ascending, which a sequential
 * first sync reads anyway) reports the total {@code T}; the lead at each index {@code i*T/n} is read with
 * {@code limit=1&page=i*T/n+1} (n-1 requests, concurrently) and its {@code updatedAt} is a boundary. Exact quantiles
 * cost one small request each and give ranges of equal size whatever the distribution of {@code updatedAt} (an
 * import of a million leads within a minute included), which splitting the time span would not. The first page's
 * leads are the first range's first page.
 *
 * <p><b>Why nothing is lost.</b> Every range but the last has an upper bound at or before the {@code updatedAt} of a
 * lead that existed when the boundaries were read, so a lead updated or created during the sync gets an
 * {@code updatedAt} past every bound and lands in the last range, which is open and read to its end after every
 * other range is done (so every lead that existed when the run started is delivered by the run, and a lead updated
 * after the last range's final page comes with the next incremental sync, which starts from the watermark); a resumed
 * run reads it on from its position the same way, so it also brings what changed between the runs. A lead updated in a range already read is read again in the
 * last range; one deleted is simply not read (a full sync confirms deletions). Keyset reads never shift.
 *
 * <p><b>State.</b> Leads are delivered page by page as the pages come, in {@code updatedAt} order within a range.
 * The state after each delivered lead holds every range's bounds and the {@code updatedAt} of its last delivered lead
 * ({@link UpdatedAtRanges}), and the leads delivered within the look-back before it (so a resumed range does not
 * deliver them again): a stopped sync resumes each range where it stopped. The watermark moves only over ranges that
 * are done: it is the latest {@code updatedAt} delivered by the ranges up to the first that is not done. Once every
 * range is done the state becomes an ordinary incremental one (watermark at the latest {@code updatedAt} delivered).
 * Within one run a lead is delivered once per version: a range's pages overlap at the cursor (dropped by id and
 * {@code updatedAt}), and an older version of a lead read after its newer version (a page of a lower range fetched
 * before the update, delivered after the last range's page with the update) is dropped. Not thread-safe.
 */
final class RangedRun {

    private static final List<SortKey> BY_UPDATED_AT = List.of(SortKey.asc(SortField.UPDATED_AT));

    private final LeadProvider provider;
    private final LeadQuery filter;
    private final Duration lookBack;
    private final Clock clock;
    private final ExecutorService executor;
    private final int concurrency;
    private final String region;
    private final List<Part> parts;
    private final CompletionService<Fetched> completions;
    private final ArrayDeque<Item> buffer = new ArrayDeque<>();
    /** Leads delivered in this run with an updatedAt from about its start on (updated during the run), newest kept. */
    private final LinkedHashMap<String, Instant> recent = new LinkedHashMap<>();
    private final Instant recentSince;
    private final List<String> warnings = new ArrayList<>();
    private int inFlight;
    private Item pending;
    private boolean closed;

    /** One range and its reader. */
    private static final class Part {
        final Instant lower;
        final Instant upper;
        /** updatedAt of the last lead delivered (the checkpoint's position). */
        Instant from;
        boolean done;
        /** Where the next request reads from, ahead of {@code from} while pages wait to be delivered. */
        Instant cursor;
        int pageNo = 1;
        boolean exhausted;
        /** The open last range reached its end while other ranges were still read: it goes on once they are done. */
        boolean parked;
        Future<Fetched> future;
        RecentIds seen;
        /** Leads delivered within the look-back before {@code from}, oldest first. */
        final LinkedHashMap<String, Instant> window = new LinkedHashMap<>();

        Part(Instant lower, Instant upper, Instant from, boolean done) {
            this.lower = lower;
            this.upper = upper;
            this.from = from;
            this.done = done;
            this.cursor = from != null ? from : lower;
            this.exhausted = done;
        }

        boolean contains(Instant u) {
            return (lower == null || !u.isBefore(lower)) && (upper == null || u.isBefore(upper));
        }
    }

    /** A lead to deliver (or, with a null lead, the end of a range that brought none on its last page). */
    private record Item(Lead lead, Part part, boolean last) {
    }

    private record Fetched(Part part, Instant cursor, int pageNo, LeadPage page) {
    }

    private RangedRun(ConnectionHandle connection, LeadQuery filter, Duration lookBack, Clock clock,
                      ExecutorService executor, List<Part> parts) {
        this.provider = connection.provider();
        this.filter = filter;
        this.lookBack = lookBack;
        this.clock = clock;
        this.executor = executor;
        this.concurrency = executor == null ? 1 : Math.max(1, connection.pageConcurrency());
        this.region = connection.defaultRegion();
        this.parts = parts;
        this.completions = new ExecutorCompletionService<>(executor != null ? executor : Runnable::run);
        this.recentSince = clock.instant().minus(lookBack);
    }

    /** Whether a first sync of this connection with this filter may be read in ranges (before any request). */
    static boolean eligible(ConnectionHandle connection, LeadQuery filter, ExecutorService executor) {
        ProviderCapabilities capabilities = connection.provider().capabilities();
        return executor != null && connection.pageConcurrency() > 1 && filter.updatedAt() == null
                && capabilities.reportsTotalPages() && capabilities.serverFilters().contains(QueryFeature.UPDATED_AT);
    }

    /**
     * Splits the account from its first page ({@code firstQuery}: every lead sorted by updatedAt ascending, page 1)
     * into ranges; null when the page shows the listing is not worth splitting or cannot be (no total, one page, a
     * lead without updatedAt, ties on every boundary), and the caller reads on one page at a time.
     */
    static RangedRun split(ConnectionHandle connection, LeadQuery filter, LeadQuery firstQuery, LeadPage first,
                           Duration lookBack, Clock clock, ExecutorService executor) {
        Long total = first.totalCount();
        int limit = Math.max(1, first.pageSize());
        if (total == null || total > Integer.MAX_VALUE || !first.hasMore() || first.leads().isEmpty()
                || first.leads().stream().anyMatch(l -> l.updatedAt() == null)) {
            return null;
        }
        long pages = (total + limit - 1) / limit;
        int n = (int) Math.min(connection.pageConcurrency(), pages - 1);
        if (n < 2) {
            return null;
        }
        LeadQuery probe = firstQuery.toBuilder().pageSize(1).build();
        List<Future<LeadPage>> probes = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            int page = (int) (i * total / n) + 1;
            probes.add(executor.submit(() -> connection.provider().list(probe, page)));
        }
        TreeSet<Instant> bounds = new TreeSet<>();
        try {
            for (Future<LeadPage> f : probes) {
                for (Lead lead : f.get().leads()) {
                    if (lead.updatedAt() == null) {
                        return null;
                    }
                    bounds.add(lead.updatedAt());
                }
            }
        } catch (ExecutionException e) {
            throw PageFetcher.rethrown(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while reading the listing's boundaries");
        } finally {
            probes.forEach(f -> f.cancel(true));
        }
        Instant lowest = first.leads().get(0).updatedAt();
        bounds.removeIf(b -> !b.isAfter(lowest));
        if (bounds.isEmpty()) {
            return null;
        }
        List<Part> parts = new ArrayList<>();
        Instant lower = null;
        for (Instant bound : bounds) {
            parts.add(new Part(lower, bound, null, false));
            lower = bound;
        }
        parts.add(new Part(lower, null, null, false));
        RangedRun run = new RangedRun(connection, filter, lookBack, clock, executor, parts);
        run.absorb(new Fetched(parts.get(0), null, 1, first));
        run.schedule();
        return run;
    }

    /** Continues a first sync read in ranges from a checkpoint's state. */
    static RangedRun resume(ConnectionHandle connection, LeadQuery filter, Duration lookBack, Clock clock,
                            ExecutorService executor, UpdatedAtRanges ranges, Map<String, Instant> window) {
        List<Part> parts = new ArrayList<>();
        for (UpdatedAtRanges.Part p : ranges.parts()) {
            parts.add(new Part(p.lower(), p.upper(), p.from(), p.done()));
        }
        window.forEach((id, u) -> {
            for (Part part : parts) {
                if (part.contains(u)) {
                    part.window.put(id, u);
                    break;
                }
            }
        });
        return new RangedRun(connection, filter, lookBack, clock, executor, parts);
    }

    /** The next lead to deliver, or null when every range was read. */
    Lead poll() {
        while (true) {
            Item item = buffer.poll();
            if (item != null) {
                Lead lead = item.lead();
                Instant newer = lead == null ? null : recent.get(lead.nativeId());
                if (lead == null || (newer != null && lead.updatedAt().isBefore(newer))) {
                    // the end of a range, or an older version of a lead already delivered newer in this run
                    if (item.last()) {
                        item.part().done = true;
                    }
                    continue;
                }
                pending = item;
                return lead;
            }
            if (closed || !fill()) {
                return null;
            }
        }
    }

    /** The lead last polled was returned to the caller: its range's position moves past it. */
    void returned(Lead lead) {
        Item item = pending;
        pending = null;
        if (item == null) {
            return;
        }
        Part part = item.part();
        Instant u = lead.updatedAt();
        part.from = u;
        part.window.remove(lead.nativeId());
        part.window.put(lead.nativeId(), u);
        Instant floor = u.minus(lookBack);
        Iterator<Map.Entry<String, Instant>> it = part.window.entrySet().iterator();
        while (it.hasNext() && it.next().getValue().isBefore(floor)) {
            it.remove();
        }
        int cap = Math.max(1, SyncRun.MAX_WINDOW / parts.size());
        while (part.window.size() > cap) {
            part.window.remove(part.window.keySet().iterator().next());
        }
        if (!u.isBefore(recentSince)) {
            recent.remove(lead.nativeId());
            recent.put(lead.nativeId(), u);
            if (recent.size() > SyncRun.MAX_WINDOW) {
                recent.remove(recent.keySet().iterator().next());
            }
        }
        if (item.last()) {
            part.done = true;
        }
    }

    /**
     * The state past every lead returned so far: with the ranges while one is not done, else an ordinary incremental
     * state (watermark at the latest updatedAt delivered, capped at the clock).
     */
    SyncState state(String connection, SyncState start) {
        boolean all = parts.stream().allMatch(p -> p.done);
        Instant watermark = null;
        for (Part part : parts) {
            if (part.from != null && (watermark == null || part.from.isAfter(watermark))) {
                watermark = part.from;
            }
            if (!part.done && !all) {
                break;
            }
        }
        watermark = watermark == null ? start.watermark() : capped(watermark);
        List<Map.Entry<String, Instant>> kept = new ArrayList<>();
        Instant floor = all && watermark != null ? watermark.minus(lookBack) : null;
        for (Part part : parts) {
            for (Map.Entry<String, Instant> e : part.window.entrySet()) {
                if (floor == null || !e.getValue().isBefore(floor)) {
                    kept.add(e);
                }
            }
        }
        if (all) {
            kept.sort(Map.Entry.comparingByValue());
        }
        Map<String, Instant> window = new LinkedHashMap<>();
        kept.forEach(e -> window.put(e.getKey(), e.getValue()));
        if (all) {
            return new SyncState(connection, watermark, window, start.listing(), null);
        }
        List<UpdatedAtRanges.Part> ranges = new ArrayList<>();
        parts.forEach(p -> ranges.add(new UpdatedAtRanges.Part(p.lower, p.upper, p.from, p.done)));
        return new SyncState(connection, watermark, window, start.listing(), new UpdatedAtRanges(ranges));
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    void close() {
        closed = true;
        buffer.clear();
        for (Part part : parts) {
            if (part.future != null) {
                part.future.cancel(true);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ reading

    /** Starts the next page of every range that has none in flight, lowest range first, up to the concurrency. */
    private void schedule() {
        for (Part part : parts) {
            if (inFlight >= concurrency) {
                return;
            }
            if (part.exhausted || part.future != null) {
                continue;
            }
            if (part.parked) {
                if (!othersExhausted(part)) {
                    continue;
                }
                part.parked = false;
            }
            Instant cursor = part.cursor;
            int pageNo = part.pageNo;
            LeadQuery query = Leads.forSync(filter, BY_UPDATED_AT,
                    cursor == null && part.upper == null ? null : new Range<>(cursor, cursor != null, part.upper, false));
            inFlight++;
            part.future = completions.submit(() -> new Fetched(part, cursor, pageNo, provider.list(query, pageNo)));
        }
    }

    /** Waits for a page of any range and buffers its leads; false when no range has anything left to read. */
    private boolean fill() {
        schedule();
        if (inFlight == 0) {
            return false;
        }
        Fetched fetched;
        try {
            fetched = completions.take().get();
        } catch (ExecutionException e) {
            close();
            throw PageFetcher.rethrown(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new CancellationException("interrupted while fetching a page");
        }
        inFlight--;
        fetched.part().future = null;
        absorb(fetched);
        if (executor != null) {
            schedule();
        }
        return true;
    }

    /** Buffers a page's leads not delivered yet and moves its range's cursor (as the sequential keyset read does). */
    private void absorb(Fetched fetched) {
        Part part = fetched.part();
        LeadPage page = fetched.page();
        if (part.seen == null) {
            part.seen = RecentIds.forPageSize(Math.max(1, page.pageSize()));
        }
        Instant lastSeen = null;
        int newVersions = 0;
        boolean beyond = false;
        List<Lead> fresh = new ArrayList<>();
        for (Lead lead : page.leads()) {
            Instant u = lead.updatedAt();
            if (u == null || !part.contains(u)) {
                beyond = beyond || (u != null && part.upper != null && !u.isBefore(part.upper));
                continue;
            }
            lastSeen = u;
            if (part.seen.add(lead.nativeId() + '\u0000' + u)) {
                newVersions++;
                Instant before = part.window.get(lead.nativeId());
                if (before == null || u.isAfter(before)) {
                    fresh.add(Leads.withPersonKey(lead, region));
                }
            }
        }
        if (page.receivedIds().size() > page.leads().size()) {
            // leads a client-side filter dropped still count as brought by the page (by id alone)
            Set<String> kept = new HashSet<>();
            page.leads().forEach(lead -> kept.add(lead.nativeId()));
            for (String id : page.receivedIds()) {
                if (!kept.contains(id) && part.seen.add(id + '\u0000')) {
                    newVersions++;
                }
            }
        }
        boolean more = !beyond && Paging.hasMore(page, fetched.pageNo());
        boolean advances = lastSeen != null && (fetched.cursor() == null || lastSeen.isAfter(fetched.cursor()));
        boolean ends = false;
        if (!more && part.upper == null && !othersExhausted(part)) {
            // the open range's end for now: leads updated while the other ranges are read land after it, so it is
            // read on from here once they are done (a resumed run too, for the changes made between the runs)
            part.parked = true;
            if (advances) {
                part.cursor = lastSeen;
                part.pageNo = 1;
            }
        } else if (!more) {
            part.exhausted = true;
            ends = true;
        } else if (fetched.pageNo() > 1 && newVersions == 0 && !advances) {
            warnings.add("page " + fetched.pageNo() + " at updatedAt " + fetched.cursor() + " brought no lead not"
                    + " already seen although the provider said more pages follow; the sync ended there");
            part.exhausted = true;
        } else if (advances) {
            part.cursor = lastSeen;
            part.pageNo = 1;
        } else {
            part.pageNo++;
        }
        for (int i = 0; i < fresh.size(); i++) {
            buffer.add(new Item(fresh.get(i), part, ends && i == fresh.size() - 1));
        }
        if (ends && fresh.isEmpty()) {
            buffer.add(new Item(null, part, true));
        }
    }

    private boolean othersExhausted(Part part) {
        for (Part other : parts) {
            if (other != part && !other.exhausted) {
                return false;
            }
        }
        return true;
    }

    private Instant capped(Instant instant) {
        Instant now = clock.instant();
        return instant.isAfter(now) ? now : instant;
    }
}
