package dev.leadbridge.core.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.cache.CacheSettings;
import dev.leadbridge.core.error.RateLimitedException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
    void theLocalRateLimiterHoldsABurstToTheConfiguredRateInAnySlidingWindow() {
        // given 5 requests per hour
        ResilientLeadProvider provider = provider(ResilienceSettings.custom().rateLimit(5, Duration.ofHours(1))
                .rateLimitMaxWait(Duration.ofHours(3)));
        Instant t0 = time.clock.instant();

        // when 12 calls are made as fast as the limiter lets them (waits move the fake clock)
        List<Instant> sent = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            provider.get("L1");
            sent.add(time.clock.instant());
        }

        // then 5 went at once, 5 an hour later and 2 an hour after that: never more than 5 in any sliding hour
        assertThat(sent.subList(0, 5)).allSatisfy(at -> assertThat(at).isEqualTo(t0));
        assertThat(sent.subList(5, 10)).allSatisfy(at -> assertThat(at).isEqualTo(t0.plus(Duration.ofHours(1))));
        assertThat(sent.subList(10, 12)).allSatisfy(at -> assertThat(at).isEqualTo(t0.plus(Duration.ofHours(2))));
        for (int i = 0; i + 5 < sent.size(); i++) {
            assertThat(Duration.between(sent.get(i), sent.get(i + 5))).isGreaterThanOrEqualTo(Duration.ofHours(1));
        }
        assertThat(provider.rateLimitPermitsAvailable()).contains(3);
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
