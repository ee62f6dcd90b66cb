package dev.leadbridge.benchmarks;

import dev.leadbridge.client.AggregateQuery;
import dev.leadbridge.client.AggregateResult;
import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.client.SyncCheckpoint;
import dev.leadbridge.client.SyncResult;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.store.LeadStore;
import dev.leadbridge.store.LeadSync;
import dev.leadbridge.store.SyncReport;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The wall time of a first sync of one workspace-v1 account against an export of the same account, with a latency
 * injected into every answer of the testkit simulator: the client's {@code changesSince} from the initial checkpoint
 * with 4 pages in flight and with 1 (the old sequential read), and the store's {@code LeadSync} into a new SQLite
 * file. Each is run twice and the faster run is shown (the first warms the JIT and the connection pool). The same for
 * an Octanist account, whose first sync reads disjoint updatedAt ranges with 4 pages in flight.
 */
final class FirstSyncTiming {

    private static final LeadQuery PAGES_OF_100 = LeadQuery.builder().pageSize(100).build();

    private FirstSyncTiming() {
    }

    static void run(int leads, Duration latency) throws Exception {
        try (WorkspaceSimulator sim = WorkspaceSimulator.builder().seed(leads, 11)
                .rateLimit(1_000_000, Duration.ofHours(1)).build()) {
            sim.faults().latency(latency);
            ConnectionConfig config = ConnectionConfig.builder("c").provider("workspace-v1").baseUrl(sim.baseUrl())
                    .apiKey(sim.apiKey()).option("rate-limit.requests", "1000000").build();
            compare("workspace-v1", config, leads, latency);
        }
    }

    /**
     * The same comparison for an Octanist account, whose first sync reads 4 disjoint updatedAt ranges at once, served
     * by {@link StreamingOctanistFake}: the testkit simulator computes each keyset page (a new query each time) under
     * one lock, so it would serve the ranges' pages one after the other and time itself, not the client.
     */
    static void runOctanist(int leads, Duration latency) throws Exception {
        try (StreamingOctanistFake fake = new StreamingOctanistFake(leads)) {
            fake.faults().latency(latency);
            ConnectionConfig config = ConnectionConfig.builder("c").provider("octanist").baseUrl(fake.baseUrl())
                    .apiKey(StreamingOctanistFake.API_KEY).build();
            compare("octanist", config, leads, latency);
        }
    }

    private static void compare(String provider, ConnectionConfig config, int leads, Duration latency)
            throws Exception {
        double export = best(() -> export(config, leads));
        double sync4 = best(() -> sync(config, 4, leads));
        double sync1 = best(() -> sync(config, 1, leads));
        double store = best(() -> store(config, leads));
        System.out.printf(Locale.ROOT, "first sync of %d %s leads at %d ms a request (pages of 100):%n",
                leads, provider, latency.toMillis());
        System.out.printf(Locale.ROOT, "  export (4 pages in flight)                 %6.2f s%n", export);
        System.out.printf(Locale.ROOT, "  changesSince, 4 pages in flight            %6.2f s  %5.2f× export%n", sync4,
                sync4 / export);
        System.out.printf(Locale.ROOT, "  changesSince, 1 page at a time (before)    %6.2f s  %5.2f× export%n", sync1,
                sync1 / export);
        System.out.printf(Locale.ROOT, "  LeadSync into SQLite, default concurrency  %6.2f s  %5.2f× export%n", store,
                store / export);
    }

    private interface Timed {
        void run() throws Exception;
    }

    private static double best(Timed timed) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            long start = System.nanoTime();
            timed.run();
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return best;
    }

    private static void export(ConnectionConfig config, int leads) {
        try (LeadbridgeClient client = LeadbridgeClient.builder().connection(config).pageConcurrency(4).build();
             AggregateResult result = client.stream(AggregateQuery.of(PAGES_OF_100));
             Stream<Lead> all = result.leads()) {
            check("export", all.count(), leads);
        }
    }

    private static void sync(ConnectionConfig config, int pages, int leads) {
        try (LeadbridgeClient client = LeadbridgeClient.builder().connection(config).pageConcurrency(pages).build();
             SyncResult result = client.changesSince("c", SyncCheckpoint.initial(), PAGES_OF_100)) {
            long count = 0;
            for (Lead ignored : result.leads()) {
                count++;
            }
            check("changesSince", count, leads);
        }
    }

    private static void store(ConnectionConfig config, int leads) throws Exception {
        Path dir = Files.createTempDirectory("leadbridge-first-sync");
        try (LeadStore store = LeadStore.open("jdbc:sqlite:" + dir.resolve("store.db"));
             LeadSync sync = LeadSync.builder().store(store).connection(config).build()) {
            SyncReport report = sync.run();
            SyncReport.ConnectionReport c = report.connections().get(0);
            check("LeadSync", c.leadsNew(), leads);
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void check(String what, long got, int expected) {
        if (got != expected) {
            throw new IllegalStateException(what + " read " + got + " leads, expected " + expected);
        }
    }
}
