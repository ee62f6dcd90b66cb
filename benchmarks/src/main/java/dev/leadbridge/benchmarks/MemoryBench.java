package dev.leadbridge.benchmarks;

import dev.leadbridge.client.AggregateQuery;
import dev.leadbridge.client.AggregateResult;
import dev.leadbridge.client.ConnectionOutcome;
import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.core.Lead;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Comparison 2, memory: an export of 1,000,000 simulated leads through {@link LeadbridgeClient} in a JVM run with
 * {@code -Xmx256m}, reporting the peak heap. The simulators hold the leads in a second JVM ({@link SimulatorHost},
 * started here as a child process with a heap of its own), because a million JSON trees do not fit in 256 MB next to
 * anything; the leads are generated there, never in this JVM. Leads are counted, not kept.
 *
 * <p>Run: {@code java -Xmx256m -cp benchmarks/target/benchmarks.jar dev.leadbridge.benchmarks.MemoryBench}
 * [{@code --leads N}] [{@code --connections N}] [{@code --host-heap 3g}] [{@code --concurrency N}].
 */
public final class MemoryBench {

    private MemoryBench() {
    }

    /** Runs the export and prints the figures; exits with 1 when leads are missing or the heap was too large. */
    public static void main(String[] args) throws IOException, InterruptedException {
        Logging.quiet();
        long leads = 1_000_000;
        int connections = 4;
        String hostHeap = "3g";
        int concurrency = LeadbridgeClient.DEFAULT_PAGE_CONCURRENCY;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--leads" -> leads = Long.parseLong(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--host-heap" -> hostHeap = args[++i];
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("unknown flag '" + args[i] + "'; known: --leads, --connections, --host-heap,"
                            + " --concurrency");
                    System.exit(2);
                }
            }
        }
        long maxHeap = HeapSampler.maxHeap();
        System.out.println("exporting JVM: max heap " + HeapSampler.mib(maxHeap) + " (-Xmx), "
                + Runtime.getRuntime().availableProcessors() + " processors, GC "
                + ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList());
        if (maxHeap > 256L * 1024 * 1024) {
            System.out.println("warning: this JVM may use more than 256 MB; run it with -Xmx256m for the figure");
        }

        System.out.println("starting the simulator JVM and seeding " + leads + " leads ...");
        Process host = SimulatorHost.start(hostHeap, "--leads", Long.toString(leads), "--connections",
                Integer.toString(connections));
        try {
            List<String[]> simulators = new ArrayList<>();
            long seeded = SimulatorHost.awaitReady(host, simulators);
            System.out.println("simulator JVM (-Xmx" + hostHeap + ") holds " + seeded + " leads on " + simulators.size()
                    + " connections");
            Properties config = new Properties();
            for (int i = 0; i < simulators.size(); i++) {
                String prefix = "connections.memory-" + (i + 1) + ".";
                config.setProperty(prefix + "provider", "octanist");
                config.setProperty(prefix + "base-url", simulators.get(i)[0]);
                config.setProperty(prefix + "api-key", simulators.get(i)[1]);
                config.setProperty(prefix + "page-concurrency", Integer.toString(concurrency));
            }
            System.gc();
            long baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            long count = 0;
            long start = System.nanoTime();
            Map<String, ConnectionOutcome> outcomes;
            try (HeapSampler heap = HeapSampler.start(5);
                 LeadbridgeClient client = LeadbridgeClient.fromProperties(config, System::getenv);
                 AggregateResult result = client.stream(AggregateQuery.all())) {
                try (Stream<Lead> stream = result.leads()) {
                    for (Iterator<Lead> it = stream.iterator(); it.hasNext(); ) {
                        it.next();
                        if (++count % 200_000 == 0) {
                            System.out.printf(Locale.ROOT, "  %,d leads, heap in use %s%n", count,
                                    HeapSampler.mib(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage()
                                            .getUsed()));
                        }
                    }
                }
                outcomes = result.outcomes();
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                System.out.printf(Locale.ROOT, "exported %,d leads in %.1f s (%,.0f leads/s)%n", count,
                        elapsed.toMillis() / 1000.0, count / (elapsed.toNanos() / 1e9));
                System.out.println("heap before the export: " + HeapSampler.mib(baseline));
                System.out.println("peak heap in use (sampled every 5 ms, garbage included): "
                        + HeapSampler.mib(heap.peakUsed()));
                System.out.println("peak live heap (after a collection): " + HeapSampler.mib(heap.peakAfterGc())
                        + " over " + heap.collections() + " collections");
                System.out.println("sum of the heap pools' peaks (upper bound): "
                        + HeapSampler.mib(HeapSampler.sumOfPoolPeaks()));
            }
            boolean ok = count == seeded;
            for (ConnectionOutcome outcome : outcomes.values()) {
                if (!(outcome instanceof ConnectionOutcome.Ok)) {
                    System.out.println("connection failed: " + outcome);
                    ok = false;
                }
            }
            System.out.println(ok && maxHeap <= 256L * 1024 * 1024
                    ? "target met: " + count + " leads exported under -Xmx256m"
                    : ok ? "export complete, but this JVM was not limited to 256 MB" : "TARGET MISSED: " + count
                    + " of " + seeded + " leads");
            SimulatorHost.stop(host);
            System.exit(ok ? 0 : 1);
        } finally {
            if (host.isAlive()) {
                host.destroyForcibly();
            }
        }
    }
}
