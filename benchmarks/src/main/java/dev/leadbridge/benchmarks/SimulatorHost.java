package dev.leadbridge.benchmarks;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs Octanist simulators in a JVM of their own, seeded with many small leads, for the memory bench: the exporting
 * JVM's {@code -Xmx256m} then measures the client alone. Prints one line per simulator,
 * {@code SIMULATOR <baseUrl> <apiKey>}, then {@code READY <leads>}, and serves until its standard input closes.
 *
 * <p>Run by {@link MemoryBench}; by hand: {@code java -Xmx3g -cp benchmarks.jar
 * dev.leadbridge.benchmarks.SimulatorHost --leads 1000000 --connections 4}.
 */
public final class SimulatorHost {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Instant NEWEST = Instant.parse("2025-06-01T00:00:00Z");
    private static final String[] STATUSES = {"open", "qualified", "won", "lost"};

    private SimulatorHost() {
    }

    /** Starts the simulators, seeds them, reports their addresses and serves until stdin closes. */
    public static void main(String[] args) throws IOException {
        Logging.quiet();
        long leads = 1_000_000;
        int connections = 4;
        Duration latency = Duration.ZERO;
        boolean realistic = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--leads" -> leads = Long.parseLong(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--latency-ms" -> latency = Duration.ofMillis(Long.parseLong(args[++i]));
                case "--realistic" -> realistic = true;
                default -> throw new IllegalArgumentException("unknown flag '" + args[i]
                        + "'; known: --leads, --connections, --latency-ms, --realistic");
            }
        }
        List<OctanistSimulator> simulators = new ArrayList<>();
        long seeded = 0;
        for (int c = 0; c < connections; c++) {
            long count = leads / connections + (c < leads % connections ? 1 : 0);
            OctanistSimulator simulator;
            if (realistic) {  // the end-to-end benches' leads, about 1 KB of JSON each
                simulator = OctanistSimulator.builder().seed((int) count, 1_000 + c).build();
            } else {
                simulator = OctanistSimulator.builder().build();
                for (long j = 0; j < count; j++) {
                    simulator.put(smallLead(c, j));
                }
            }
            simulator.faults().latency(latency);
            simulators.add(simulator);
            seeded += count;
        }
        for (OctanistSimulator simulator : simulators) {
            System.out.println("SIMULATOR " + simulator.baseUrl() + " " + simulator.apiKey());
        }
        System.out.println("READY " + seeded);
        System.out.flush();
        InputStream in = System.in;
        while (in.read() >= 0) {
            // serve until the parent closes our stdin (or dies)
        }
        simulators.forEach(OctanistSimulator::close);
        System.exit(0);
    }

    /** Starts this host in a JVM of its own with heap {@code heap} (e.g. {@code 3g}) and these flags. */
    static Process start(String heap, String... flags) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-cp",
                System.getProperty("java.class.path"), SimulatorHost.class.getName()));
        command.addAll(List.of(flags));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Reads the host's {@code SIMULATOR <baseUrl> <apiKey>} lines into {@code simulators}; returns the leads seeded. */
    static long awaitReady(Process host, List<String[]> simulators) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("SIMULATOR ")) {
                String[] parts = line.split(" ");
                simulators.add(new String[] {parts[1], parts[2]});
            } else if (line.startsWith("READY ")) {
                return Long.parseLong(line.substring("READY ".length()).trim());
            }
        }
        throw new IOException("the simulator JVM ended before it was ready (exit code "
                + (host.isAlive() ? "none yet" : host.exitValue()) + ")");
    }

    /** Closes the host's standard input, so it stops, and waits for it (forcibly after 10 seconds). */
    static void stop(Process host) throws InterruptedException {
        try (OutputStream in = host.getOutputStream()) {
            in.flush();
        } catch (IOException ignored) {
            // it is ending anyway
        }
        if (!host.waitFor(10, TimeUnit.SECONDS)) {
            host.destroyForcibly();
        }
    }

    /** A small but complete current-shape lead: id, name, email, phone, status, value and timestamps. */
    static ObjectNode smallLead(int connection, long n) {
        Instant created = NEWEST.minusSeconds(60 * n + connection);
        ObjectNode lead = JsonNodeFactory.instance.objectNode();
        lead.put("id", String.format(Locale.ROOT, "lead_%d_%09d", connection, n));
        lead.put("name", "Lead " + n);
        lead.put("email", "lead" + n + "@c" + connection + ".example.com");
        lead.put("phone", "+3120" + (5_000_000 + n % 4_000_000));
        lead.put("status", STATUSES[(int) (n % STATUSES.length)]);
        lead.put("value", n % 1_000);
        lead.put("createdAt", TIMESTAMP.format(created));
        lead.put("updatedAt", TIMESTAMP.format(created.plusSeconds(30)));
        return lead;
    }
}
