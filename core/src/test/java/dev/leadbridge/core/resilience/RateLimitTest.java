package dev.leadbridge.core.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.cache.CacheSettings;
import dev.leadbridge.core.error.RateLimitedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The local rate limiter and the adaptive pacing on the provider's reported budget; waits move a fake clock. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitTest {

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
        TestProvider bare = new TestProvider("acme-limits", sim.rootUrl(), TestSimulator.KEY, Duration.ofSeconds(5),
                time.clock);
        return ResilientLeadProvider.builder(bare).resilience(settings.build()).cache(CacheSettings.disabled())
                .clock(time.clock).sleeper(time).build();
    }

    @Test
    void theLocalRateLimiterHoldsABurstToTheConfiguredRate() throws Exception {
        // given 5 requests per hour
        ResilientLeadProvider provider = provider(ResilienceSettings.custom().rateLimit(5, Duration.ofHours(1))
                .rateLimitMaxWait(Duration.ofHours(3)));
        ExecutorService pool = Executors.newFixedThreadPool(12);

        // when a burst of 12 calls arrives at once
        List<Future<?>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                calls.add(pool.submit(() -> provider.get("L1")));
            }
            for (Future<?> call : calls) {
                call.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        // then 5 went at once, 5 waited for the next hour and 2 for the one after
        List<Duration> waits = time.sleeps.stream().sorted().toList();
        assertThat(waits).hasSize(7);
        assertThat(waits.subList(0, 5)).allSatisfy(w ->
                assertThat(w).isBetween(Duration.ofMinutes(59), Duration.ofMinutes(60)));
        assertThat(waits.subList(5, 7)).allSatisfy(w ->
                assertThat(w).isBetween(Duration.ofMinutes(119), Duration.ofMinutes(120)));
        assertThat(provider.rateLimiter()).isPresent();
    }

    @Test
    void theLocalRateLimiterRefusesACallThatWouldWaitLongerThanTheMaximumWithoutSendingIt() {
        // given
        ResilientLeadProvider provider = provider(ResilienceSettings.custom().rateLimit(3, Duration.ofHours(1))
                .rateLimitMaxWait(Duration.ofMinutes(30)));
        for (int i = 0; i < 3; i++) {
            provider.get("L1");
        }

        // when
        RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> provider.get("L1"));

        // then
        assertThat(e.getMessage()).contains("3 requests per 1h").contains("rate-limit.max-wait")
                .contains("acme-limits");
        assertThat(e.httpStatus()).isNull();
        assertThat(sim.count("GET", "/leads/L1")).isEqualTo(3);
    }

    @Test
    void adaptivePacingKeepsALongRunFreeOf429sWhenTheProviderReportsItsBudget() {
        // given a provider allowing 20 requests per minute, reporting X-RateLimit-* headers
        sim.rateLimit(20, Duration.ofMinutes(1));
        ResilientLeadProvider provider = provider(ResilienceSettings.custom().noRateLimit());

        // when
        for (int i = 0; i < 70; i++) {
            provider.list(LeadQuery.ALL, 1);
        }

        // then
        assertThat(sim.refused()).isZero();
        assertThat(sim.requestCount(r -> r.rawPath().equals("/leads"))).isEqualTo(70);
        assertThat(time.slept()).isGreaterThanOrEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void withoutPacingTheSameRunEarns429sThatRetryAfterHonours() {
        // given
        sim.rateLimit(20, Duration.ofMinutes(1));
        ResilientLeadProvider provider = provider(ResilienceSettings.custom().noRateLimit()
                .rateLimitSlowDownBelow(0));

        // when
        for (int i = 0; i < 70; i++) {
            provider.list(LeadQuery.ALL, 1);
        }

        // then
        assertThat(sim.refused()).isPositive();
    }

    @Test
    void pacingRefusesACallWhoseWaitForTheReportedResetExceedsTheMaximum() {
        // given a provider allowing 2 requests per hour
        sim.rateLimit(2, Duration.ofHours(1));
        ResilientLeadProvider provider = provider(ResilienceSettings.custom().noRateLimit()
                .rateLimitMaxWait(Duration.ofMinutes(10)));
        provider.get("L1");
        provider.get("L1");

        // when
        RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> provider.get("L1"));

        // then
        assertThat(e.getMessage()).contains("rate-limit.max-wait").contains("requests left until");
        assertThat(e.retryAfter()).isGreaterThan(Duration.ofMinutes(10));
        assertThat(sim.count("GET", "/leads/L1")).isEqualTo(2);
        assertThat(sim.refused()).isZero();
    }
}
