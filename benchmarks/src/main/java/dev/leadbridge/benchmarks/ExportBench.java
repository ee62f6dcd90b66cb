package dev.leadbridge.benchmarks;

import dev.leadbridge.client.AggregateQuery;
import dev.leadbridge.client.AggregateResult;
import dev.leadbridge.client.ConnectionOutcome;
import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.ConnectionOptions;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Comparison 1, the end-to-end export: testkit Octanist simulators with an injected latency per request, one per
 * connection, each seeded with realistic leads, exported in one run by
 * <ol type="a">
 *   <li>Leadbridge: one {@link LeadbridgeClient} over all connections, one merged stream consumed fully (counted,
 *       not kept);</li>
 *   <li>the straightforward client a user would write: a sequential page loop with {@code java.net.http} and Jackson
 *       into maps ({@link SequentialExporter});</li>
 *   <li>the floor: the round trips on the critical path times the latency ({@link Floor}).</li>
 * </ol>
 * Each measured round runs (a) then (b) back to back, so both see the same machine; the figures are the medians of
 * the rounds, and the printed ratios compare figures of the same run.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.leadbridge.benchmarks.ExportBench [--quick]}; see
 * {@link Options#parse(String[])} for the flags. Other code (e.g. a CLI {@code bench} command) calls
 * {@link #run(Options)}.
 */
public final class ExportBench {

    /** The latency injected per request unless told otherwise. */
    public static final Duration DEFAULT_LATENCY = Duration.ofMillis(100);
    /** Leadbridge's page concurrency unless told otherwise. */
    public static final int DEFAULT_CONCURRENCY = 6;
    /** Pages Leadbridge exports, without latency, in each warm-up round: the JIT needs a few thousand. */
    private static final int WARMUP_PAGES = 1_200;

    private ExportBench() {
    }

    /**
     * What to run.
     *
     * @param connections        how many connections (one simulator each)
     * @param leadsPerConnection leads seeded into each simulator
     * @param pageSize           leads per page (Octanist allows at most 100)
     * @param latency            latency injected into every answer of every simulator
     * @param pageConcurrency    pages of one listing Leadbridge fetches at once (the connection's bulkhead is raised
     *                           to at least this)
     * @param warmupRounds       rounds run first and not counted (JIT, connections)
     * @param rounds             measured rounds
     * @param pinListings        Octanist's stable listings (the product default, true)
     * @param out                where progress and results are printed, or null for nowhere
     */
    public record Options(int connections, int leadsPerConnection, int pageSize, Duration latency,
                          int pageConcurrency, int warmupRounds, int rounds, boolean pinListings, PrintStream out) {

        /** Checks the values. */
        public Options {
            Objects.requireNonNull(latency, "latency");
            if (connections < 1 || leadsPerConnection < 0 || pageSize < 1 || pageSize > 100 || pageConcurrency < 1
                    || pageConcurrency > 64 || warmupRounds < 0 || rounds < 1 || latency.isNegative()) {
                throw new IllegalArgumentException("unusable bench options: " + this);
            }
        }

        /**
         * The size: 3 connections × 10,000 leads, pages of 100, 100 ms latency, page concurrency 6, 5
         * measured rounds. 100 ms rather than 20 ms, and 6 pages at a time rather than more: on a 2-core machine the
         * in-process simulators and the client need more CPU per page than a shorter critical path would hide, and
         * the comparison is meant to be bound by latency (docs/BENCHMARKS.md shows the other settings).
         */
        public static Options full() {
            return new Options(3, 10_000, 100, DEFAULT_LATENCY, DEFAULT_CONCURRENCY, 1, 5, true, System.out);
        }

        /** A small run that finishes in under a minute: 3 connections × 3,000 leads, 3 measured rounds. */
        public static Options quick() {
            return new Options(3, 3_000, 100, DEFAULT_LATENCY, DEFAULT_CONCURRENCY, 1, 3, true, System.out);
        }

        /**
         * Reads command-line flags: {@code --quick} (start from {@link #quick()} instead of {@link #full()}),
         * {@code --connections N}, {@code --leads N} (per connection), {@code --page-size N},
         * {@code --latency-ms N}, {@code --concurrency N}, {@code --warmup N}, {@code --rounds N},
         * {@code --no-pin}.
         *
         * @throws IllegalArgumentException for an unknown flag or a missing or bad value
         */
        public static Options parse(String[] args) {
            Options o = List.of(args).contains("--quick") ? quick() : full();
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                switch (flag) {
                    case "--quick" -> { }
                    case "--no-pin" -> o = o.with(o.connections, o.leadsPerConnection, o.pageSize, o.latency,
                            o.pageConcurrency, o.warmupRounds, o.rounds, false);
                    case "--connections", "--leads", "--page-size", "--latency-ms", "--concurrency", "--warmup",
                         "--rounds" -> {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(flag + " needs a value");
                        }
                        int v = Integer.parseInt(args[++i]);
                        o = switch (flag) {
                            case "--connections" -> o.with(v, o.leadsPerConnection, o.pageSize, o.latency,
                                    o.pageConcurrency, o.warmupRounds, o.rounds, o.pinListings);
                            case "--leads" -> o.with(o.connections, v, o.pageSize, o.latency, o.pageConcurrency,
                                    o.warmupRounds, o.rounds, o.pinListings);
                            case "--page-size" -> o.with(o.connections, o.leadsPerConnection, v, o.latency,
                                    o.pageConcurrency, o.warmupRounds, o.rounds, o.pinListings);
                            case "--latency-ms" -> o.with(o.connections, o.leadsPerConnection, o.pageSize,
                                    Duration.ofMillis(v), o.pageConcurrency, o.warmupRounds, o.rounds, o.pinListings);
                            case "--concurrency" -> o.with(o.connections, o.leadsPerConnection, o.pageSize,
                                    o.latency, v, o.warmupRounds, o.rounds, o.pinListings);
                            case "--warmup" -> o.with(o.connections, o.leadsPerConnection, o.pageSize, o.latency,
                                    o.pageConcurrency, v, o.rounds, o.pinListings);
                            default -> o.with(o.connections, o.leadsPerConnection, o.pageSize, o.latency,
                                    o.pageConcurrency, o.warmupRounds, v, o.pinListings);
                        };
                    }
                    default -> throw new IllegalArgumentException("unknown flag '" + flag + "'; known: --quick,"
                            + " --connections, --leads, --page-size, --latency-ms, --concurrency, --warmup,"
                            + " --rounds, --no-pin");
                }
            }
            return o;
        }

        /** A copy printing to {@code stream} (null for nowhere). */
        public Options withOut(PrintStream stream) {
            return new Options(connections, leadsPerConnection, pageSize, latency, pageConcurrency, warmupRounds,
                    rounds, pinListings, stream);
        }

        private Options with(int c, int l, int p, Duration lat, int conc, int w, int r, boolean pin) {
            return new Options(c, l, p, lat, conc, w, r, pin, out);
        }

        /** The leads one run exports. */
        public long totalLeads() {
            return (long) connections * leadsPerConnection;
        }
    }

    /**
     * The outcome of one bench run.
     *
     * @param options        what was run
     * @param leadbridge     the measured Leadbridge exports, in order
     * @param sequential     the measured sequential exports, in order
     * @param floor          the computed floor
     * @param roundTrips     round trips on the critical path of one connection
     * @param leadbridgeCpu  CPU time the client's threads (every thread but the in-process simulators', counted per
     *                       thread with {@link ThreadStats}) spent in each measured Leadbridge export
     * @param processors     processors available to this JVM
     */
    public record BenchResult(Options options, List<Duration> leadbridge, List<Duration> sequential, Duration floor,
                              int roundTrips, List<Duration> leadbridgeCpu, int processors) {

        /** Copies the lists. */
        public BenchResult {
            leadbridge = List.copyOf(leadbridge);
            sequential = List.copyOf(sequential);
            leadbridgeCpu = List.copyOf(leadbridgeCpu);
        }

        /**
         * The median CPU time of a Leadbridge export spread over the processors: the shortest the export could take
         * if it only had to compute. Latency is the binding constraint while this stays well below the floor.
         */
        public Duration cpuBound() {
            return leadbridgeCpu.isEmpty() ? Duration.ZERO : median(leadbridgeCpu).dividedBy(Math.max(1, processors));
        }

        /** The median Leadbridge export. */
        public Duration leadbridgeMedian() {
            return median(leadbridge);
        }

        /** The median sequential export. */
        public Duration sequentialMedian() {
            return median(sequential);
        }

        /** How many times faster Leadbridge is than the sequential client (target: at least 10). */
        public double speedup() {
            return seconds(sequentialMedian()) / seconds(leadbridgeMedian());
        }

        /** Leadbridge's time over the floor (target: at most 1.5). */
        public double vsFloor() {
            return seconds(leadbridgeMedian()) / seconds(floor);
        }

        /** {@code speedup vs sequential: 14.2x}. */
        public String speedupLine() {
            return String.format(Locale.ROOT, "speedup vs sequential: %.1fx", speedup());
        }

        /** {@code vs floor: 1.18x}. */
        public String floorLine() {
            return String.format(Locale.ROOT, "vs floor: %.2fx", vsFloor());
        }

        /** Whether both targets are met: at least 10x faster than sequential, within 1.5x of the floor. */
        public boolean targetsMet() {
            return speedup() >= 10.0 && vsFloor() <= 1.5;
        }

        /** The raw timings and the two ratio lines, as printed. */
        public List<String> report() {
            Options o = options;
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "export of %d connections x %d leads, pages of %d, latency %d ms,"
                            + " page concurrency %d, %d measured rounds (median)", o.connections(),
                    o.leadsPerConnection(), o.pageSize(), o.latency().toMillis(), o.pageConcurrency(), o.rounds()));
            lines.add(String.format(Locale.ROOT, "leadbridge: %d ms   (rounds: %s)", leadbridgeMedian().toMillis(),
                    millis(leadbridge)));
            lines.add(String.format(Locale.ROOT, "sequential: %d ms   (rounds: %s)", sequentialMedian().toMillis(),
                    millis(sequential)));
            lines.add(String.format(Locale.ROOT, "floor:      %d ms   (%d round trips x %d ms: 1 + ceil((%d pages"
                            + " - 1) / %d))", floor.toMillis(), roundTrips, o.latency().toMillis(),
                    Floor.pages(o.leadsPerConnection(), o.pageSize()), o.pageConcurrency()));
            if (!leadbridgeCpu.isEmpty()) {
                lines.add(String.format(Locale.ROOT, "cpu:        %d ms   (median CPU of a leadbridge export, client"
                                + " threads only, over %d processors: %d ms of work per processor; latency"
                                + " binds while this is well below the floor)", median(leadbridgeCpu).toMillis(),
                        processors, cpuBound().toMillis()));
            }
            lines.add(speedupLine());
            lines.add(floorLine());
            return lines;
        }

        private static String millis(List<Duration> durations) {
            return String.join(", ", durations.stream().map(d -> d.toMillis() + "").toList());
        }

        private static double seconds(Duration d) {
            return d.toNanos() / 1e9;
        }

        private static Duration median(List<Duration> durations) {
            List<Duration> sorted = new ArrayList<>(durations);
            Collections.sort(sorted);
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
        }
    }

    /**
     * Runs comparison 1: starts the simulators, builds the client, runs the warm-up and measured rounds and stops
     * everything again.
     *
     * @throws IllegalStateException when an export does not deliver every lead, or a connection fails
     */
    public static BenchResult run(Options options) {
        Objects.requireNonNull(options, "options");
        Log log = new Log(options.out());
        List<OctanistSimulator> simulators = new ArrayList<>();
        try (ThreadStats clientThreads = ThreadStats.clientThreads()) {
            log.line("seeding " + options.connections() + " Octanist simulators with " + options.leadsPerConnection()
                    + " leads each ...");
            for (int i = 0; i < options.connections(); i++) {
                OctanistSimulator simulator = OctanistSimulator.builder().seed(options.leadsPerConnection(), 1_000 + i)
                        .build();
                simulators.add(simulator);
                simulator.faults().latency(options.latency());
            }
            List<SequentialExporter.Account> accounts = simulators.stream()
                    .map(s -> new SequentialExporter.Account(s.baseUrl(), s.apiKey())).toList();
            SequentialExporter sequential = new SequentialExporter(options.pageSize());
            LeadQuery query = LeadQuery.builder().pageSize(options.pageSize()).build();
            try (LeadbridgeClient client = client(simulators, options)) {
                for (int i = 0; i < options.warmupRounds(); i++) {
                    log.line("warm-up round " + (i + 1) + " of " + options.warmupRounds() + " ...");
                    // the JIT needs a few thousand pages; without latency they take little time
                    simulators.forEach(s -> s.faults().latency(Duration.ZERO));
                    int pagesPerExport = options.connections() * Floor.pages(options.leadsPerConnection(),
                            options.pageSize());
                    for (int pages = 0, j = 0; pages < WARMUP_PAGES || j < 3; pages += pagesPerExport, j++) {
                        exportWithLeadbridge(client, query, options);
                    }
                    simulators.forEach(s -> s.faults().latency(options.latency()));
                    exportWithLeadbridge(client, query, options);
                    // one account is enough to warm the sequential client up
                    exportSequentially(sequential, accounts.subList(0, 1), options.leadsPerConnection());
                }
                List<Duration> lb = new ArrayList<>();
                List<Duration> seq = new ArrayList<>();
                List<Duration> cpu = new ArrayList<>();
                List<Long> processCpu = new ArrayList<>();
                List<Long> allocated = new ArrayList<>();
                for (int i = 0; i < options.rounds(); i++) {
                    long processBefore = processCpuNanos();
                    ThreadStats.Totals before = clientThreads.totals();
                    lb.add(exportWithLeadbridge(client, query, options));
                    ThreadStats.Totals spent = clientThreads.totals().minus(before);
                    processCpu.add(processCpuNanos() - processBefore);
                    cpu.add(Duration.ofNanos(spent.cpuNanos()));
                    allocated.add(spent.allocatedBytes());
                    seq.add(exportSequentially(sequential, accounts, options));
                    log.line(String.format(Locale.ROOT, "round %d of %d: leadbridge %d ms, sequential %d ms", i + 1,
                            options.rounds(), lb.get(i).toMillis(), seq.get(i).toMillis()));
                }
                log.line(String.format(Locale.ROOT, "client per lead (median): %.1f us CPU, %.1f KB allocated;"
                                + " whole process (client, simulators, JIT, GC): %.1f us CPU",
                        median(cpu.stream().map(Duration::toNanos).toList()) / 1e3 / options.totalLeads(),
                        median(allocated) / 1024.0 / options.totalLeads(),
                        median(processCpu) / 1e3 / options.totalLeads()));
                int roundTrips = Floor.criticalPathRoundTrips(Floor.pages(options.leadsPerConnection(),
                        options.pageSize()), options.pageConcurrency());
                BenchResult result = new BenchResult(options, lb, seq, options.latency().multipliedBy(roundTrips),
                        roundTrips, cpu, Runtime.getRuntime().availableProcessors());
                result.report().forEach(log::line);
                return result;
            }
        } finally {
            simulators.forEach(OctanistSimulator::close);
        }
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? Math.max(0, sun.getProcessCpuTime()) : 0;
    }

    private static LeadbridgeClient client(List<OctanistSimulator> simulators, Options options) {
        LeadbridgeClient.Builder builder = LeadbridgeClient.builder().pageConcurrency(options.pageConcurrency());
        for (int i = 0; i < simulators.size(); i++) {
            OctanistSimulator simulator = simulators.get(i);
            builder.connection(ConnectionConfig.builder("octanist-" + (i + 1))
                    .provider("octanist")
                    .baseUrl(simulator.baseUrl())
                    .apiKey(simulator.apiKey())
                    // latency, not a local limit, is what binds: Octanist publishes no rate limit
                    .option(ConnectionOptions.RATE_LIMIT_REQUESTS, "0")
                    .option(ConnectionOptions.BULKHEAD_MAX_CONCURRENT,
                            Integer.toString(Math.max(options.pageConcurrency(), 10)))
                    .option("pin-listings", Boolean.toString(options.pinListings()))
                    .build());
        }
        return builder.build();
    }

    private static Duration exportWithLeadbridge(LeadbridgeClient client, LeadQuery query, Options options) {
        long start = System.nanoTime();
        long count;
        Map<String, ConnectionOutcome> outcomes;
        try (AggregateResult result = client.stream(AggregateQuery.of(query))) {
            try (Stream<Lead> leads = result.leads()) {
                count = leads.count();
            }
            outcomes = result.outcomes();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        for (ConnectionOutcome outcome : outcomes.values()) {
            if (!(outcome instanceof ConnectionOutcome.Ok)) {
                throw new IllegalStateException("leadbridge export failed: " + outcome);
            }
        }
        check("leadbridge", count, options.totalLeads());
        return elapsed;
    }

    private static Duration exportSequentially(SequentialExporter exporter, List<SequentialExporter.Account> accounts,
                                               Options options) {
        return exportSequentially(exporter, accounts, options.totalLeads());
    }

    private static Duration exportSequentially(SequentialExporter exporter, List<SequentialExporter.Account> accounts,
                                               long expected) {
        long start = System.nanoTime();
        long count;
        try {
            count = exporter.export(accounts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        check("sequential", count, expected);
        return elapsed;
    }

    private static void check(String which, long count, long expected) {
        if (count != expected) {
            throw new IllegalStateException(which + " export delivered " + count + " leads, expected " + expected);
        }
    }

    /**
     * Runs the bench from the command line and prints the raw timings and the ratio lines; exits with 1 when a
     * target is missed (the figures are printed either way).
     */
    public static void main(String[] args) {
        Logging.quiet();
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        BenchResult result = run(options);
        System.out.println(result.targetsMet() ? "targets met (>= 10x vs sequential, <= 1.5x vs floor)"
                : "TARGET MISSED (wanted >= 10x vs sequential and <= 1.5x vs floor)");
        System.exit(result.targetsMet() ? 0 : 1);
    }

    /** Prints to a stream, or nowhere. */
    private record Log(PrintStream out) {
        void line(String text) {
            if (out != null) {
                out.println(text);
                out.flush();
            }
        }
    }
}
