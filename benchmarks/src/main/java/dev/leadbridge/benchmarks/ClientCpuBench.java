package dev.leadbridge.benchmarks;

import dev.leadbridge.client.AggregateQuery;
import dev.leadbridge.client.AggregateResult;
import dev.leadbridge.client.ConnectionOutcome;
import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.ConnectionOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The client's own cost of an export, end to end, against a hand-written client with the same pages in flight
 * ({@link ConcurrentHandClient}: Jackson into maps plus libphonenumber for each phone). The Octanist simulators run in
 * a JVM of their own ({@link SimulatorHost}, realistic leads), so nothing of theirs is counted here; the CPU time and
 * the bytes allocated are counted per thread ({@link ThreadStats}). Rounds alternate Leadbridge and the hand-written
 * client (A/B interleaved), figures are medians; each group of threads (the JDK's HTTP selector and workers, the
 * clients' own) also gets its CPU per lead over the measured rounds. Also prints the wall times (with
 * {@code --latency-ms} the comparison of issue 15's target 5) next to the two floors: the latency-only one (2 round
 * trips: the first page, then all the others at once) and the one bound by the pages in flight ({@link Floor}).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.leadbridge.benchmarks.ClientCpuBench [--connections 3]
 * [--leads 10000] [--concurrency 6] [--latency-ms 0] [--warmup 4] [--rounds 7]}.
 */
public final class ClientCpuBench {

    private static final int PAGE_SIZE = 100;

    private ClientCpuBench() {
    }

    /** Runs the bench and prints the figures; exits 1 when a target is missed. */
    public static void main(String[] args) throws IOException, InterruptedException {
        Logging.quiet();
        int connections = 3;
        int leads = 10_000;
        int concurrency = ExportBench.DEFAULT_CONCURRENCY;
        int latencyMs = 0;
        int warmup = 4;
        int rounds = 7;
        for (int i = 0; i < args.length; i++) {
            int v = Integer.parseInt(args[i + 1]);
            switch (args[i++]) {
                case "--connections" -> connections = v;
                case "--leads" -> leads = v;
                case "--concurrency" -> concurrency = v;
                case "--latency-ms" -> latencyMs = v;
                case "--warmup" -> warmup = v;
                case "--rounds" -> rounds = v;
                default -> throw new IllegalArgumentException("unknown flag " + args[i - 1]);
            }
        }
        Process host = SimulatorHost.start("2g", "--realistic", "--leads", Long.toString((long) leads * connections),
                "--connections", Integer.toString(connections), "--latency-ms", Integer.toString(latencyMs));
        try (ThreadStats stats = ThreadStats.clientThreads()) {
            List<String[]> simulators = new ArrayList<>();
            long total = SimulatorHost.awaitReady(host, simulators);
            List<SequentialExporter.Account> accounts = simulators.stream()
                    .map(s -> new SequentialExporter.Account(s[0], s[1])).toList();
            List<long[]> lb = new ArrayList<>();
            List<long[]> hand = new ArrayList<>();
            try (LeadbridgeClient client = client(accounts, concurrency);
                 ConcurrentHandClient handClient = new ConcurrentHandClient(accounts.size(), PAGE_SIZE, concurrency)) {
                Map<String, Long> lbGroups = new TreeMap<>();
                Map<String, Long> handGroups = new TreeMap<>();
                for (int i = 0; i < warmup + rounds; i++) {
                    Map<String, Long> beforeLb = stats.cpuNanosByGroup();
                    long[] a = measure(stats, () -> leadbridge(client), total);
                    Map<String, Long> beforeHand = stats.cpuNanosByGroup();
                    long[] b = measure(stats, () -> handClient.export(accounts), total);
                    if (i >= warmup) {
                        lb.add(a);
                        hand.add(b);
                        addSpent(lbGroups, beforeLb, beforeHand);
                        addSpent(handGroups, beforeHand, stats.cpuNanosByGroup());
                    }
                    System.out.printf(Locale.ROOT, "%s round %d: leadbridge %d ms, %.1f us CPU/lead, %.2f KB/lead;"
                                    + " hand-written %d ms, %.1f us CPU/lead, %.2f KB/lead%n",
                            i < warmup ? "warm-up" : "measured", i + 1, a[0] / 1_000_000, a[1] / 1e3 / total,
                            a[2] / 1024.0 / total, b[0] / 1_000_000, b[1] / 1e3 / total, b[2] / 1024.0 / total);
                }
                printGroups("leadbridge", lbGroups, total * rounds);
                printGroups("hand-written", handGroups, total * rounds);
            }
            report(lb, hand, total, connections, leads, concurrency, latencyMs);
        } finally {
            SimulatorHost.stop(host);
        }
    }

