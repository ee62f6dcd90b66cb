package dev.leadbridge.benchmarks;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--leads" -> leads = Long.parseLong(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--latency-ms" -> latency = Duration.ofMillis(Long.parseLong(args[++i]));
                default -> throw new IllegalArgumentException("unknown flag '" + args[i]
                        + "'; known: --leads, --connections, --latency-ms");
            }
        }
        List<OctanistSimulator> simulators = new ArrayList<>();
        long seeded = 0;
        for (int c = 0; c < connections; c++) {
            long count = leads / connections + (c < leads % connections ? 1 : 0);
            OctanistSimulator simulator = OctanistSimulator.builder().build();
            for (long j = 0; j < count; j++) {
                simulator.put(smallLead(c, j));
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
