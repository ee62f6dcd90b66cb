package dev.leadbridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.testkit.SimRequest;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The pages an export keeps in flight, counted on a loopback Octanist simulator: a slow page must not hold back the
 * slots of the pages after it (no head-of-line blocking), and the pages asked for ahead of the next one to deliver
 * stay bounded.
 */
class PagesInFlightTest {

    private static final int CONCURRENCY = 4;
    private static final int WINDOW = 2 * CONCURRENCY;

    @Test
    void aSlowPageDoesNotHoldBackTheOtherSlotsButThePagesAskedAheadStayWithinTwiceTheConcurrency() {
        try (OctanistSimulator simulator = OctanistSimulator.builder().seed(300, 7).build()) {
            // given page 2 answered only once the simulator has seen page 1 and the window of pages 2 to 9
            long expectedRequests = 1 + WINDOW;
            AtomicLong seenWhilePage2Held = new AtomicLong(-1);
            Predicate<SimRequest> page2 = r -> r.method().equals("GET") && "2".equals(r.param("page"));
            simulator.onceAfter(page2, () -> seenWhilePage2Held.set(awaitRequests(simulator, expectedRequests)));

            // when every lead is exported with 4 pages in flight, in pages of 10
            List<Lead> leads;
            try (LeadbridgeClient client = LeadbridgeClient.builder().pageConcurrency(CONCURRENCY)
                    .connection(ConnectionConfig.builder("acme").provider("octanist").baseUrl(simulator.baseUrl())
                            .apiKey(simulator.apiKey()).build())
                    .build();
                 AggregateResult result = client.stream(AggregateQuery.of(LeadQuery.builder().pageSize(10).build()))) {
                leads = result.leads().toList();
                assertThat(result.outcomes().get("acme")).isInstanceOfSatisfying(ConnectionOutcome.Ok.class,
                        ok -> assertThat(ok.pages()).isEqualTo(30));
            }

            // then while page 2 was held, the three other slots went on to page 9 (the old fetcher stopped at
            // page 5, waiting for page 2), and not one page beyond the window was asked for
            assertThat(seenWhilePage2Held.get()).isEqualTo(expectedRequests);
            assertThat(leads).hasSize(300);
            assertThat(new HashSet<>(leads.stream().map(Lead::nativeId).toList())).hasSize(300);
            assertThat(simulator.requestCount()).isEqualTo(30);
        }
    }

    /** Waits (up to 20 s, so a fetcher that never asks fails the test instead of hanging) for {@code n} requests. */
    private static long awaitRequests(OctanistSimulator simulator, long n) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (simulator.requestCount() < n && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return simulator.requestCount();
    }
}
