package dev.leadbridge.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.client.SyncBudget;
import dev.leadbridge.client.SyncCheckpoint;
import dev.leadbridge.client.SyncResult;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.testkit.MutableClock;
import dev.leadbridge.testkit.SimulatorServer;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import dev.leadbridge.testkit.workspace.SortParameters;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Requests per incremental sync against the floor (1 request for "nothing changed", {@code ceil(k/100)+1} for k
 * changed leads), per provider, counted by the testkit simulators ({@code requestCount()}) on loopback with a
 * simulated clock shared by the simulator and the client. Rows: the first sync of the account, nothing changed,
 * 1/10/100/1000 leads changed, and a trickle of 100 changes a minute synced every minute (the mean of the minutes
 * after the first two). Each sync must deliver every changed lead (checked). A request count, not a timing: it does
 * not depend on the machine.
 *
 * <p>workspace-v1 runs twice: against a server that ignores the undocumented {@code sortBy=updatedAt} (as documented,
 * row label {@code workspace-v1}) and one that honours it ({@code ws-v1 sortBy}, whose "changed" rows are updates to
 * older leads, read from the end of the listing sorted by updatedAt).
 * Ignored, it is read newest first: its "changed" rows are new leads (the cheap part), and a further row measures
 * updates to older leads found by the reconcile pass (100 updates a minute, a sync every minute for
 * {@code --reconcile-minutes}): the reconcile's requests in the busiest sliding hour against its budget share (half of
 * the key's 1000 an hour) and the longest delay from an update to its delivery. Its client-side limiter is lifted
 * (the simulated clock runs faster than the real one) and the budget is given as 1000 an hour. Last, a first sync of
 * {@code --timing-leads} workspace-v1 leads at {@code --latency-ms} per request is timed against an export of the same
 * account: through the client's {@code changesSince} and through the store's {@code LeadSync} into a SQLite file; the
 * same for {@code --timing-leads} Octanist leads (whose first sync reads disjoint updatedAt ranges at once). Octanist's
 * rows run with 4 pages in flight (its first sync in 4 ranges), workspace-v1's with 1.
 * {@code --look-back S} sets the client's look-back in seconds (default the client's default) to compare.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.leadbridge.benchmarks.SyncCostBench [--leads N]
 *     [--workspace-leads N] [--minutes M] [--reconcile-minutes M] [--look-back S] [--timing-leads N]
 *     [--latency-ms L] [--timing-only]</pre>
 */
public final class SyncCostBench {

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final LeadQuery PAGES_OF_100 = LeadQuery.builder().pageSize(100).build();

    private static Duration lookBack = LeadbridgeClient.DEFAULT_SYNC_LOOK_BACK;

    private SyncCostBench() {
    }