    private static void report(List<long[]> lb, List<long[]> hand, long total, int connections, int leads,
                               int concurrency, int latencyMs) {
        double cpuLb = median(lb, 1) / 1e3 / total;
        double cpuHand = median(hand, 1) / 1e3 / total;
        double kbLb = median(lb, 2) / 1024.0 / total;
        double kbHand = median(hand, 2) / 1024.0 / total;
        double wallLb = median(lb, 0) / 1e6;
        double wallHand = median(hand, 0) / 1e6;
        System.out.printf(Locale.ROOT, "export of %d connections x %d leads from a simulator JVM, pages of %d,"
                + " %d pages in flight per connection, latency %d ms, %d measured rounds (median), load average %.2f%n",
                connections, leads, PAGE_SIZE, concurrency, latencyMs, lb.size(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "client CPU per lead: leadbridge %.2f us, hand-written (Jackson maps +"
                + " libphonenumber) %.2f us: %.2fx (target <= 1.5x)%n", cpuLb, cpuHand, cpuLb / cpuHand);
        System.out.printf(Locale.ROOT, "allocated per lead: leadbridge %.2f KB, hand-written %.2f KB (target <= 5 KB)%n",
                kbLb, kbHand);
        System.out.printf(Locale.ROOT, "wall: leadbridge %.0f ms, hand-written %.0f ms: %.2fx (target <= 1.05x with"
                + " latency)%n", wallLb, wallHand, wallLb / wallHand);
        if (latencyMs > 0) {
            int roundTrips = Floor.criticalPathRoundTrips(Floor.pages(leads, PAGE_SIZE), concurrency);
            System.out.printf(Locale.ROOT, "floors: %d pages in flight %d ms (%d round trips); latency only %d ms"
                    + " (2 round trips)%n", concurrency, roundTrips * latencyMs, roundTrips, 2 * latencyMs);
        }
        boolean met = cpuLb / cpuHand <= 1.5 && kbLb <= 5.0 && (latencyMs == 0 || wallLb / wallHand <= 1.05);
        System.out.println(met ? "targets met" : "TARGET MISSED");
        System.exit(met ? 0 : 1);
    }

    /** An export that returns the leads it read. */
    private interface Export {
        long run() throws InterruptedException;
    }

    private static long[] measure(ThreadStats stats, Export export, long expected) throws InterruptedException {
        ThreadStats.Totals before = stats.totals();
        long start = System.nanoTime();
        long count = export.run();
        long wall = System.nanoTime() - start;
        ThreadStats.Totals spent = stats.totals().minus(before);
        if (count != expected) {
            throw new IllegalStateException("an export delivered " + count + " leads, expected " + expected);
        }
        return new long[] {wall, spent.cpuNanos(), spent.allocatedBytes()};
    }

    private static long leadbridge(LeadbridgeClient client) {
        LeadQuery query = LeadQuery.builder().pageSize(PAGE_SIZE).build();
        try (AggregateResult result = client.stream(AggregateQuery.of(query))) {
            long count;
            try (Stream<Lead> leads = result.leads()) {
                count = leads.count();
            }
            for (ConnectionOutcome outcome : result.outcomes().values()) {
                if (!(outcome instanceof ConnectionOutcome.Ok)) {
                    throw new IllegalStateException("leadbridge export failed: " + outcome);
                }
            }
            return count;
        }
    }

    /** One Octanist connection per account, product defaults but the given page concurrency and no local limit. */
    static LeadbridgeClient client(List<SequentialExporter.Account> accounts, int concurrency) {
        LeadbridgeClient.Builder builder = LeadbridgeClient.builder().pageConcurrency(concurrency);
        for (int i = 0; i < accounts.size(); i++) {
            builder.connection(ConnectionConfig.builder("octanist-" + (i + 1))
                    .provider("octanist")
                    .baseUrl(accounts.get(i).baseUrl())
                    .apiKey(accounts.get(i).apiKey())
                    .option(ConnectionOptions.RATE_LIMIT_REQUESTS, "0")
                    .option(ConnectionOptions.BULKHEAD_MAX_CONCURRENT, Integer.toString(Math.max(concurrency, 10)))
                    .build());
        }
        return builder.build();
    }

    /** Adds to {@code sum} the CPU each thread group spent from {@code before} to {@code after}. */
    private static void addSpent(Map<String, Long> sum, Map<String, Long> before, Map<String, Long> after) {
        after.forEach((group, nanos) -> sum.merge(group, nanos - before.getOrDefault(group, 0L), Long::sum));
    }

    /** Prints each thread group's CPU per lead over the measured rounds, leaving out groups that were idle. */
    private static void printGroups(String client, Map<String, Long> groups, long leads) {
        groups.forEach((group, nanos) -> {
            if (nanos > leads) {  // at least a nanosecond per lead: the other client's idle threads are left out
                System.out.printf(Locale.ROOT, "  %-12s %-32s %6.2f us CPU/lead%n", client, group, nanos / 1e3 / leads);
            }
        });
    }

    private static double median(List<long[]> rows, int column) {
        List<Long> values = new ArrayList<>();
        rows.forEach(r -> values.add(r[column]));
        Collections.sort(values);
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2.0;
    }
}
