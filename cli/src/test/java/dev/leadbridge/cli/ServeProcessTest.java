package dev.leadbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.testkit.nexor.NexorSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} in a real process under a stream of Nexor deliveries (token in the URL, the lead in {@code data}):
 * SIGTERM drains and exits 0, SIGKILL loses nothing acknowledged (after a restart every acknowledged event's lead
 * is in {@code leads}). Nexor cannot list, so only the webhooks (and the gets by id of the pending events after a
 * restart) bring its leads into the store: the sync at start stores none of them.
 */
class ServeProcessTest {

    private static final String SECRET = "whsec_process_test";
    private static final Pattern LISTENING = Pattern.compile("serve: listening on (http://\\S+)");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void sigtermDuringDeliveriesFinishesTheRequestsInFlightAndExitsZeroAndARestartStoresEveryAckedLead()
            throws Exception {
        try (NexorSimulator nx = NexorSimulator.builder().seed(400, 7).build()) {
            Path config = config(nx);
            String db = "jdbc:sqlite:" + dir.resolve("leads.db");
            Path err = dir.resolve("serve-1.txt");
            Process serve = start(config, db, err);
            try {
                Set<String> acked = deliverUntil(url(err, serve), nx.leads(), 60, serve::destroy);
                assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
                assertThat(serve.exitValue()).as(Files.readString(err)).isZero();
                String printed = Files.readString(err, StandardCharsets.UTF_8);
                assertThat(printed).contains("serve: stopped").doesNotContain("Exception").doesNotContain(SECRET);
                assertThat(eventsRecorded(db)).containsAll(acked);
            } finally {
                serve.destroyForcibly();
            }
            assertEveryAckedLeadStoredAfterARestart(config, db, Set.copyOf(eventsRecorded(db)));
        }
    }

    @Test
    void sigkillDuringDeliveriesLosesNothingAcknowledged() throws Exception {
        try (NexorSimulator nx = NexorSimulator.builder().seed(400, 8).build()) {
            Path config = config(nx);
            String db = "jdbc:sqlite:" + dir.resolve("leads.db");
            Path err = dir.resolve("serve-1.txt");
            Process serve = start(config, db, err);
            Set<String> acked;
            try {
                acked = deliverUntil(url(err, serve), nx.leads(), 60, serve::destroyForcibly);
                assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                serve.destroyForcibly();
            }
            assertThat(acked).hasSizeGreaterThanOrEqualTo(60);
            assertThat(eventsRecorded(db)).containsAll(acked);
            assertEveryAckedLeadStoredAfterARestart(config, db, acked);
        }
    }

    private void assertEveryAckedLeadStoredAfterARestart(Path config, String db, Set<String> ackedLeads)
            throws Exception {
        Path err = dir.resolve("serve-2.txt");
        Process again = start(config, db, err);
        try {
            url(err, again);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (!leads(db).containsAll(ackedLeads) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(leads(db)).as(Files.readString(err)).containsAll(ackedLeads);
            again.destroy();
            assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(again.exitValue()).isZero();
        } finally {
            again.destroyForcibly();
        }
    }

    private Path config(NexorSimulator nx) throws Exception {
        return Files.writeString(dir.resolve("acme.properties"), String.join("\n",
                "connections.nx.provider = nexor",
                "connections.nx.base-url = " + nx.baseUrl(),
                "connections.nx.api-key = " + nx.apiKey(),
                "connections.nx.webhook-secret = " + SECRET, ""));
    }

    private static Process start(Path config, String db, Path err) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                LeadbridgeCommand.class.getName(), "serve", "--config", config.toString(), "--db", db, "--port", "0",
                "--every", "1h")
                .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static String url(Path err, Process serve) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(Files.readString(err, StandardCharsets.UTF_8));
            if (m.find()) {
                return m.group(1);
            }
            assertThat(serve.isAlive()).as(Files.readString(err)).isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError("serve did not print its address: " + Files.readString(err));
    }

    /**
     * Posts one delivery per lead from 4 threads; once {@code before} are acknowledged runs {@code signal},
     * and keeps posting until the server is gone. Gives the ids of the leads whose delivery was acknowledged.
     */
    private Set<String> deliverUntil(String url, List<ObjectNode> leads, int before, Runnable signal)
            throws Exception {
        Set<String> acked = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger signalled = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (ObjectNode lead : leads) {
            pool.execute(() -> {
                if (refused.get() > 20) {
                    return;
                }
                String id = lead.get("id").asText();
                byte[] body = ("{\"event_type\":\"lead.updated\",\"event_id\":\"evt-" + id + "\",\"webhook_id\":"
                        + "\"w1\",\"delivery_id\":\"d-" + id + "\",\"timestamp\":\"2026-04-17T16:30:00.000Z\","
                        + "\"client_id\":\"c1\",\"test\":false,\"data\":" + lead + "}").getBytes(StandardCharsets.UTF_8);
                try {
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url
                            + "/webhooks/nx?token=" + SECRET))
                            .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 200) {
                        acked.add("nx:" + id);
                        if (acked.size() >= before && signalled.getAndIncrement() == 0) {
                            signal.run();
                        }
                    } else {
                        refused.incrementAndGet();
                    }
                } catch (Exception e) {
                    refused.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        assertThat(signalled.get()).as("the signal was sent during the deliveries").isPositive();
        return acked;
    }

    private static Set<String> leads(String db) throws Exception {
        return column(db, "SELECT id FROM leads");
    }

    /** The lead ids named by recorded events (these events carry their lead). */
    private static Set<String> eventsRecorded(String db) throws Exception {
        return column(db, "SELECT lead_id FROM webhook_events");
    }

    private static Set<String> column(String db, String sql) throws Exception {
        Set<String> values = new HashSet<>();
        try (Connection c = DriverManager.getConnection(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
