package dev.leadbridge.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.client.SyncCheckpoint;
import dev.leadbridge.client.SyncResult;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.testkit.MutableClock;
import dev.leadbridge.testkit.SimulatorServer;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Requests per incremental sync against the floor (1 request for "nothing changed", {@code ceil(k/100)+1} for k
 * changed leads), per provider, counted by the testkit simulators ({@code requestCount()}) on loopback with a
 * simulated clock shared by the simulator and the client. Rows: the first sync of the account, nothing changed,
 * 1/10/100/1000 leads changed, and a trickle of 100 changes a minute synced every minute (the mean of the minutes
 * after the first two). Each sync must deliver every changed lead (checked). A request count, not a timing: it does
 * not depend on the machine.
 *
 * <p>workspace-v1's account defaults to 2,000 leads: its every sync re-reads the whole account, and the client's own
 * limiter keeps the key's 1000 requests per hour in real time, which a larger account would reach within the run.
 * {@code --look-back S} sets the client's look-back in seconds (default the client's default) to compare.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.leadbridge.benchmarks.SyncCostBench [--leads N]
 *     [--workspace-leads N] [--minutes M] [--look-back S]</pre>
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
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--leads")) {
                leads = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--workspace-leads")) {
                workspaceLeads = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--look-back")) {
                lookBack = Duration.ofSeconds(Long.parseLong(args[++i]));
            } else if (args[i].equals("--minutes")) {
                minutes = Integer.parseInt(args[++i]);
            }
        }
        Logging.quiet();
        System.out.printf(Locale.ROOT, "%-13s %-34s %9s %6s %7s%n", "provider", "row", "requests", "floor", "× floor");
        octanist(leads, minutes);
        workspace(workspaceLeads, minutes);
    }

    private static void octanist(int leads, int minutes) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (OctanistSimulator sim = OctanistSimulator.builder().clock(clock).seed(leads, 7).build()) {
            clock.advance(Duration.ofHours(1));
            List<String> ids = sim.leads().stream().map(l -> l.get("id").asText()).toList();
            Bench bench = new Bench("octanist", sim, clock, ConnectionConfig.builder("c").provider("octanist")
                    .baseUrl(sim.baseUrl()).apiKey(sim.apiKey()).build(), ids, id -> {
                ObjectNode lead = sim.lead(id).orElseThrow();
                lead.put("updatedAt", MILLIS.format(clock.instant()));
                sim.put(lead);
            });
            bench.run(minutes);
        }
    }

    private static void workspace(int leads, int minutes) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (WorkspaceSimulator sim = WorkspaceSimulator.builder().clock(clock).seed(leads, 7)
                .rateLimit(1_000_000, Duration.ofHours(1)).build()) {
            clock.advance(Duration.ofHours(1));
            List<String> ids = sim.leads().stream().map(l -> l.get("id").asText()).toList();
            Bench bench = new Bench("workspace-v1", sim, clock, ConnectionConfig.builder("c")
                    .provider("workspace-v1").baseUrl(sim.baseUrl()).apiKey(sim.apiKey()).build(), ids, id -> {
                ObjectNode lead = sim.lead(id).orElseThrow();
                lead.put("updatedAt", MILLIS.format(clock.instant()));
                sim.put(lead);
            });
            bench.run(minutes);
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
        private SyncCheckpoint checkpoint = SyncCheckpoint.initial();
        private int nextChange;

        Bench(String provider, SimulatorServer sim, MutableClock clock, ConnectionConfig config, List<String> ids,
              Consumer<String> touch) {
            this.provider = provider;
            this.sim = sim;
            this.clock = clock;
            this.client = LeadbridgeClient.builder().clock(clock).connection(config).pageConcurrency(1)
                    .syncLookBack(lookBack).build();
            this.ids = ids;
            this.touch = touch;
        }

        void run(int minutes) {
            try (client) {
                Set<String> all = new HashSet<>(ids);
                row("first sync (" + ids.size() + " leads)", ids.size(), sync(all));
                clock.advance(Duration.ofMinutes(1));
                row("nothing changed", 0, sync(Set.of()));
                for (int k : new int[] {1, 10, 100, 1000}) {
                    Set<String> changed = change(k, Duration.ofMinutes(1));
                    row(k + " changed", k, sync(changed));
                }
                long total = 0;
                int counted = 0;
                for (int m = 1; m <= minutes; m++) {
                    Set<String> changed = change(100, Duration.ofMinutes(1));
                    long requests = sync(changed);
                    if (m > 2) {
                        total += requests;
                        counted++;
                    }
                }
                row("trickle 100/min, sync every min", 100, (double) total / Math.max(1, counted));
            }
        }

        /** Changes {@code k} distinct leads spread evenly over {@code over} of simulated time. */
        private Set<String> change(int k, Duration over) {
            Set<String> changed = new HashSet<>();
            long step = over.toNanos() / k;
            for (int i = 0; i < k; i++) {
                clock.advance(Duration.ofNanos(step));
                String id = ids.get(nextChange++ % ids.size());
                touch.accept(id);
                changed.add(id);
            }
            return changed;
        }

        /** One sync from the checkpoint; checks every expected lead came; returns the requests it made. */
        private long sync(Set<String> expected) {
            long before = sim.requestCount();
            Set<String> got = new HashSet<>();
            try (SyncResult result = client.changesSince("c", checkpoint, PAGES_OF_100)) {
                for (Lead lead : result.leads()) {
                    got.add(lead.nativeId());
                }
                checkpoint = result.next();
            }
            if (!got.containsAll(expected)) {
                List<String> missing = new ArrayList<>(expected);
                missing.removeAll(got);
                throw new IllegalStateException(provider + ": the sync missed " + missing.size() + " changed leads");
            }
            return sim.requestCount() - before;
        }

        private void row(String name, int changed, double requests) {
            long floor = changed == 0 ? 1 : (changed + 99) / 100 + 1;
            System.out.printf(Locale.ROOT, "%-13s %-34s %9.1f %6d %6.2f×%n", provider, name, requests, floor,
                    requests / floor);
        }
    }
}
