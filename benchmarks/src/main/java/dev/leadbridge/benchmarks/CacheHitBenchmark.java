package dev.leadbridge.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.cache.CacheSettings;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.LeadNotFoundException;
import dev.leadbridge.core.resilience.ResilienceSettings;
import dev.leadbridge.core.resilience.ResilientLeadProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Comparison 4, the cache hit: get-by-id served from a connection's cache, through core's caching layer
 * ({@link ResilientLeadProvider#get}) and through the whole client ({@link LeadbridgeClient#get}, which also parses
 * the global id), against a bare Caffeine {@code getIfPresent} of the same leads. Target: under 1 µs per hit.
 *
 * <p>The provider under the cache is an in-memory stub that counts its loads: every id is loaded once at setup, and
 * the teardown fails the trial if any benchmark call missed the cache. 1,000 ids are read round-robin.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CacheHitBenchmark {

    private static final int IDS = 1_000;
    private static final String CONNECTION = "bench";
    private static final Duration TTL = Duration.ofHours(1);

    private final String[] nativeIds = new String[IDS];
    private final String[] globalIds = new String[IDS];
    private StubProvider stub;
    private StubProvider stubForClient;
    private ResilientLeadProvider cached;
    private LeadbridgeClient client;
    private Cache<String, Lead> caffeine;
    private long loadsAfterSetup;
    private long clientLoadsAfterSetup;
    private int next;

    /** Builds the layers and fills every cache with the same leads. */
    @Setup(Level.Trial)
    public void setUp() {
        // the default size; a TTL longer than any trial, so that no entry expires while it is measured
        CacheSettings settings = CacheSettings.custom().ttl(TTL).build();
        stub = new StubProvider(CONNECTION);
        stubForClient = new StubProvider(CONNECTION);
        cached = ResilientLeadProvider.wrap(stub, ResilienceSettings.ofDefaults(), settings);
        client = LeadbridgeClient.builder()
                .connection(ResilientLeadProvider.wrap(stubForClient, ResilienceSettings.ofDefaults(), settings))
                .build();
        caffeine = Caffeine.newBuilder().maximumSize(settings.maxSize()).expireAfterWrite(TTL).build();
        for (int i = 0; i < IDS; i++) {
            nativeIds[i] = "lead_" + String.format("%012d", i);
            globalIds[i] = CONNECTION + ":" + nativeIds[i];
            cached.get(nativeIds[i]);
            caffeine.put(nativeIds[i], client.get(globalIds[i]));
        }
        loadsAfterSetup = stub.loads.get();
        clientLoadsAfterSetup = stubForClient.loads.get();
    }

    /** Fails the trial when a measured call missed a cache. */
    @TearDown(Level.Trial)
    public void checkEveryCallHit() {
        client.close();
        cached.close();
        long missed = stub.loads.get() - loadsAfterSetup + stubForClient.loads.get() - clientLoadsAfterSetup;
        if (missed != 0) {
            throw new IllegalStateException("the cache missed " + missed + " times; the figures are not hits");
        }
    }

    private int nextIndex() {
        int i = next + 1;
        if (i == IDS) {
            i = 0;
        }
        next = i;
        return i;
    }

    /** The floor: a bare Caffeine lookup. */
    @Benchmark
    public Lead caffeineGetIfPresent() {
        return caffeine.getIfPresent(nativeIds[nextIndex()]);
    }

    /** Core's caching layer: {@code ResilientLeadProvider.get} served from its cache. */
    @Benchmark
    public Lead cachedProviderGet() {
        return cached.get(nativeIds[nextIndex()]);
    }

    /** The client: {@code LeadbridgeClient.get("<connection>:<nativeId>")} served from the connection's cache. */
    @Benchmark
    public Lead clientGet() {
        return client.get(globalIds[nextIndex()]);
    }

    /** An in-memory provider that counts its loads. */
    static final class StubProvider extends GetOnlyStub {
        final AtomicLong loads = new AtomicLong();
        private final String connection;
        private final Map<String, Lead> leads = new HashMap<>();

        StubProvider(String connection) {
            this.connection = connection;
            Instant created = Instant.parse("2025-03-01T12:00:00Z");
            for (int i = 0; i < IDS; i++) {
                String id = "lead_" + String.format("%012d", i);
                leads.put(id, Lead.builder().connection(connection).provider("stub").nativeId(id)
                        .name("Person " + i).email("person" + i + "@example.com").phone("+3120555" + (1000 + i))
                        .status(LeadStatus.OPEN).statusRaw("open").createdAt(created).updatedAt(created).build());
            }
        }

        @Override
        public String connection() {
            return connection;
        }

        @Override
        public Lead get(String nativeId) {
            loads.incrementAndGet();
            Lead lead = leads.get(nativeId);
            if (lead == null) {
                throw new LeadNotFoundException("no lead " + nativeId, ErrorDetails.of("stub", connection));
            }
            return lead;
        }
    }
}
