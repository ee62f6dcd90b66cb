package dev.leadbridge.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.server.LeadbridgeServer;
import dev.leadbridge.store.LeadStore;
import dev.leadbridge.store.WebhookInbox;
import dev.leadbridge.store.WebhookInbox.Status;
import dev.leadbridge.testkit.nexor.NexorSimulator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Webhook load: Nexor deliveries (the lead in {@code data}, the token in the URL) posted on loopback at a fixed rate
 * (open loop: each is sent at its scheduled time, and its latency counts from then) into {@code serve}'s server
 * for a given time, each delivery sent a second time once acknowledged (it must be answered {@code duplicate} and
 * counted once). Reports the acknowledgements per second, p50/p99 of the acknowledgement latency, and that 0 are
 * lost (every acknowledged event's lead is in {@code leads} once the inbox is drained), next to the floor: a bare
 * JDBC insert of the same rows, one committed transaction per event, as the server must commit each event before
 * it answers. Into a fresh SQLite file and an embedded PostgreSQL. Then, with {@code --kill}, the server as a child
 * process killed with SIGKILL during the load: after a restart, every acknowledged event's lead is in the store.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.leadbridge.benchmarks.WebhookLoadBench [--rate N]
 *     [--seconds S] [--db sqlite|postgresql|both] [--kill]</pre>
 */
public final class WebhookLoadBench {

    private static final String TOKEN = "nx_bench_token";

    private WebhookLoadBench() {
    }

    /** Runs the bench (or, with {@code --child URL CONFIG}, the server of the SIGKILL run). */
    public static void main(String[] args) throws Exception {
        System.setProperty("org.jboss.logging.provider", "slf4j");
        if (args.length > 0 && args[0].equals("--child")) {
            child(args[1], args[2]);
            return;
        }
        int rate = 200;
        int seconds = 60;
        String db = "both";
        boolean kill = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--db" -> db = args[++i];
                case "--kill" -> kill = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Logging.quiet();
        Path dir = Files.createTempDirectory("webhook-bench");
        int events = rate * seconds;
        boolean ok = true;
        try (NexorSimulator nx = NexorSimulator.builder().seed(events + 2000, 99).build()) {
            List<ObjectNode> leads = nx.leads();
            if (!db.equals("postgresql")) {
                ok &= run("sqlite", "jdbc:sqlite:" + dir.resolve("serve.db"), "jdbc:sqlite:" + dir.resolve("floor.db"),
                        nx, leads, rate, seconds);
            }
            if (!db.equals("sqlite")) {
                try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
                    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                        st.execute("CREATE DATABASE serve");
                        st.execute("CREATE DATABASE floor");
                    }
                    ok &= run("postgresql", pg.getJdbcUrl("postgres", "serve"), pg.getJdbcUrl("postgres", "floor"),
                            nx, leads, rate, seconds);
                }
            }
            if (kill) {
                ok &= killRun(dir, nx, leads.subList(events, events + 2000), rate);
            }
        }
        System.exit(ok ? 0 : 1);
    }

    private static ConnectionConfig config(NexorSimulator nx) {
        return ConnectionConfig.builder("nx").provider("nexor").baseUrl(nx.baseUrl()).apiKey(nx.apiKey())
                .option("webhook-secret", TOKEN).build();
    }

    static byte[] delivery(ObjectNode lead) {
        String id = lead.get("id").asText();
        return ("{\"event_type\":\"lead.updated\",\"event_id\":\"evt-" + id + "\",\"webhook_id\":\"w1\","
                + "\"delivery_id\":\"d-" + id + "\",\"timestamp\":\"2026-04-17T16:30:00.000Z\",\"client_id\":\"c1\","
                + "\"test\":false,\"data\":" + lead + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** What one load run saw. */
    record Load(int sent, Set<String> acked, int duplicatesAcked, int refused, long[] latenciesNanos, double seconds) {
    }

    private static boolean run(String name, String url, String floorUrl, NexorSimulator nx, List<ObjectNode> leads,
                               int rate, int seconds) throws Exception {
        Load load;
        long drainMillis;
        Set<String> stored;
        try (LeadStore store = LeadStore.open(url);
             LeadbridgeServer server = LeadbridgeServer.builder().store(store).connections(List.of(config(nx)))
                     .port(0).every(Duration.ofHours(1)).build().start()) {
            load(server.url(), leads.subList(0, Math.min(leads.size(), rate * 5)), rate, 5);   // warm-up
            load = load(server.url(), leads.subList(rate * 5 > leads.size() ? 0 : rate * 5, leads.size()), rate,
                    seconds);
            long t0 = System.nanoTime();
            WebhookInbox inbox = WebhookInbox.of(store, n -> Optional.empty());
            while (inbox.count(Status.PENDING) > 0 && System.nanoTime() - t0 < TimeUnit.MINUTES.toNanos(5)) {
                Thread.sleep(100);
            }
            drainMillis = (System.nanoTime() - t0) / 1_000_000;
            stored = ids(url, "SELECT id FROM leads");
        }
        Set<String> lost = new HashSet<>(load.acked());
        lost.removeAll(stored);
        double floor = floor(floorUrl, Math.max(2000, Math.min(load.acked().size(), 5000)));
        long[] l = load.latenciesNanos();
        Arrays.sort(l);
        System.out.printf(Locale.ROOT, "%s: offered %d/s for %ds: %d acknowledged (%.0f/s), %d duplicates answered"
                        + " 'duplicate', %d refused or failed, ack latency p50 %.1f ms p99 %.1f ms, lost %d, inbox"
                        + " drained %d ms after the load; floor (bare JDBC insert, one commit per row) %.0f rows/s%n",
                name, rate, seconds, load.acked().size(), load.acked().size() / load.seconds(),
                load.duplicatesAcked(), load.refused(), pct(l, 0.50), pct(l, 0.99), lost.size(), drainMillis, floor);
        return lost.isEmpty() && load.refused() == 0 && load.duplicatesAcked() == load.acked().size();
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN
                : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    /** Posts one delivery per lead at {@code rate} per second, then each again once acknowledged. */
    static Load load(String baseUrl, List<ObjectNode> leads, int rate, int seconds) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create(baseUrl + "/webhooks/nx?token=" + TOKEN);
        int total = Math.min(leads.size(), rate * seconds);
        Set<String> acked = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        long[] latencies = new long[total];
        CountDownLatch done = new CountDownLatch(total);
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            ObjectNode lead = leads.get(i);
            byte[] body = delivery(lead);
            int slot = i;
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenCompose(first -> {
                latencies[slot] = System.nanoTime() - due;
                if (first.statusCode() != 200) {
                    refused.incrementAndGet();
                    return CompletableFuture.completedFuture(null);
                }
                acked.add("nx:" + lead.get("id").asText());
                return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenAccept(again -> {
                    if (again.statusCode() == 200 && again.body().contains("duplicate")) {
                        duplicates.incrementAndGet();
                    }
                });
            }).whenComplete((v, e) -> {
                if (e != null) {
                    refused.incrementAndGet();
                }
                done.countDown();
            });
        }
        done.await(5, TimeUnit.MINUTES);
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Load(total, acked, duplicates.get(), refused.get(), latencies, elapsed);
    }

    /** Rows per second of a bare JDBC insert of event rows, one committed transaction each, into a fresh database. */
    static double floor(String url, int rows) throws Exception {
        LeadStore.open(url).close();   // the same schema
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhook_events (event_key, connection,"
                    + " event_type, received_at, lead_id, status) VALUES (?, 'nx', 'lead.updated', ?, ?, 'pending')")) {
                boolean sqlite = url.startsWith("jdbc:sqlite:");
                long t0 = System.nanoTime();
                for (int i = 0; i < rows; i++) {
                    ps.setString(1, "nx:evt-" + i);
                    if (sqlite) {
                        ps.setString(2, Instant.now().toString());
                    } else {
                        ps.setObject(2, java.time.OffsetDateTime.now());
                    }
                    ps.setString(3, "nx:lead-" + i);
                    ps.executeUpdate();
                }
                return rows / ((System.nanoTime() - t0) / 1e9);
            }
        }
    }

    private static Set<String> ids(String url, String sql) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    // ------------------------------------------------------------------------------------------ SIGKILL run

    private static boolean killRun(Path dir, NexorSimulator nx, List<ObjectNode> leads, int rate) throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("kill.db");
        Path config = dir.resolve("nx.url");
        Files.writeString(config, nx.baseUrl() + "\n" + nx.apiKey() + "\n");
        Process child = child(url, config);
        Load load;
        try {
            String base = address(child);
            CompletableFuture<Load> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return load(base, leads, rate, leads.size() / rate);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(leads.size() * 1000L / rate / 2);
            child.destroyForcibly();   // SIGKILL, half-way
            child.waitFor();
            load = running.get();
        } finally {
            child.destroyForcibly();
        }
        Set<String> recorded = ids(url, "SELECT lead_id FROM webhook_events");
        Process again = child(url, config);
        Set<String> stored;
        long t0 = System.nanoTime();
        try {
            address(again);
            stored = ids(url, "SELECT id FROM leads");
            while (!stored.containsAll(load.acked()) && System.nanoTime() - t0 < TimeUnit.MINUTES.toNanos(2)) {
                Thread.sleep(200);
                stored = ids(url, "SELECT id FROM leads");
            }
        } finally {
            again.destroy();
            again.waitFor(60, TimeUnit.SECONDS);
            again.destroyForcibly();
        }
        Set<String> missingEvents = new HashSet<>(load.acked());
        missingEvents.removeAll(recorded);
        Set<String> missingLeads = new HashSet<>(load.acked());
        missingLeads.removeAll(stored);
        System.out.printf(Locale.ROOT, "sigkill (sqlite): %d acknowledged before the kill, %d refused after it;"
                        + " after the restart %d acknowledged events missing from webhook_events, %d leads missing"
                        + " from leads (all stored %d ms after the restart)%n", load.acked().size(), load.refused(),
                missingEvents.size(), missingLeads.size(), (System.nanoTime() - t0) / 1_000_000);
        return missingEvents.isEmpty() && missingLeads.isEmpty() && !load.acked().isEmpty();
    }

    private static Process child(String url, Path config) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), WebhookLoadBench.class.getName(), "--child", url,
                config.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static String address(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("listening on ")) {
                return line.substring("listening on ".length());
            }
        }
        throw new IllegalStateException("the child server did not start");
    }

    /** The child: the server on a store, until killed. */
    private static void child(String url, String configFile) throws Exception {
        Logging.quiet();
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of(configFile)));
        ConnectionConfig config = ConnectionConfig.builder("nx").provider("nexor").baseUrl(lines.get(0))
                .apiKey(lines.get(1)).option("webhook-secret", TOKEN).build();
        LeadStore store = LeadStore.open(url);
        LeadbridgeServer server = LeadbridgeServer.builder().store(store).connections(List.of(config)).port(0)
                .every(Duration.ofHours(1)).build().start();
        System.out.println("listening on " + server.url());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
