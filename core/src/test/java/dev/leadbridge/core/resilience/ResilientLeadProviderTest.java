package dev.leadbridge.core.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.cache.CacheSettings;
import dev.leadbridge.core.error.CircuitOpenException;
import dev.leadbridge.core.error.LeadNotFoundException;
import dev.leadbridge.core.error.OutcomeUnknownException;
import dev.leadbridge.core.error.ProviderUnavailableException;
import dev.leadbridge.core.error.RateLimitedException;
import dev.leadbridge.testkit.Fault;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The retry and circuit-breaker layers against real HTTP with injected faults; waits move a fake clock. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResilientLeadProviderTest {

    private static final String CONNECTION = "acme-test";
    private static final Duration SHORT_READ_TIMEOUT = Duration.ofMillis(300);

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
        sim.clock(time.clock);
        sim.seed("L1", "Ada Lovelace");
    }

    private ResilientLeadProvider provider(ResilienceSettings.Builder settings) {
        return provider(settings, Duration.ofSeconds(5), sim.rootUrl());
    }

    private ResilientLeadProvider provider(ResilienceSettings.Builder settings, Duration readTimeout, String url) {
        TestProvider bare = new TestProvider(CONNECTION, url, TestSimulator.KEY, readTimeout, time.clock);
        return ResilientLeadProvider.builder(bare).resilience(settings.build()).cache(CacheSettings.disabled())
                .clock(time.clock).sleeper(time).build();
    }

    private static NewLead newLead() {
        return NewLead.builder().name("Grace Hopper").email("grace@example.com").build();
    }

    @Test
    void retriesA503AndReturnsTheLeadOfTheSecondAttempt() {
        // given
        sim.faults().next(Fault.respondJson(503, "{\"error\":\"down for maintenance\"}"));
        ResilientLeadProvider provider = provider(ResilienceSettings.custom());

        // when
        Lead lead = provider.get("L1");

        // then
        assertThat(lead.name()).isEqualTo("Ada Lovelace");
        assertThat(sim.count("GET", "/leads/L1")).isEqualTo(2);
        assertThat(time.sleeps).singleElement()
                .satisfies(d -> assertThat(d).isBetween(Duration.ofMillis(100), Duration.ofMillis(300)));
        assertThat(provider.retry().getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt()).isEqualTo(1);
    }

    @Test
    void givesUpAfterTheConfiguredAttemptsWithBackoffThatGrows() {
        // given
        sim.faults().next(3, Fault.respondJson(503, "{\"error\":\"down\"}"));
        ResilientLeadProvider provider = provider(ResilienceSettings.custom().retryMaxAttempts(3));

        // when
        ProviderUnavailableException e = catchThrowableOfType(ProviderUnavailableException.class,
                () -> provider.get("L1"));

        // then
        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(sim.count("GET", "/leads/L1")).isEqualTo(3);
        assertThat(time.sleeps).hasSize(2);
        assertThat(time.sleeps.get(1)).isBetween(Duration.ofMillis(200), Duration.ofMillis(600));
    }

    @Test
    void honoursRetryAfterOfA429BeforeTheRetry() {
        // given
        sim.faults().next(Fault.respond(429, Map.of("Retry-After", "7"), "{\"error\":\"slow down\"}"));
        ResilientLeadProvider provider = provider(ResilienceSettings.custom());

        // when
        Lead lead = provider.get("L1");

        // then
        assertThat(lead.nativeId()).isEqualTo("L1");
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(7));
        assertThat(sim.count("GET", "/leads/L1")).isEqualTo(2);
    }

    @Test
    void honoursRateLimitResetWhenA429HasNoRetryAfter() {
        // given
        long reset = time.clock.instant().getEpochSecond() + 5;
        sim.faults().next(Fault.respond(429, Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset",
                Long.toString(reset)), "{\"error\":\"slow down\"}"));
        ResilientLeadProvider provider = provider(ResilienceSettings.custom());

        // when
        provider.get("L1");

        // then
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void failsAtOnceWhenTheProviderAsksForAWaitAboveTheCap() {
        // given
        sim.faults().next(Fault.respond(429, Map.of("Retry-After", "3600"), "{\"error\":\"hourly quota used\"}"));
        ResilientLeadProvider provider = provider(ResilienceSettings.custom().retryMaxWait(Duration.ofSeconds(60)));

        // when
        RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> provider.get("L1"));

        // then
        assertThat(e.retryAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(e.getMessage()).contains("asked to wait 1h (3600s)").contains("retry.max-wait")
                .contains(CONNECTION);
        assertThat(time.sleeps).isEmpty();
        assertThat(sim.count("GET", "/leads/L1")).isEqualTo(1);
    }

    @Test
    void retriesAGetWhoseConnectionWasReset() {
        // given: two resets, since the JDK client itself resends a GET once when the connection closes before any
        // response byte; the second reset reaches the retry layer
        sim.faults().next(2, Fault.connectionReset());
        ResilientLeadProvider provider = provider(ResilienceSettings.custom());

        // when
        Lead lead = provider.get("L1");

        // then
        assertThat(lead.name()).isEqualTo("Ada Lovelace");
        assertThat(sim.count("GET", "/leads/L1")).isEqualTo(3);
        assertThat(time.sleeps).isNotEmpty();
    }

    @Test
    void retriesAGetWhoseResponseTimedOut() {
        // given
        sim.faults().next(Fault.delayAfterHandling(Duration.ofSeconds(2)));
        ResilientLeadProvider provider = provider(ResilienceSettings.custom(), SHORT_READ_TIMEOUT, sim.rootUrl());

        // when
        Lead lead = provider.get("L1");

        // then
        assertThat(lead.name()).isEqualTo("Ada Lovelace");
        assertThat(sim.count("GET", "/leads/L1")).isEqualTo(2);
        assertThat(time.sleeps).hasSize(1);
    }

    @Test
    void aCreateWhoseResponseTimesOutIsNotRetriedAndSaysTheLeadMayHaveBeenCreated() {
        // given
        sim.faults().when(r -> r.method().equals("POST"), 1, Fault.delayAfterHandling(Duration.ofSeconds(2)));
        ResilientLeadProvider provider = provider(ResilienceSettings.custom(), SHORT_READ_TIMEOUT, sim.rootUrl());

        // when
        OutcomeUnknownException e = catchThrowableOfType(OutcomeUnknownException.class,
                () -> provider.create(newLead()));

        // then
        assertThat(e.getMessage()).contains("the lead may have been created").contains(CONNECTION);
        assertThat(e.getCause()).isInstanceOf(ProviderUnavailableException.class);
        assertThat(sim.count("POST", "/leads")).isEqualTo(1);
        assertThat(sim.size()).as("the simulator did create it").isEqualTo(2);
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void aCreateWhoseConnectionWasResetAfterSendingIsAnUnknownOutcome() {
        // given
        sim.faults().when(r -> r.method().equals("POST"), 1, Fault.connectionReset());
        ResilientLeadProvider provider = provider(ResilienceSettings.custom());

        // when / then
        assertThatThrownBy(() -> provider.create(newLead())).isInstanceOf(OutcomeUnknownException.class)
                .hasMessageContaining("the lead may have been created");
        assertThat(sim.count("POST", "/leads")).isEqualTo(1);
    }

    @Test
    void aCreateAnswered503IsAnUnknownOutcomeAndNotRetried() {
        // given
        sim.faults().next(Fault.respondJson(503, "{\"error\":\"overloaded\"}"));
        ResilientLeadProvider provider = provider(ResilienceSettings.custom());

        // when
        OutcomeUnknownException e = catchThrowableOfType(OutcomeUnknownException.class,
                () -> provider.create(newLead()));

        // then
        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(sim.count("POST", "/leads")).isEqualTo(1);
    }

    @Test
    void aCreateIsRetriedWhenTheConnectionIsRefusedBecauseNothingWasSent() {
        // given
        ResilientLeadProvider provider = provider(ResilienceSettings.custom().retryMaxAttempts(3),
                Duration.ofSeconds(5), "http://127.0.0.1:1");

        // when
        ProviderUnavailableException e = catchThrowableOfType(ProviderUnavailableException.class,
                () -> provider.create(newLead()));

        // then
        assertThat(e).isNotInstanceOf(OutcomeUnknownException.class);
        assertThat(e.requestMayHaveReachedServer()).isFalse();
        assertThat(time.sleeps).as("three attempts, two waits").hasSize(2);
    }

    @Test
    void aCreateRefusedWith429IsRetriedAfterTheWait() {
        // given
        sim.faults().next(Fault.respond(429, Map.of("Retry-After", "2"), "{\"error\":\"slow down\"}"));
        ResilientLeadProvider provider = provider(ResilienceSettings.custom());

        // when
        Lead created = provider.create(newLead());

        // then
        assertThat(created.name()).isEqualTo("Grace Hopper");
        assertThat(sim.count("POST", "/leads")).isEqualTo(2);
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void aStatusChangeIsNotRetriedButAFieldUpdateIs() {
        // given
        ResilientLeadProvider provider = provider(ResilienceSettings.custom());
        sim.faults().next(Fault.respondJson(503, "{\"error\":\"down\"}"));

        // when
        Throwable statusChange = catchThrowableOfType(OutcomeUnknownException.class,
                () -> provider.update("L1", LeadUpdate.builder().status(LeadStatus.WON, "signed").build()));
        long statusPuts = sim.count("PUT", "/leads/L1");
        sim.faults().next(Fault.respondJson(503, "{\"error\":\"down\"}"));
        Lead renamed = provider.update("L1", LeadUpdate.builder().name("Ada King").build());

        // then
        assertThat(statusChange).hasMessageContaining("the status change may have been applied");
        assertThat(statusPuts).isEqualTo(1);
        assertThat(renamed.name()).isEqualTo("Ada King");
        assertThat(sim.count("PUT", "/leads/L1")).isEqualTo(1 + 2);
    }

    @Test
    void aDeleteRetriedAfterATimeoutThatDidDeleteSucceedsOnThe404() {
        // given
        sim.faults().when(r -> r.method().equals("DELETE"), 1, Fault.delayAfterHandling(Duration.ofSeconds(2)));
        ResilientLeadProvider provider = provider(ResilienceSettings.custom(), SHORT_READ_TIMEOUT, sim.rootUrl());

        // when
        provider.delete("L1");

        // then
        assertThat(sim.count("DELETE", "/leads/L1")).isEqualTo(2);
        assertThat(sim.size()).isZero();
    }

    @Test
    void theBreakerOpensAfterTheConfiguredFailuresFailsFastNamingTheConnectionAndClosesAfterRecovery() {
        // given
        ResilientLeadProvider provider = provider(ResilienceSettings.custom().retryMaxAttempts(1)
                .breakerWindowSize(4).breakerMinimumCalls(4).breakerFailureRate(50)
                .breakerOpenDuration(Duration.ofSeconds(30)).breakerHalfOpenCalls(1));
        sim.faults().next(4, Fault.respondJson(503, "{\"error\":\"down\"}"));
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> provider.get("L1")).isInstanceOf(ProviderUnavailableException.class)
                    .isNotInstanceOf(CircuitOpenException.class);
        }

        // when
        CircuitOpenException open = catchThrowableOfType(CircuitOpenException.class, () -> provider.get("L1"));

        // then
        assertThat(provider.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(open.getMessage()).contains("connection '" + CONNECTION + "'");
        assertThat(open.connection()).isEqualTo(CONNECTION);
        assertThat(open.requestMayHaveReachedServer()).isFalse();
        assertThat(sim.count("GET", "/leads/L1")).as("the fifth call was not sent").isEqualTo(4);

        // and when the open duration has passed and the provider recovered
        time.advance(Duration.ofSeconds(31));
        Lead lead = provider.get("L1");

        // then
        assertThat(lead.nativeId()).isEqualTo("L1");
        assertThat(provider.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void notFoundAnswersDoNotCountAsFailuresOfTheBreaker() {
        // given
        ResilientLeadProvider provider = provider(ResilienceSettings.custom().retryMaxAttempts(1)
                .breakerWindowSize(2).breakerMinimumCalls(2));

        // when
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> provider.get("missing")).isInstanceOf(LeadNotFoundException.class);
        }

        // then
        assertThat(provider.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(sim.count("GET", "/leads/missing")).as("a 404 is not retried").isEqualTo(3);
    }

    @Test
    void aStreamRetriesTheFailedPageOnly() {
        // given
        for (int i = 10; i < 35; i++) {
            sim.seed("P" + i, "Person " + i);
        }
        sim.faults().when(r -> r.rawPath().equals("/leads") && "2".equals(r.param("page")), 1,
                Fault.respondJson(502, "{\"error\":\"bad gateway\"}"));
        ResilientLeadProvider provider = provider(ResilienceSettings.custom());

        // when
        List<Lead> leads;
        try (var stream = provider.stream(LeadQuery.builder().pageSize(10).build())) {
            leads = stream.toList();
        }

        // then
        assertThat(leads).hasSize(26).extracting(Lead::nativeId).doesNotHaveDuplicates();
        assertThat(sim.count("GET", "/leads?")).isZero();
        assertThat(sim.requestCount(r -> r.rawPath().equals("/leads"))).isEqualTo(3 + 1);
    }

    @Test
    void theBulkheadRefusesACallBeyondTheConcurrencyLimitWithoutSendingIt() throws Exception {
        // given two slow calls in flight on a connection allowing two
        sim.faults().next(2, Fault.delayAfterHandling(Duration.ofMillis(600)));
        ResilientLeadProvider provider = provider(ResilienceSettings.custom().bulkheadMaxConcurrent(2)
                .bulkheadMaxWait(Duration.ZERO));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> provider.get("L1"));
            var second = pool.submit(() -> provider.get("L1"));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (sim.count("GET", "/leads/L1") < 2 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }

            // when
            ProviderUnavailableException e = catchThrowableOfType(ProviderUnavailableException.class,
                    () -> provider.get("L1"));

            // then
            assertThat(e.getMessage()).contains("bulkhead.max-concurrent").contains(CONNECTION);
            assertThat(e.requestMayHaveReachedServer()).isFalse();
            assertThat(first.get().nativeId()).isEqualTo("L1");
            assertThat(second.get().nativeId()).isEqualTo("L1");
            assertThat(sim.count("GET", "/leads/L1")).isEqualTo(2);
            assertThat(time.sleeps).as("a local refusal is not retried").isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void createAllWithoutBulkSupportCreatesOneByOneThroughTheLayers() {
        // given
        sim.faults().when(r -> r.method().equals("POST"), 1, Fault.respondJson(503, "{\"error\":\"down\"}"));
        ResilientLeadProvider provider = provider(ResilienceSettings.custom());

        // when
        var result = provider.createAll(List.of(newLead(), NewLead.builder().name("Alan").build()));

        // then
        assertThat(result.failures()).singleElement()
                .satisfies(f -> assertThat(f.error()).isInstanceOf(OutcomeUnknownException.class));
        assertThat(result.created()).extracting(Lead::name).containsExactly("Alan");
        assertThat(sim.count("POST", "/leads")).isEqualTo(2);
    }

    @Test
    void refusesToWrapAProviderTwice() {
        // given
        ResilientLeadProvider provider = provider(ResilienceSettings.custom());

        // when / then
        assertThatThrownBy(() -> ResilientLeadProvider.wrap(provider)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already wrapped");
        assertThat(provider.bare()).isInstanceOf(TestProvider.class);
    }
}
