package dev.leadbridge.benchmarks;

import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.store.LeadStore;
import dev.leadbridge.store.LeadSync;
import dev.leadbridge.store.SyncReport;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A first sync of 1,000,000 Octanist leads into an empty store, in a JVM limited to {@code -Xmx256m}: the sync runs
 * in a child process started here ({@code LeadSync} through the library, as {@code leadbridge sync} does), against
 * a {@link StreamingOctanistFake} in this process that computes every lead from its index (so the leads live in
 * neither JVM), into a fresh SQLite file and into PostgreSQL (an embedded server started here). Reports wall time,
 * leads/s, the child's peak heap (sampled, and live after a collection) and peak RSS, and checks that the store
 * holds every lead. Exits 1 when the child fails (e.g. out of memory) or a lead is missing.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.leadbridge.benchmarks.FirstSyncMemoryBench [--leads N]
 *     [--db sqlite|postgresql|both] [--xmx 256m]</pre>
 */
public final class FirstSyncMemoryBench {

    private FirstSyncMemoryBench() {
    }

    /** Runs the bench, or with {@code --child} the sync itself. */
    public static void main(String[] args) throws Exception {
        Logging.quiet();
        if (args.length > 0 && args[0].equals("--child")) {
            child(args[1], args[2], args[3]);
            return;
        }
        long leads = 1_000_000;
        String db = "both";
        String xmx = "256m";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--leads" -> leads = Long.parseLong(args[++i]);
                case "--db" -> db = args[++i];
                case "--xmx" -> xmx = args[++i];
                default -> {
                    System.err.println("unknown flag '" + args[i] + "'; known: --leads, --db, --xmx");
                    System.exit(2);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s, first sync of %,d leads, sync JVM -Xmx%s, load average %s%n",
                Instant.now(), leads, xmx, StoreWriteBench.loadAverage());
        boolean ok = true;
        Path dir = Files.createTempDirectory("first-sync");
        try (StreamingOctanistFake fake = new StreamingOctanistFake(leads)) {
            if (!db.equals("postgresql")) {
                ok &= run("sqlite", "jdbc:sqlite:" + dir.resolve("store.db"), fake, leads, xmx, dir);
            }
            if (!db.equals("sqlite")) {
                try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
                    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                        st.execute("CREATE DATABASE first_sync");
                    }
                    ok &= run("postgresql", pg.getJdbcUrl("postgres", "first_sync"), fake, leads, xmx, dir);
                }
            }
        }
        System.out.println("load average at the end " + StoreWriteBench.loadAverage());
        System.exit(ok ? 0 : 1);
    }

    /** Runs one child sync and judges it. */
    private static boolean run(String db, String url, StreamingOctanistFake fake, long leads, String xmx, Path dir)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx" + xmx, "-XX:+HeapDumpOnOutOfMemoryError",
                "-XX:HeapDumpPath=" + dir, "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                FirstSyncMemoryBench.class.getName(), "--child", url, fake.baseUrl(), StreamingOctanistFake.API_KEY);
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, String> result = new HashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("RESULT ")) {
                    for (String pair : line.substring(7).split(" ")) {
                        String[] kv = pair.split("=", 2);
                        result.put(kv[0], kv[1]);
                    }
                } else {
                    System.out.println("  [" + db + "] " + line);
                }
            }
        }
        int exit = child.waitFor();
        long stored;
        try (LeadStore store = LeadStore.builder().url(url).migrate(false).build()) {
            stored = store.count(false);
        }
        boolean ok = exit == 0 && stored == leads;
        if (result.isEmpty()) {
            System.out.printf(Locale.ROOT, "%s: the sync JVM ended with exit code %d and no result; the store holds"
                    + " %,d of %,d leads: TARGET MISSED%n", db, exit, stored, leads);
            return false;
        }
        double seconds = Double.parseDouble(result.get("seconds"));
        System.out.printf(Locale.ROOT, "%s: %,d leads in %.1f s (%,.0f leads/s), %s requests; sync JVM -Xmx%s: peak heap"
                        + " in use %s, peak live heap %s (after %s collections), peak RSS %s; store holds %,d of %,d"
                        + " leads: %s%n", db, Long.parseLong(result.get("inserted")), seconds,
                Long.parseLong(result.get("inserted")) / seconds, result.get("requests"), xmx,
                HeapSampler.mib(Long.parseLong(result.get("peakUsed"))),
                HeapSampler.mib(Long.parseLong(result.get("peakLive"))), result.get("collections"),
                HeapSampler.mib(Long.parseLong(result.get("rss")) * 1024), stored, leads,
                ok ? "target met" : "TARGET MISSED (exit code " + exit + ")");
        return ok;
    }

    /** The child: one first sync through the library, then its figures on one {@code RESULT} line. */
    private static void child(String url, String baseUrl, String apiKey) throws Exception {
        ConnectionConfig config = ConnectionConfig.builder("big").provider("octanist").baseUrl(baseUrl)
                .apiKey(apiKey).build();
        try (HeapSampler heap = HeapSampler.start(10);
             LeadStore store = LeadStore.open(url);
             LeadSync sync = LeadSync.builder().store(store).connection(config).build()) {
            long t0 = System.nanoTime();
            Thread progress = new Thread(() -> {
                try {
                    while (true) {
                        Thread.sleep(30_000);
                        System.out.printf(Locale.ROOT, "%.0f s: heap in use %s, peak live so far %s, RSS %s%n",
                                (System.nanoTime() - t0) / 1e9,
                                HeapSampler.mib(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()),
                                HeapSampler.mib(heap.peakAfterGc()), HeapSampler.mib(status("VmRSS") * 1024));
                    }
                } catch (InterruptedException e) {
                    // the sync ended
                }
            }, "progress");
            progress.setDaemon(true);
            progress.start();
            SyncReport report = sync.run();
            double seconds = (System.nanoTime() - t0) / 1e9;
            progress.interrupt();
            SyncReport.ConnectionReport r = report.connections().get(0);
            System.out.println("sync report: " + r);
            List<String> pairs = new ArrayList<>();
            pairs.add("seconds=" + seconds);
            pairs.add("inserted=" + r.leadsNew());
            pairs.add("requests=" + r.requests());
            pairs.add("peakUsed=" + heap.peakUsed());
            pairs.add("peakLive=" + heap.peakAfterGc());
            pairs.add("collections=" + heap.collections());
            pairs.add("rss=" + status("VmHWM"));
            System.out.println("RESULT " + String.join(" ", pairs));
            System.exit(r.outcome() == SyncReport.Outcome.OK ? 0 : 1);
        }
    }

    /** A kB figure of /proc/self/status (VmRSS, VmHWM), or 0 where there is none. */
    private static long status(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return 0;
    }
}
