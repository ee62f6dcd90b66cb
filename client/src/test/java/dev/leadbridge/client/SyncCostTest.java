package dev.leadbridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.testkit.MutableClock;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What an incremental Octanist sync costs in requests with the default look-back, counted by the simulator on
 * loopback with a simulated clock: a sync every minute with 100 changes a minute stays within 1.5 times the floor
 * (ceil(100/100)+1 = 2 requests), and a lead that becomes visible late within the look-back is still caught.
 */
class SyncCostTest {

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final LeadQuery PAGES_OF_100 = LeadQuery.builder().pageSize(100).build();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private static void touch(OctanistSimulator sim, String id, Instant at) {
        ObjectNode lead = sim.lead(id).orElseThrow();
        lead.put("updatedAt", MILLIS.format(at));
        sim.put(lead);
    }

    private SyncCheckpoint sync(LeadbridgeClient client, SyncCheckpoint from, Set<String> got) {
        try (SyncResult result = client.changesSince("c", from, PAGES_OF_100)) {
            for (Lead lead : result.leads()) {
                got.add(lead.nativeId());
            }
            return result.next();
        }
    }

    private LeadbridgeClient client(OctanistSimulator sim) {
        return LeadbridgeClient.builder().clock(clock).pageConcurrency(1).connection(ConnectionConfig.builder("c")
                .provider("octanist").baseUrl(sim.baseUrl()).apiKey(sim.apiKey()).build()).build();
    }

    @Test
    void aSyncEveryMinuteWithAHundredChangesAMinuteCostsAtMostOneAndAHalfTimesTheFloor() {
        try (OctanistSimulator sim = OctanistSimulator.builder().clock(clock).seed(1000, 5).build()) {
            clock.advance(Duration.ofHours(1));
            List<String> ids = sim.leads().stream().map(l -> l.get("id").asText()).toList();
            try (LeadbridgeClient client = client(sim)) {
                SyncCheckpoint checkpoint = sync(client, SyncCheckpoint.initial(), new HashSet<>());
                int next = 0;
                for (int minute = 0; minute < 6; minute++) {
                    Set<String> changed = new HashSet<>();
                    for (int i = 0; i < 100; i++) {
                        clock.advance(Duration.ofMillis(600));
                        String id = ids.get(next++ % ids.size());
                        touch(sim, id, clock.instant());
                        changed.add(id);
                    }
                    long before = sim.requestCount();
                    Set<String> got = new HashSet<>();
                    checkpoint = sync(client, checkpoint, got);

                    assertThat(got).as("minute %d", minute).containsAll(changed);
                    assertThat(sim.requestCount() - before).as("requests in minute %d", minute)
                            .isLessThanOrEqualTo(3);
                }
            }
        }
    }

    @Test
    void aLeadVisibleLateButStampedWithinTheDefaultLookBackIsCaughtOnceAndNothingElseRepeats() {
        try (OctanistSimulator sim = OctanistSimulator.builder().clock(clock).seed(50, 9).build()) {
            clock.advance(Duration.ofHours(1));
            List<String> ids = sim.leads().stream().map(l -> l.get("id").asText()).toList();
            try (LeadbridgeClient client = client(sim)) {
                SyncCheckpoint first = sync(client, SyncCheckpoint.initial(), new HashSet<>());
                clock.advance(Duration.ofSeconds(30));
                touch(sim, ids.get(0), clock.instant());
                Set<String> second = new HashSet<>();
                SyncCheckpoint afterSecond = sync(client, first, second);
                Instant watermark = afterSecond.watermark().orElseThrow();

                // a change committed late: stamped 20 seconds before the newest change already synced
                touch(sim, ids.get(1), watermark.minusSeconds(20));
                Set<String> third = new HashSet<>();
                sync(client, afterSecond, third);

                assertThat(second).containsExactly(ids.get(0));
                assertThat(third).containsExactly(ids.get(1));
            }
        }
    }
}
