package dev.leadbridge.core.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.cache.CacheSettings;
import dev.leadbridge.core.error.LeadNotFoundException;
import dev.leadbridge.testkit.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The get-by-id cache over real HTTP; time comes from a fake ticker. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeadCacheTest {

    private TestSimulator sim;
    private FakeTime time;

    @BeforeAll
    void start() {
        sim = new TestSimulator();
    }

    @AfterAll
    void stop() {
        sim.close();
    }

    @BeforeEach
    void reset() {
        sim.reset();
        time = new FakeTime();
        sim.seed("L1", "Ada Lovelace");
    }

    private ResilientLeadProvider provider(CacheSettings.Builder cache) {
        TestProvider bare = new TestProvider("acme-cache", sim.rootUrl(), TestSimulator.KEY, Duration.ofSeconds(5),
                time.clock);
        return ResilientLeadProvider.builder(bare).cache(cache.build()).clock(time.clock).sleeper(time)
                .ticker(time.ticker()).build();
    }

    @Test
    void fiftyConcurrentGetsOfOneIdReachTheServerOnce() throws Exception {
        // given: the first answer is slow, so every get arrives while it is in flight
        sim.faults().next(Fault.delayAfterHandling(Duration.ofMillis(400)));
        ResilientLeadProvider provider = provider(CacheSettings.custom());
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Lead>> results = new ArrayList<>();

        // when
        try {
            for (int i = 0; i < 50; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return provider.get("L1");
                }));
            }
            go.countDown();
            for (Future<Lead> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS).name()).isEqualTo("Ada Lovelace");
            }
        } finally {
            pool.shutdownNow();
        }

        // then
        assertThat(sim.count("GET", "/leads/L1")).isEqualTo(1);
        CacheStats stats = provider.cacheStats();
        assertThat(stats.requestCount()).isEqualTo(50);
        assertThat(stats.loadSuccessCount()).isEqualTo(1);
    }

    @Test
    void aCachedLeadIsFetchedAgainOnceItsTtlHasPassed() {
        // given
        ResilientLeadProvider provider = provider(CacheSettings.custom().ttl(Duration.ofSeconds(30)));
        provider.get("L1");
        time.advance(Duration.ofSeconds(29));
        provider.get("L1");

        // when
        time.advance(Duration.ofSeconds(2));
        provider.get("L1");

        // then
        assertThat(sim.count("GET", "/leads/L1")).isEqualTo(2);
        assertThat(provider.cacheStats().hitCount()).isEqualTo(1);
        assertThat(provider.cacheStats().missCount()).isEqualTo(2);
    }

    @Test
    void thisLibrarysUpdateAndDeleteInvalidateTheCachedLead() {
        // given
        ResilientLeadProvider provider = provider(CacheSettings.custom());
        provider.get("L1");

        // when
        provider.update("L1", LeadUpdate.builder().name("Ada King").build());
        Lead afterUpdate = provider.get("L1");
        provider.delete("L1");

        // then
        assertThat(afterUpdate.name()).isEqualTo("Ada King");
        assertThatThrownBy(() -> provider.get("L1")).isInstanceOf(LeadNotFoundException.class);
        assertThat(sim.count("GET", "/leads/L1")).isEqualTo(3);
    }

    @Test
    void notFoundIsCachedOnlyWhenConfiguredAndOnlyForItsOwnTtl() {
        // given
        ResilientLeadProvider plain = provider(CacheSettings.custom());
        ResilientLeadProvider negative = provider(CacheSettings.custom().notFoundTtl(Duration.ofSeconds(5)));

        // when
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> plain.get("nope")).isInstanceOf(LeadNotFoundException.class);
        }
        long plainRequests = sim.count("GET", "/leads/nope");
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> negative.get("nope")).isInstanceOf(LeadNotFoundException.class);
        }
        long negativeRequests = sim.count("GET", "/leads/nope") - plainRequests;
        time.advance(Duration.ofSeconds(6));
        assertThatThrownBy(() -> negative.get("nope")).isInstanceOf(LeadNotFoundException.class);

        // then
        assertThat(plainRequests).isEqualTo(2);
        assertThat(negativeRequests).isEqualTo(1);
        assertThat(sim.count("GET", "/leads/nope") - plainRequests).isEqualTo(2);
    }

    @Test
    void aFailedLoadIsReportedToTheCallerOnlyNotAlsoLoggedByCaffeine() {
        // given
        java.util.logging.Logger caffeine = java.util.logging.Logger.getLogger("com.github.benmanes.caffeine");
        List<java.util.logging.LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        caffeine.addHandler(capture);
        try {
            ResilientLeadProvider provider = provider(CacheSettings.custom());

            // when
            assertThatThrownBy(() -> provider.get("nope")).isInstanceOf(LeadNotFoundException.class);

            // then
            assertThat(records).isEmpty();
            assertThat(provider.cacheStats().loadFailureCount()).isEqualTo(1);
        } finally {
            caffeine.removeHandler(capture);
        }
    }

    @Test
    void aFailedLoadIsNotCached() {
        // given
        ResilientLeadProvider provider = ResilientLeadProvider.builder(new TestProvider("acme-cache", sim.rootUrl(),
                        TestSimulator.KEY, Duration.ofSeconds(5), time.clock))
                .resilience(ResilienceSettings.custom().retryMaxAttempts(1).build()).clock(time.clock).sleeper(time)
                .ticker(time.ticker()).build();
        sim.faults().next(Fault.respondJson(503, "{\"error\":\"down\"}"));

        // when
        assertThatThrownBy(() -> provider.get("L1")).isNotNull();
        Lead lead = provider.get("L1");

        // then
        assertThat(lead.name()).isEqualTo("Ada Lovelace");
        assertThat(provider.cacheStats().loadFailureCount()).isEqualTo(1);
    }

    @Test
    void listPagesAndADisabledCacheAlwaysReachTheServer() {
        // given
        ResilientLeadProvider cached = provider(CacheSettings.custom());
        ResilientLeadProvider uncached = provider(CacheSettings.custom().enabled(false));

        // when
        cached.list(LeadQuery.ALL, 1);
        cached.list(LeadQuery.ALL, 1);
        uncached.get("L1");
        uncached.get("L1");

        // then
        assertThat(sim.requestCount(r -> r.rawPath().equals("/leads"))).isEqualTo(2);
        assertThat(sim.count("GET", "/leads/L1")).isEqualTo(2);
        assertThat(uncached.cacheStats().requestCount()).isZero();
    }

    @Test
    void aFreshGetReachesTheServerAndLeavesItsAnswerCachedForLaterGets() {
        // given: the lead is cached, then changes at the provider
        ResilientLeadProvider provider = provider(CacheSettings.custom());
        provider.get("L1");
        sim.seed("L1", "Ada King");

        // when
        Lead stale = provider.get("L1");
        Lead fresh = provider.getFresh("L1");
        Lead later = provider.get("L1");

        // then
        assertThat(stale.name()).isEqualTo("Ada Lovelace");
        assertThat(fresh.name()).isEqualTo("Ada King");
        assertThat(later.name()).isEqualTo("Ada King");
        assertThat(sim.count("GET", "/leads/L1")).isEqualTo(2);
    }
}
