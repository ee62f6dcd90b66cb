package dev.leadbridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.ProviderUnavailableException;
import dev.leadbridge.core.resilience.ResilienceSettings;
import dev.leadbridge.core.resilience.ResilientLeadProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResilientConnectionTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void prefetchingStaysWithinTheBulkheadAndTheOutcomeCountsTheRetries() {
        // given a connection whose bulkhead allows 2 calls, and whose pages 3 and 5 fail once each
        FakeProvider fake = FakeProvider.sorting("acme").addMany(100, "a", T0);
        fake.latency = Duration.ofMillis(30);
        AtomicInteger failures = new AtomicInteger();
        fake.failOnPage = page -> (page == 3 || page == 5) && failures.getAndIncrement() < 2
                ? new ProviderUnavailableException("503", ErrorDetails.of("fake", "acme"), null, true) : null;
        ResilientLeadProvider resilient = ResilientLeadProvider.builder(fake)
                .resilience(ResilienceSettings.custom().bulkheadMaxConcurrent(2)
                        .retryInitialBackoff(Duration.ofMillis(1)).retryMaxBackoff(Duration.ofMillis(5)).build())
                .sleeper(d -> { })
                .build();

        // when the client, asked for 8 pages at once, lists it
        try (LeadbridgeClient client = LeadbridgeClient.builder().connection(resilient).pageConcurrency(8).build();
             AggregateResult result = client.stream(LeadQuery.builder().pageSize(10).build())) {
            assertThat(result.leads().count()).isEqualTo(100);

            // then no call waited on the bulkhead, and the two retries are reported
            assertThat(fake.maxInFlight.get()).isEqualTo(2);
            assertThat(result.outcomes().get("acme")).isInstanceOfSatisfying(ConnectionOutcome.Ok.class, ok -> {
                assertThat(ok.retries()).isEqualTo(2);
                assertThat(ok.pages()).isEqualTo(10);
            });
        }
    }
}