    /** Runs both providers and prints one table. */
    public static void main(String[] args) throws Exception {
        int leads = 10_000;
        int workspaceLeads = 2_000;
        int minutes = 10;
        int reconcileMinutes = 150;
        int timingLeads = 3000;
        int latencyMs = 100;
        boolean timingOnly = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--leads")) {
                leads = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--workspace-leads")) {
                workspaceLeads = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--look-back")) {
                lookBack = Duration.ofSeconds(Long.parseLong(args[++i]));
            } else if (args[i].equals("--minutes")) {
                minutes = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--reconcile-minutes")) {
                reconcileMinutes = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--timing-leads")) {
                timingLeads = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--latency-ms")) {
                latencyMs = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--timing-only")) {
                timingOnly = true;
            }
        }
        Logging.quiet();
        if (timingOnly) {
            FirstSyncTiming.run(timingLeads, Duration.ofMillis(latencyMs));
            FirstSyncTiming.runOctanist(timingLeads, Duration.ofMillis(latencyMs));
            return;
        }
        System.out.printf(Locale.ROOT, "%-13s %-38s %9s %6s %7s %10s%n", "provider", "row", "requests", "floor",
                "× floor", "reconcile");
        octanist(leads, minutes);
        workspace(workspaceLeads, minutes, reconcileMinutes, SortParameters.IGNORED);
        workspace(workspaceLeads, minutes, reconcileMinutes, SortParameters.HONOURED);
        System.out.println();
        FirstSyncTiming.run(timingLeads, Duration.ofMillis(latencyMs));
        FirstSyncTiming.runOctanist(timingLeads, Duration.ofMillis(latencyMs));
    }

    private static void octanist(int leads, int minutes) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (OctanistSimulator sim = OctanistSimulator.builder().clock(clock).seed(leads, 7).build()) {
            clock.advance(Duration.ofHours(1));
            List<String> ids = sim.leads().stream().map(l -> l.get("id").asText()).toList();
            // 4 pages in flight: the first sync reads 4 disjoint updatedAt ranges at once
            Bench bench = new Bench("octanist", sim, clock, LeadbridgeClient.builder().pageConcurrency(4)
                    .connection(ConnectionConfig.builder("c").provider("octanist").baseUrl(sim.baseUrl())
                            .apiKey(sim.apiKey()).build()), ids,
                    id -> {
                        ObjectNode lead = sim.lead(id).orElseThrow();
                        lead.put("updatedAt", MILLIS.format(clock.instant()));
                        sim.put(lead);
                    }, null);
            bench.run(minutes);
            bench.close();
        }
    }

    /**
     * workspace-v1 rows against a server that ignores {@code sortBy} (the docs' API: new leads newest first, updates by
     * the reconcile) or honours it (the tail sorted by updatedAt: the "changed" rows are then updates to older leads).
     */
    private static void workspace(int leads, int minutes, int reconcileMinutes, SortParameters sorting)
            throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        boolean sorted = sorting == SortParameters.HONOURED;
        try (WorkspaceSimulator sim = WorkspaceSimulator.builder().clock(clock).seed(leads, 7)
                .rateLimit(1_000_000, Duration.ofHours(1)).sortParameters(sorting).build()) {
            clock.advance(Duration.ofHours(1));
            // the older leads changed are picked at random (not in the listing's order, as a bulk change would)
            List<String> ids = new ArrayList<>(sim.leads().stream().map(l -> l.get("id").asText()).toList());
            Collections.shuffle(ids, new Random(11));
            ObjectNode template = sim.leads().get(0);
            int[] created = {0};
            Bench bench = new Bench(sorted ? "ws-v1 sortBy" : "workspace-v1", sim, clock, LeadbridgeClient.builder()
                    .pageConcurrency(1)
                    .connection(ConnectionConfig.builder("c").provider("workspace-v1").baseUrl(sim.baseUrl())
                            .apiKey(sim.apiKey()).option("rate-limit.requests", "1000000").build())
                    .syncBudget("c", new SyncBudget(SyncBudget.DEFAULT_RECONCILE_SHARE,
                            SyncBudget.DEFAULT_FULL_PASS_INTERVAL, 1000)), ids, id -> {
                ObjectNode lead = sim.lead(id).orElseThrow();
                lead.put("updatedAt", MILLIS.format(clock.instant()));
                sim.put(lead);
            }, sorted ? null : () -> {
                ObjectNode lead = template.deepCopy();
                lead.remove("id");
                lead.put("email", "new" + (created[0]++) + "@example.com");
                lead.put("createdAt", MILLIS.format(clock.instant()));
                lead.put("updatedAt", MILLIS.format(clock.instant()));
                return sim.put(lead).get("id").asText();
            });
            bench.run(minutes);
            bench.reconcile(reconcileMinutes);
            bench.close();
        }
    }

    /** One provider's rows. */
    private static final class Bench {
        private final String provider;
        private final SimulatorServer sim;
        private final MutableClock clock;
        private final LeadbridgeClient client;
        private final List<String> ids;
        private final Consumer<String> touch;
        private final Supplier<String> create;
        private SyncCheckpoint checkpoint = SyncCheckpoint.initial();
        private int nextChange;
        private long reconcile;
        private Map<String, Instant> delivered = new HashMap<>();

        /** {@code create}, when given, makes the "changed" rows new leads (workspace-v1: read newest first). */
        Bench(String provider, SimulatorServer sim, MutableClock clock, LeadbridgeClient.Builder client,
              List<String> ids, Consumer<String> touch, Supplier<String> create) {
            this.provider = provider;
            this.sim = sim;
            this.clock = clock;
            this.client = client.clock(clock).syncLookBack(lookBack).build();
            this.ids = ids;
            this.touch = touch;
            this.create = create;
        }

        void close() {
            client.close();
        }

        void run(int minutes) {
            Set<String> all = new HashSet<>(ids);
            row("first sync (" + ids.size() + " leads)", ids.size(), sync(all));
            String what = create == null ? " changed" : " new";
            clock.advance(Duration.ofMinutes(1));
            row("nothing changed", 0, sync(Set.of()));
            for (int k : new int[] {1, 10, 100, 1000}) {
                Set<String> changed = change(k, Duration.ofMinutes(1));
                row(k + what, k, sync(changed));
            }
            long total = 0;
            long reconciled = 0;
            int counted = 0;
            for (int m = 1; m <= minutes; m++) {
                Set<String> changed = change(100, Duration.ofMinutes(1));
                long requests = sync(changed);
                if (m > 2) {
                    total += requests;
                    reconciled += reconcile;
                    counted++;
                }
            }
            reconcile = reconciled / Math.max(1, counted);
            row("trickle 100" + what + "/min, sync every min", 100, (double) total / Math.max(1, counted));
        }

        /**
         * Updates to older leads (100 a minute, none new), a sync every minute: the reconcile's busiest sliding hour
         * against its budget share, and the longest delay from an update to its delivery.
         */
        void reconcile(int minutes) {
            Map<String, Instant> pending = new HashMap<>();
            ArrayDeque<long[]> window = new ArrayDeque<>();
            long busiest = 0;
            long requests = 0;
            long reconcileTotal = 0;
            Duration longest = Duration.ZERO;
            for (int m = 1; m <= minutes; m++) {
                long step = Duration.ofMinutes(1).toNanos() / 100;
                for (int i = 0; i < 100; i++) {
                    clock.advance(Duration.ofNanos(step));
                    String id = ids.get(nextChange++ % ids.size());
                    touch.accept(id);
                    pending.putIfAbsent(id, clock.instant());
                }
                long before = sim.requestCount();
                delivered = new HashMap<>();
                syncLeads();
                requests += sim.requestCount() - before - reconcile;
                reconcileTotal += reconcile;
                for (Map.Entry<String, Instant> e : delivered.entrySet()) {
                    Instant since = pending.get(e.getKey());
                    if (since != null && !e.getValue().isBefore(since)) {
                        Duration delay = Duration.between(since, clock.instant());
                        longest = delay.compareTo(longest) > 0 ? delay : longest;
                        pending.remove(e.getKey());
                    }
                }
                window.add(new long[] {m, reconcile});
                while (window.peekFirst()[0] <= m - 60) {
                    window.pollFirst();
                }
                busiest = Math.max(busiest, window.stream().mapToLong(w -> w[1]).sum());
            }
            Instant oldest = pending.values().stream().min(Instant::compareTo).orElse(null);
            // read newest first, the updates come with the reconcile and the new-leads part's floor is 1 request;
            // sorted by updatedAt, they come with the sync itself, whose floor for 100 changed leads is 2
            int floor = create == null ? 2 : 1;
            System.out.printf(Locale.ROOT, "%-13s %-38s %9.1f %6d %6.2f× %10.1f%n", provider,
                    "100 updates/min to older leads", (double) requests / minutes, floor,
                    (double) requests / minutes / floor, (double) reconcileTotal / minutes);
            System.out.printf(Locale.ROOT, "%-13s   reconcile over %d min: %d requests, busiest sliding hour %d"
                    + " (budget share %d of 1000/h); longest update-to-delivery %d min; %d updates not yet"
                    + " delivered%s%n", provider, minutes, reconcileTotal, busiest,
                    new SyncBudget(SyncBudget.DEFAULT_RECONCILE_SHARE, SyncBudget.DEFAULT_FULL_PASS_INTERVAL,
                            1000).reconcileRequestsPerHour(), longest.toMinutes(), pending.size(),
                    oldest == null ? "" : " (oldest " + Duration.between(oldest, clock.instant()).toMinutes()
                            + " min)");
            System.out.println();
        }

        /** Changes {@code k} distinct leads spread evenly over {@code over} of simulated time. */
        private Set<String> change(int k, Duration over) {
            Set<String> changed = new HashSet<>();
            long step = over.toNanos() / k;
            for (int i = 0; i < k; i++) {
                clock.advance(Duration.ofNanos(step));
                if (create != null) {
                    changed.add(create.get());
                } else {
                    String id = ids.get(nextChange++ % ids.size());
                    touch.accept(id);
                    changed.add(id);
                }
            }
            return changed;
        }

        /** One sync from the checkpoint; checks every expected lead came; returns the requests it made. */
        private long sync(Set<String> expected) {
            long before = sim.requestCount();
            delivered = new HashMap<>();
            syncLeads();
            Set<String> got = delivered.keySet();
            if (!got.containsAll(expected)) {
                List<String> missing = new ArrayList<>(expected);
                missing.removeAll(got);
                throw new IllegalStateException(provider + ": the sync missed " + missing.size() + " changed leads");
            }
            // the new-leads part: the reconcile's requests are shown on their own
            return sim.requestCount() - before - reconcile;
        }

        private void syncLeads() {
            try (SyncResult result = client.changesSince("c", checkpoint, PAGES_OF_100)) {
                for (Lead lead : result.leads()) {
                    delivered.put(lead.nativeId(), lead.updatedAt() == null ? Instant.EPOCH : lead.updatedAt());
                }
                checkpoint = SyncCheckpoint.parse(result.next().asString());
                reconcile = result.reconcileRequests();
            }
        }

        private void row(String name, int changed, double requests) {
            long floor = changed == 0 ? 1 : (changed + 99) / 100 + 1;
            System.out.printf(Locale.ROOT, "%-13s %-38s %9.1f %6d %6.2f× %10d%n", provider, name, requests, floor,
                    requests / floor, reconcile);
        }
    }
}
