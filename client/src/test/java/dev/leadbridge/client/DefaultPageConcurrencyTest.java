package dev.leadbridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.client.internal.PageConcurrency;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.RateLimitSpec;
import dev.leadbridge.core.connect.LeadProviders;
import dev.leadbridge.core.resilience.ResilienceSettings;
import dev.leadbridge.core.resilience.ResilientLeadProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DefaultPageConcurrencyTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void aConnectionWithoutARateLimitFetchesSixPagesAtOnceByDefault() {
        assertThat(maxPagesInFlight(ResilienceSettings.custom().noRateLimit().build(), null)).isEqualTo(6);
    }

    @Test
    void aConnectionWithAThousandRequestsAnHourFetchesTwoPagesAtOnceByDefault() {
        ResilienceSettings settings = ResilienceSettings.custom().rateLimit(RateLimitSpec.perHour(1000)).build();
        assertThat(maxPagesInFlight(settings, null)).isEqualTo(2);
    }

    @Test
    void thePageConcurrencySetOnTheBuilderWinsOverTheRateBudget() {
        ResilienceSettings settings = ResilienceSettings.custom().rateLimit(RateLimitSpec.perHour(1000)).build();
        assertThat(maxPagesInFlight(settings, 3)).isEqualTo(3);
    }

    @Test
    void theDefaultFollowsTheBudgetPerHourBetweenOneAndSix() {
        assertThat(PageConcurrency.forRateLimit(Optional.empty())).isEqualTo(6);
        assertThat(PageConcurrency.forRateLimit(Optional.of(RateLimitSpec.perHour(100)))).isEqualTo(1);
        assertThat(PageConcurrency.forRateLimit(Optional.of(RateLimitSpec.perHour(1000)))).isEqualTo(2);
        assertThat(PageConcurrency.forRateLimit(Optional.of(RateLimitSpec.perHour(1500)))).isEqualTo(3);
        assertThat(PageConcurrency.forRateLimit(Optional.of(RateLimitSpec.of(100, Duration.ofMinutes(1)))))
                .isEqualTo(6);
    }

    @Test
    void connectionsOpenedFromConfigurationGetTheirProvidersPublishedBudgetAsTheDefault() {
        ConnectionConfig workspace = ConnectionConfig.builder("w").provider("workspace-v1")
                .baseUrl("http://127.0.0.1:9").apiKey("sk-workspace_test").build();
        ConnectionConfig octanist = ConnectionConfig.builder("o").provider("octanist")
                .baseUrl("http://127.0.0.1:9").apiKey("oct_live_test_0c9d8e7f6a5b4c3d2e1f").build();
        try (LeadProvider w = LeadProviders.open(workspace); LeadProvider o = LeadProviders.open(octanist)) {
            assertThat(PageConcurrency.defaultFor(w, LeadbridgeClient.DEFAULT_PAGE_CONCURRENCY)).isEqualTo(2);
            assertThat(PageConcurrency.defaultFor(o, LeadbridgeClient.DEFAULT_PAGE_CONCURRENCY)).isEqualTo(6);
        }
    }

    @Test
    void aProviderWithoutResilienceLayersKeepsTheGeneralDefault() {
        FakeProvider fake = FakeProvider.sorting("plain");
        assertThat(PageConcurrency.defaultFor(fake, LeadbridgeClient.DEFAULT_PAGE_CONCURRENCY)).isEqualTo(4);
    }

    private static int maxPagesInFlight(ResilienceSettings settings, Integer builderConcurrency) {
        FakeProvider fake = FakeProvider.sorting("acme").addMany(200, "a", T0);
        fake.latency = Duration.ofMillis(40);
        ResilientLeadProvider resilient = ResilientLeadProvider.builder(fake).resilience(settings)
                .sleeper(d -> { }).build();
        LeadbridgeClient.Builder builder = LeadbridgeClient.builder().connection(resilient);
        if (builderConcurrency != null) {
            builder.pageConcurrency(builderConcurrency);
        }
        try (LeadbridgeClient client = builder.build();
             AggregateResult result = client.stream(LeadQuery.builder().pageSize(10).build())) {
            assertThat(result.leads().count()).isEqualTo(200);
        }
        return fake.maxInFlight.get();
    }
}
