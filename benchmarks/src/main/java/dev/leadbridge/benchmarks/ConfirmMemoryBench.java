package dev.leadbridge.benchmarks;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.LeadNotFoundException;
import dev.leadbridge.store.LeadStore;
import dev.leadbridge.store.LeadSync;
import dev.leadbridge.store.SyncReport;
import dev.leadbridge.store.internal.Dialect;
import dev.leadbridge.store.internal.LeadRows;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The heap a {@code --full} confirm by id takes over a store of many leads: a SQLite file is filled with N leads of
 * one connection (bare {@code LeadRows} batches, in this process), then a child JVM ({@code -Xmx256m} by default)
 * runs {@code LeadSync.run(all, full = true)} on a connection built in code that cannot list, so the sync reads
 * every stored living lead by id (the same confirm a listing connection's {@code --full} runs on the leads its
 * listing did not show): the provider finds the even ones unchanged and answers "not found" for the odd ones, which
 * are marked deleted. Reports the child's peak heap in use and peak live heap (after a collection), the requests and
 * the deletions. A count, not a timing.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.leadbridge.benchmarks.ConfirmMemoryBench [--leads N]
 *     [--xmx 256m]</pre>
 */
public final class ConfirmMemoryBench {

    private static final String CONNECTION = "big";
    private static final Instant BASE = Instant.parse("2025-01-01T00:00:00Z");

    private ConfirmMemoryBench() {
    }

    /** Runs the bench, or with {@code --child} the confirm itself. */
    public static void main(String[] args) throws Exception {
        Logging.quiet();
        if (args.length > 0 && args[0].equals("--child")) {
            child(args[1]);
            return;
        }
        long leads = 1_000_000;
        String xmx = "256m";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--leads" -> leads = Long.parseLong(args[++i]);
                case "--xmx" -> xmx = args[++i];
                default -> {
                    System.err.println("unknown flag '" + args[i] + "'; known: --leads, --xmx");
                    System.exit(2);
                }
            }
        }
        Path dir = Files.createTempDirectory("confirm-memory");
        String url = "jdbc:sqlite:" + dir.resolve("store.db");
        System.out.printf(Locale.ROOT, "%s, --full confirm of %,d stored leads, sync JVM -Xmx%s, load average %s%n",
                Instant.now(), leads, xmx, StoreWriteBench.loadAverage());
        long t0 = System.nanoTime();
        seed(url, leads);
        System.out.printf(Locale.ROOT, "seeded %,d leads in %.0f s%n", leads, (System.nanoTime() - t0) / 1e9);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx" + xmx, "-XX:+ExitOnOutOfMemoryError", "-cp",
                System.getProperty("java.class.path"), ConfirmMemoryBench.class.getName(), "--child", url);
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                System.out.println("  " + line);
                if (line.startsWith("RESULT ")) {
                    result = line;
                }
            }
        }
        int exit = child.waitFor();
        long living;
        try (LeadStore store = LeadStore.builder().url(url).migrate(false).build()) {
            living = store.count(false);
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);   // the store of a million leads is about 800 MB
            }
        }
        Files.delete(dir);
        boolean ok = exit == 0 && result != null && living == (leads + 1) / 2;
        System.out.printf(Locale.ROOT, "store holds %,d living leads of %,d (expected %,d): %s%n", living, leads,
                (leads + 1) / 2, ok ? "ok" : "FAILED (exit code " + exit + ")");
        System.out.println("load average at the end " + StoreWriteBench.loadAverage());
        System.exit(ok ? 0 : 1);
    }

    /** The stored lead of index {@code i}; the provider answers the same for an even {@code i}. */
    static Lead lead(long i) {
        return Lead.builder().connection(CONNECTION).provider("stub").nativeId(String.format("lead_%09d", i))
                .name("Person " + i).email("person" + i + "@example.com").status(LeadStatus.OPEN).statusRaw("open")
                .createdAt(BASE.plusSeconds(i)).updatedAt(BASE.plusSeconds(i)).build();
    }

    /** Fills a fresh store with {@code n} leads, 1,000 per transaction. */
    private static void seed(String url, long n) throws Exception {
        try (LeadStore store = LeadStore.open(url)) {
            store.count(false);   // creates the schema
        }
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            LeadRows rows = new LeadRows(c, Dialect.SQLITE);
            Instant now = Instant.now();
            List<Lead> batch = new ArrayList<>(1000);
            for (long i = 0; i < n; i++) {
                batch.add(lead(i));
                if (batch.size() == 1000 || i == n - 1) {
                    rows.write(batch, "webhook", now, null);
                    c.commit();
                    batch.clear();
                }
            }
        }
    }

    /** The child: one full confirm through the library, then its figures on one {@code RESULT} line. */
    private static void child(String url) throws Exception {
        try (HeapSampler heap = HeapSampler.start(10);
             LeadStore store = LeadStore.open(url);
             LeadSync sync = LeadSync.builder().store(store).connection(new HalfGoneProvider()).build()) {
            long t0 = System.nanoTime();
            SyncReport.ConnectionReport r = sync.run(List.of(), true).connections().get(0);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.println("sync report: " + r);
            System.out.printf(Locale.ROOT, "RESULT %,d requests, %,d unchanged, %,d deleted in %.0f s; peak heap in"
                    + " use %s, peak live heap %s (after %d collections)%n", r.requests(), r.unchanged(),
                    r.deleted(), seconds, HeapSampler.mib(heap.peakUsed()), HeapSampler.mib(heap.peakAfterGc()),
                    heap.collections());
            System.exit(r.outcome() == SyncReport.Outcome.OK ? 0 : 1);
        }
    }

    /** A connection that cannot list: finds the even leads unchanged, answers "not found" for the odd ones. */
    static final class HalfGoneProvider extends GetOnlyStub {
        @Override
        public String connection() {
            return CONNECTION;
        }

        @Override
        public Lead get(String nativeId) {
            long i = Long.parseLong(nativeId.substring("lead_".length()));
            if (i % 2 == 1) {
                throw new LeadNotFoundException("no lead " + nativeId, ErrorDetails.of("stub", CONNECTION));
            }
            return lead(i);
        }
    }
}
