package dev.leadbridge.benchmarks;

import dev.leadbridge.client.AggregateQuery;
import dev.leadbridge.client.AggregateResult;
import dev.leadbridge.client.ConnectionOutcome;
import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.RateLimitStatus;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.ProviderCapabilities;
import dev.leadbridge.core.api.RateLimitSpec;
import dev.leadbridge.core.error.RateLimitedException;
import dev.leadbridge.core.resilience.ResilienceSettings;
import dev.leadbridge.core.resilience.ResilientLeadProvider;
import dev.leadbridge.core.resilience.Sleeper;
import dev.leadbridge.provider.workspace.WorkspaceProvider;
import dev.leadbridge.provider.workspace.WorkspaceProviderFactory;
import dev.leadbridge.testkit.Fault;
import dev.leadbridge.testkit.MutableClock;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Comparison 5, rate-limit fidelity: workspace-v1's real budget (1000 requests per sliding hour per key, the
 * {@link WorkspaceSimulator}'s default) on a simulated clock, and a long export job through {@link LeadbridgeClient}
 * whose connection is configured from workspace-v1's published limit
 * ({@link WorkspaceProviderFactory#publishedRateLimit()}). Everything that tells time reads one {@link MutableClock}:
 * the simulator's sliding window, the provider, core's circuit breaker and adaptive pacing; every wait of the
 * resilience layer (its {@link Sleeper}) moves that clock instead of sleeping, and each request moves it by a
 * simulated latency. Hours of budget thus pass in seconds.
 *
 * <p>The job: {@code passes} full exports, back to back, of an account of {@code leads} leads in pages of
 * {@code page-size}, all through one client (one budget). The simulator records the simulated instant of every
 * request that reaches it; afterwards the busiest sliding hour is counted, and every 429 the provider answered is
 * counted below the resilience layer (so retries cannot hide one). Target: never above 1000 in any sliding hour, no
 * 429 at all.
 *
 * <p>Two configurations are run: {@code published} (the connection's default: the published limit as the local rate
 * limiter plus adaptive pacing on the reported budget) and {@code pacing} (local limiter off, adaptive pacing only).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.leadbridge.benchmarks.RateLimitFidelityBench}
 * [{@code --mode published|pacing|both}] [{@code --leads N}] [{@code --page-size N}] [{@code --passes N}]
 * [{@code --concurrency N}] [{@code --latency-ms N}].
 */
public final class RateLimitFidelityBench {

    private static final Duration HOUR = Duration.ofHours(1);

    private RateLimitFidelityBench() {
    }

    /**
     * What to run.
     *
     * @param localLimiter whether the connection keeps its local rate limiter (the published limit)
     * @param leads        leads in the account
     * @param pageSize     leads per page
     * @param passes       full exports, back to back
     * @param concurrency  the client's page concurrency
     * @param latency      simulated time each request takes
     */
    record Options(boolean localLimiter, int leads, int pageSize, int passes, int concurrency, Duration latency) {
    }

    /**
     * What happened.
     *
     * @param options          what was run
     * @param budget           the budget the connection was configured with
     * @param requests         requests that reached the simulator
     * @param busiestHour      the most requests in any sliding hour
     * @param tooManyRequests  429 answers the provider received
     * @param leadsExported    leads delivered over all passes
     * @param simulated        simulated time the job took
     * @param real             real time the job took
     * @param failure          the error that stopped the job, or null
     */
    record Result(Options options, RateLimitSpec budget, long requests, int busiestHour, long tooManyRequests,
                  long leadsExported, Duration simulated, Duration real, String failure) {

        boolean met() {
            return failure == null && busiestHour <= budget.requests() && tooManyRequests == 0
                    && leadsExported == (long) options.leads() * options.passes();
        }
    }

    /** Runs the configurations asked for and prints one verdict line each; exits with 1 when one misses. */
    public static void main(String[] args) {
        Logging.quiet();
        String mode = "both";
        int leads = 500;
        int pageSize = 5;
        int passes = 30;
        int concurrency = LeadbridgeClient.DEFAULT_PAGE_CONCURRENCY;
        Duration latency = Duration.ofMillis(200);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--mode" -> mode = args[++i];
                case "--leads" -> leads = Integer.parseInt(args[++i]);
                case "--page-size" -> pageSize = Integer.parseInt(args[++i]);
                case "--passes" -> passes = Integer.parseInt(args[++i]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                case "--latency-ms" -> latency = Duration.ofMillis(Long.parseLong(args[++i]));
                default -> {
                    System.err.println("unknown flag '" + args[i] + "'; known: --mode published|pacing|both,"
                            + " --leads, --page-size, --passes, --concurrency, --latency-ms");
                    System.exit(2);
                }
            }
        }
        List<Options> runs = new ArrayList<>();
        if (!mode.equals("pacing")) {
            runs.add(new Options(true, leads, pageSize, passes, concurrency, latency));
        }
        if (!mode.equals("published")) {
            runs.add(new Options(false, leads, pageSize, passes, concurrency, latency));
        }
        boolean met = true;
        for (Options options : runs) {
            Result result = run(options);
            print(result);
            met &= result.met();
        }
        System.exit(met ? 0 : 1);
    }

    static Result run(Options options) {
        MutableClock clock = new MutableClock(Instant.parse("2025-06-02T08:00:00Z"));
        SimulatedTime time = new SimulatedTime(clock);
        Optional<RateLimitSpec> published = new WorkspaceProviderFactory().publishedRateLimit();
        RateLimitSpec budget = published.orElse(RateLimitSpec.perHour(WorkspaceSimulator.DEFAULT_RATE_LIMIT));
        ConcurrentLinkedQueue<Instant> arrivals = new ConcurrentLinkedQueue<>();
        try (WorkspaceSimulator simulator = WorkspaceSimulator.builder().clock(clock).seed(options.leads(), 7).build()) {
            // never matches: only notes the simulated instant at which each request reaches the simulator
            simulator.faults().when(request -> {
                arrivals.add(clock.instant());
                return false;
            }, 1, Fault.respondJson(500, "{}"));
            WorkspaceProvider bare = WorkspaceProvider.builder().connection("workspace").baseUrl(simulator.baseUrl())
                    .apiKey(simulator.apiKey()).clock(clock).build();
            Observed observed = new Observed(bare, time, options.latency());
            ResilienceSettings.Builder settings = ResilienceSettings.custom();
            if (options.localLimiter()) {
                settings.rateLimit(budget);
            } else {
                settings.noRateLimit();
            }
            ResilientLeadProvider connection = ResilientLeadProvider.builder(observed).resilience(settings.build())
                    .clock(clock).sleeper(time::sleep).build();
            Instant simulatedStart = clock.instant();
            long realStart = System.nanoTime();
            long exported = 0;
            String failure = null;
            LeadQuery query = LeadQuery.builder().pageSize(options.pageSize()).build();
            try (LeadbridgeClient client = LeadbridgeClient.builder().pageConcurrency(options.concurrency())
                    .connection(connection).build()) {
                for (int pass = 0; pass < options.passes() && failure == null; pass++) {
                    try (AggregateResult result = client.stream(AggregateQuery.of(query))) {
                        try (Stream<Lead> leads = result.leads()) {
                            exported += leads.count();
                        }
                        for (ConnectionOutcome outcome : result.outcomes().values()) {
                            if (outcome instanceof ConnectionOutcome.Failed failed) {
                                failure = "pass " + (pass + 1) + " failed after " + arrivals.size()
                                        + " requests: " + failed.error().getMessage();
                            }
                        }
                    }
                }
            }
            return new Result(options, budget, arrivals.size(), SlidingWindow.maxInWindow(arrivals, budget.period()),
                    observed.tooManyRequests.get(), exported, Duration.between(simulatedStart, clock.instant()),
                    Duration.ofNanos(System.nanoTime() - realStart), failure);
        }
    }

    private static void print(Result r) {
        Options o = r.options();
        System.out.println("rate-limit fidelity, " + (o.localLimiter()
                ? "published limit (" + r.budget() + ") as the local rate limiter + adaptive pacing"
                : "local rate limiter off, adaptive pacing only") + ":");
        System.out.printf(Locale.ROOT, "  job: %d exports of %d leads in pages of %d, page concurrency %d, %d ms per"
                + " request (simulated)%n", o.passes(), o.leads(), o.pageSize(), o.concurrency(), o.latency().toMillis());
        System.out.printf(Locale.ROOT, "  %d requests, %d leads, %s simulated in %.1f s real%n", r.requests(),
                r.leadsExported(), format(r.simulated()), r.real().toMillis() / 1000.0);
        System.out.printf(Locale.ROOT, "  busiest sliding hour: %d requests (budget %d); 429 answers: %d%n",
                r.busiestHour(), r.budget().requests(), r.tooManyRequests());
        if (r.failure() != null) {
            System.out.println("  stopped: " + r.failure());
        }
        System.out.println("  " + (r.met() ? "target met" : "TARGET MISSED"));
    }

    private static String format(Duration d) {
        return String.format(Locale.ROOT, "%dh %02dm %02ds", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }

    /** Simulated time: waits move the shared clock forward to their end instead of sleeping. */
    static final class SimulatedTime {
        private final MutableClock clock;

        SimulatedTime(MutableClock clock) {
            this.clock = clock;
        }

        /** Waits {@code duration} of simulated time (threads waiting at once overlap, as real waits do). */
        void sleep(Duration duration) {
            until(clock.instant().plus(duration));
        }

        /** Moves the clock to {@code instant} unless it is already past it. */
        synchronized void until(Instant instant) {
            if (clock.instant().isBefore(instant)) {
                clock.set(instant);
            }
        }
    }

    /**
     * The bare provider as the resilience layer sees it, plus a simulated latency per request and a count of every
     * 429 answer (below the retries, so none is hidden).
     */
    static final class Observed implements LeadProvider {
        final AtomicLong tooManyRequests = new AtomicLong();
        private final LeadProvider delegate;
        private final SimulatedTime time;
        private final Duration latency;

        Observed(LeadProvider delegate, SimulatedTime time, Duration latency) {
            this.delegate = delegate;
            this.time = time;
            this.latency = latency;
        }

        private <T> T timed(java.util.function.Supplier<T> call) {
            Instant sent = time.clock.instant();
            try {
                return call.get();
            } catch (RateLimitedException e) {
                if (e.httpStatus() != null && e.httpStatus() == 429) {
                    tooManyRequests.incrementAndGet();
                }
                throw e;
            } finally {
                time.until(sent.plus(latency));
            }
        }

        @Override
        public String providerId() {
            return delegate.providerId();
        }

        @Override
        public String connection() {
            return delegate.connection();
        }

        @Override
        public ProviderCapabilities capabilities() {
            return delegate.capabilities();
        }

        @Override
        public Lead get(String nativeId) {
            return timed(() -> delegate.get(nativeId));
        }

        @Override
        public LeadPage list(LeadQuery query, int page) {
            return timed(() -> delegate.list(query, page));
        }

        @Override
        public Lead create(NewLead lead) {
            return timed(() -> delegate.create(lead));
        }

        @Override
        public Lead update(String nativeId, LeadUpdate update) {
            return timed(() -> delegate.update(nativeId, update));
        }

        @Override
        public Optional<RateLimitStatus> rateLimitStatus() {
            return delegate.rateLimitStatus();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
