package dev.leadbridge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.cache.CacheSettings;
import dev.leadbridge.core.error.ProviderUnavailableException;
import dev.leadbridge.core.resilience.ResilienceSettings;
import dev.leadbridge.core.resilience.ResilientLeadProvider;
import dev.leadbridge.core.resilience.Sleeper;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.spi.LeadProviderFactory;
import dev.leadbridge.provider.octanist.OctanistProvider;
import dev.leadbridge.provider.workspace.WorkspaceProvider;
import dev.leadbridge.testkit.Fault;
import dev.leadbridge.testkit.FaultInjector;
import dev.leadbridge.testkit.MutableClock;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11 item 4: with default settings, an export with 20% transient faults (503, 429 with
 * {@code Retry-After: 1}, a proxy's 502 HTML page, connection resets, and all of them mixed) loses nothing, for
 * many seeded fault sequences, each over 50 pages: ten 5,000-lead exports from Octanist, five 1,000-lead ones (20 a
 * page) from workspace-v1 (whose simulator copies and sorts every stored lead for each page, so 5,000 leads cost it
 * some 40 s per export on a busy machine). A provider that is really down still fails in bounded time. Waits (backoff, Retry-After, rate limit)
 * move a simulated clock shared with the simulators instead of sleeping, so an export takes seconds of real time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransientFaultExportTest {

    private static final int OCTANIST_LEADS = 5_000;
    private static final int WORKSPACE_LEADS = 1_000;
    private static final double FAULT_RATE = 0.2;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
    private OctanistSimulator octanist;
    private WorkspaceSimulator workspace;

    @BeforeAll
    void startSimulators() {
        octanist = OctanistSimulator.builder().clock(clock).seed(OCTANIST_LEADS, 7).build();
        workspace = WorkspaceSimulator.builder().clock(clock).seed(WORKSPACE_LEADS, 7).build();
    }

    @AfterAll
    void stopSimulators() {
        octanist.close();
        workspace.close();
    }

    /** The faults a hostile network serves. */
    enum Kind {
        SERVICE_UNAVAILABLE(List.of(Fault.respondJson(503, "{\"error\":\"unavailable\"}"))),
        RATE_LIMITED(List.of(Fault.respond(429, Map.of("Retry-After", "1", "Content-Type", "application/json"),
                "{\"error\":\"slow down\"}"))),
        BAD_GATEWAY_PAGE(List.of(Fault.htmlPage(502))),
        CONNECTION_RESET(List.of(Fault.connectionReset())),
        MIXED(List.of(Fault.respondJson(503, "{\"error\":\"unavailable\"}"),
                Fault.respond(429, Map.of("Retry-After", "1"), "{\"error\":\"slow down\"}"), Fault.htmlPage(502),
                Fault.connectionReset()));

        final List<Fault> faults;

        Kind(List<Fault> faults) {
            this.faults = faults;
        }
    }

    static Stream<Arguments> sequences() {
        Stream.Builder<Arguments> b = Stream.builder();
        long seed = 1;
        // ten sequences on Octanist, five on workspace-v1
        for (Kind kind : Kind.values()) {
            b.add(Arguments.of("octanist", kind, seed++));
            b.add(Arguments.of("octanist", kind, seed++));
            b.add(Arguments.of("workspace-v1", kind, seed++));
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0}, {1}, fault sequence {2}")
    @MethodSource("sequences")
    void anExportWithTwentyPercentTransientFaultsLosesNothingWithDefaultSettings(String provider, Kind kind,
                                                                                 long seed) {
        boolean isOctanist = provider.equals("octanist");
        int count = isOctanist ? OCTANIST_LEADS : WORKSPACE_LEADS;
        int pageSize = isOctanist ? 100 : 20; // fifty pages either way
        FaultInjector faults = isOctanist ? octanist.faults() : workspace.faults();
        Set<String> expected = (isOctanist ? octanist.leads() : workspace.leads()).stream()
                .map(lead -> lead.get("id").asText()).collect(Collectors.toSet());
        faults.clear();
        long before = isOctanist ? octanist.requestCount() : workspace.requestCount();
        injectTwentyPercent(faults, kind, new Random(seed));
        Instant start = clock.instant();
        try (ResilientLeadProvider connection = open(provider)) {
            List<Lead> exported;
            try (Stream<Lead> leads = connection.stream(LeadQuery.builder().pageSize(pageSize).build())) {
                exported = leads.toList();
            }
            assertThat(exported).hasSize(count);
            assertThat(exported.stream().map(Lead::nativeId).collect(Collectors.toSet())).isEqualTo(expected);
            long requests = (isOctanist ? octanist.requestCount() : workspace.requestCount()) - before;
            assertThat(requests).as("pages plus retries").isGreaterThan(count / pageSize);
            // simulated time: at 20% faults a few retries per export, each waiting at most 10s (or Retry-After)
            assertThat(Duration.between(start, clock.instant())).isLessThan(Duration.ofMinutes(10));
        } finally {
            faults.clear();
        }
    }

    @Test
    void aProviderThatIsReallyDownFailsAfterTheDefaultAttemptsWithinTheDefaultTotalRetryTime() {
        octanist.faults().clear();
        octanist.faults().next(1_000, Fault.respondJson(503, "{\"error\":\"down\"}"));
        long before = octanist.requestCount();
        Instant start = clock.instant();
        try (ResilientLeadProvider connection = open("octanist")) {
            assertThatThrownBy(() -> connection.list(LeadQuery.ALL, 1))
                    .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("HTTP 503");
            assertThat(octanist.requestCount() - before).isEqualTo(ResilienceSettings.DEFAULT_RETRY_MAX_ATTEMPTS);
            assertThat(Duration.between(start, clock.instant()))
                    .isLessThanOrEqualTo(ResilienceSettings.DEFAULT_RETRY_MAX_DURATION);
        } finally {
            octanist.faults().clear();
        }
    }

    @Test
    void aProviderThatResetsEveryConnectionFailsWithinTheDefaultTotalRetryTime() {
        workspace.faults().clear();
        workspace.faults().next(1_000, Fault.connectionReset());
        Instant start = clock.instant();
        try (ResilientLeadProvider connection = open("workspace-v1")) {
            assertThatThrownBy(() -> connection.list(LeadQuery.ALL, 1))
                    .isInstanceOf(ProviderUnavailableException.class);
            assertThat(Duration.between(start, clock.instant()))
                    .isLessThanOrEqualTo(ResilienceSettings.DEFAULT_RETRY_MAX_DURATION);
        } finally {
            workspace.faults().clear();
        }
    }

    /**
     * Every request fails with probability 0.2, independently, with one of the kind's faults; the first rule draws
     * for the request and the others read its draw (the injector asks its rules in order, on the request's thread).
     */
    private static void injectTwentyPercent(FaultInjector faults, Kind kind, Random random) {
        ThreadLocal<Integer> drawn = new ThreadLocal<>();
        for (int i = 0; i < kind.faults.size(); i++) {
            int index = i;
            faults.when(request -> {
                if (index == 0) {
                    synchronized (random) {
                        drawn.set(random.nextDouble() < FAULT_RATE ? random.nextInt(kind.faults.size()) : -1);
                    }
                }
                return drawn.get() == index;
            }, Integer.MAX_VALUE, kind.faults.get(i));
        }
    }

    /** Opens a connection as {@code LeadProviders.open} does with no options: default settings, published limit. */
    private ResilientLeadProvider open(String provider) {
        LeadProvider bare;
        LeadProviderFactory factory;
        if (provider.equals("octanist")) {
            bare = OctanistProvider.builder().connection("faulty-octanist").baseUrl(octanist.baseUrl())
                    .apiKey(octanist.apiKey()).clock(clock).build();
            factory = new dev.leadbridge.provider.octanist.OctanistProviderFactory();
        } else {
            bare = WorkspaceProvider.builder().connection("faulty-ws").baseUrl(workspace.baseUrl())
                    .apiKey(workspace.apiKey()).chatbotId(workspace.defaultChatbotId()).clock(clock).build();
            factory = new dev.leadbridge.provider.workspace.WorkspaceProviderFactory();
        }
        ResilienceSettings.Builder settings = ResilienceSettings.custom();
        factory.publishedRateLimit().ifPresent(settings::rateLimit);
        Sleeper simulated = clock::advance;
        return ResilientLeadProvider.builder(bare).resilience(settings.build()).cache(CacheSettings.ofDefaults())
                .clock(clock).sleeper(simulated).build();
    }
}
