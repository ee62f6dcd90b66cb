package dev.leadbridge.core.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.cache.CacheSettings;
import dev.leadbridge.testkit.Fault;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An API key set to a canary value appears in no log line, exception message or {@code toString()}, through every
 * path that logs or raises: retries, waits, breaker transitions, unknown outcomes, rate limits, and a provider that
 * echoes the key in its error message.
 */
class CanaryKeyTest {

    private static final String CANARY = "canary-key-7f3a9e1c5b";

    @Test
    void theCanaryKeyAppearsInNoLogLineExceptionMessageOrToString() throws Exception {
        // given
        List<Throwable> errors = new ArrayList<>();
        List<Object> objects = new ArrayList<>();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        PrintStream originalOut = System.out;
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        FakeTime time = new FakeTime();

        // when
        try (TestSimulator sim = new TestSimulator()) {
            System.setErr(capture);
            System.setOut(capture);
            sim.acceptKey(CANARY);
            sim.clock(time.clock);
            sim.seed("L1", "Ada Lovelace");
            ConnectionConfig config = ConnectionConfig.parse(Map.of(
                    "connections.canary.provider", TestProvider.PROVIDER,
                    "connections.canary.base-url", sim.rootUrl(),
                    "connections.canary.api-key", "${LEADBRIDGE_CANARY}"), name -> CANARY).get(0);
            objects.add(config);
            objects.add(config.apiKey());

            TestProvider bare = new TestProvider("canary", config.baseUrlOr(""), config.apiKey().reveal(),
                    Duration.ofMillis(300), time.clock);
            ResilientLeadProvider provider = ResilientLeadProvider.builder(bare)
                    .resilience(ResilienceSettings.custom().rateLimit(8, Duration.ofHours(1)).rateLimitMaxWait(Duration.ofHours(1)).build())
                    .cache(CacheSettings.custom().notFoundTtl(Duration.ofSeconds(5)).build())
                    .clock(time.clock).sleeper(time).ticker(time.ticker()).build();
            objects.add(bare);
            objects.add(provider);
            objects.add(provider.resilienceSettings());
            objects.add(provider.cacheSettings());

            sim.faults().next(Fault.respondJson(503, "{\"error\":\"down\"}"));
            provider.get("L1");
            sim.faults().next(Fault.respond(429, Map.of("Retry-After", "3"), "{\"error\":\"slow\"}"));
            provider.update("L1", LeadUpdate.builder().name("Ada King").build());
            collect(errors, () -> provider.get("missing"));
            collect(errors, () -> provider.get("missing"));
            sim.faults().next(Fault.respond(429, Map.of("Retry-After", "7200"), "{\"error\":\"quota\"}"));
            collect(errors, () -> provider.list(dev.leadbridge.core.LeadQuery.ALL, 1));
            collect(errors, () -> provider.get("L1"));
            sim.faults().when(r -> r.method().equals("POST"), 1, Fault.delayAfterHandling(Duration.ofSeconds(2)));
            collect(errors, () -> provider.create(NewLead.builder().name("Grace").email("g@example.com").build()));
            sim.faults().next(Fault.respondJson(500, "{\"error\":\"boom\"}"));
            collect(errors, () -> provider.update("L1", LeadUpdate.builder().status(LeadStatus.WON).build()));
            ResilientLeadProvider fragile = ResilientLeadProvider.builder(bare)
                    .resilience(ResilienceSettings.custom().breakerWindowSize(2).breakerMinimumCalls(2).build())
                    .clock(time.clock).sleeper(time).build();
            sim.faults().next(6, Fault.respondJson(503, "{\"error\":\"down\"}"));
            for (int i = 0; i < 3; i++) {
                collect(errors, () -> fragile.delete("L1"));
            }
            sim.faults().clear();
            time.advance(Duration.ofMinutes(5));
            fragile.get("L1");

            sim.acceptKey("another-key");
            TestProvider rejected = new TestProvider("canary", sim.rootUrl(), CANARY, Duration.ofSeconds(2),
                    time.clock);
            collect(errors, () -> ResilientLeadProvider.wrap(rejected).get("L1"));
        } finally {
            System.setErr(originalErr);
            System.setOut(originalOut);
        }

        // then
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("retry 2/" + ResilienceSettings.DEFAULT_RETRY_MAX_ATTEMPTS).contains("waiting").contains("circuit breaker");
        assertThat(log).doesNotContain(CANARY);
        assertThat(errors).hasSizeGreaterThanOrEqualTo(8);
        for (Throwable error : errors) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString()).doesNotContain(CANARY);
        }
        assertThat(errors).anySatisfy(e -> assertThat(e).hasMessageContaining("****"));
        for (Object o : objects) {
            assertThat(o.toString()).doesNotContain(CANARY);
        }
    }

    private static void collect(List<Throwable> errors, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            errors.add(e);
        }
    }
}
