package dev.leadbridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.client.internal.SyncState;
import dev.leadbridge.client.internal.UpdatedAtRanges;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.testkit.MutableClock;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The first sync of an Octanist account read in disjoint {@code updatedAt} ranges with several pages in flight,
 * against the testkit simulator on loopback (real HTTP): every lead once, nothing lost to leads created, updated or
 * deleted while the ranges are read, and a stopped first sync resumed range by range from its checkpoint text.
 */
class RangedFirstSyncTest {

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final LeadQuery PAGES_OF_100 = LeadQuery.builder().pageSize(100).build();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Random random = new Random(7);
    private final List<AutoCloseable> open = new ArrayList<>();
    private int created;

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private OctanistSimulator simulator(int leads) {
        OctanistSimulator sim = OctanistSimulator.builder().clock(clock).seed(leads, 5).build();
        open.add(sim);
        clock.advance(Duration.ofHours(1));
        return sim;
    }

    private LeadbridgeClient client(OctanistSimulator sim, int pages) {
        LeadbridgeClient client = LeadbridgeClient.builder().clock(clock).pageConcurrency(pages)
                .connection(ConnectionConfig.builder("c").provider("octanist").baseUrl(sim.baseUrl())
                        .apiKey(sim.apiKey()).build()).build();
        open.add(client);
        return client;
    }

    /** One sync: every lead delivered, in order, and the final checkpoint. */
    private record Run(List<Lead> leads, SyncCheckpoint next, List<UpdatedAtRanges> rangesSeen) {

        Set<String> ids() {
            return leads.stream().map(Lead::nativeId).collect(Collectors.toSet());
        }
    }

    private static Run sync(LeadbridgeClient client, SyncCheckpoint from, int stopAfter, Runnable midway,
                            int midwayAfter) {
        List<Lead> leads = new ArrayList<>();
        List<UpdatedAtRanges> ranges = new ArrayList<>();
        try (SyncResult result = client.changesSince("c", from, PAGES_OF_100)) {
            Iterator<Lead> it = result.iterator();
            while (it.hasNext() && leads.size() < stopAfter) {
                leads.add(it.next());
                UpdatedAtRanges now = SyncState.decode(result.next().asString()).ranges();
                if (now != null && (ranges.isEmpty() || ranges.size() < 3)) {
                    ranges.add(now);
                }
                if (leads.size() == midwayAfter) {
                    midway.run();
                }
            }
            return new Run(leads, SyncCheckpoint.parse(result.next().asString()), ranges);
        }
    }

    private static Run sync(LeadbridgeClient client, SyncCheckpoint from) {
        return sync(client, from, Integer.MAX_VALUE, () -> { }, -1);
    }

    private static Map<String, Instant> current(OctanistSimulator sim) {
        Map<String, Instant> byId = new HashMap<>();
        for (ObjectNode lead : sim.leads()) {
            byId.put(lead.get("id").asText(), Instant.parse(lead.get("updatedAt").asText()));
        }
        return byId;
    }

    private static void assertNoVersionTwiceAndNoneOlderAfterNewer(List<Lead> leads) {
        Map<String, Instant> last = new HashMap<>();
        for (Lead lead : leads) {
            Instant before = last.put(lead.nativeId(), lead.updatedAt());
            assertThat(before == null || lead.updatedAt().isAfter(before))
                    .as("lead %s delivered at %s after %s", lead.nativeId(), lead.updatedAt(), before).isTrue();
        }
    }

    private void touch(OctanistSimulator sim, String id) {
        clock.advance(Duration.ofMillis(250));
        ObjectNode lead = sim.lead(id).orElse(null);
        if (lead == null) {
            return;   // deleted meanwhile
        }
        lead.put("updatedAt", MILLIS.format(clock.instant()));
        lead.put("note", "touched at " + clock.instant());
        sim.put(lead);
    }

    private void create(OctanistSimulator sim) {
        clock.advance(Duration.ofMillis(250));
        ObjectNode lead = sim.leads().get(0).deepCopy();
        lead.remove("id");
        lead.put("email", "new" + (created++) + "@example.com");
        lead.put("createdAt", MILLIS.format(clock.instant()));
        lead.put("updatedAt", MILLIS.format(clock.instant()));
        sim.put(lead);
    }

    @Test
    void aConcurrentFirstSyncDeliversEveryLeadExactlyOnceInDisjointRangesNearTheFloorOfRequests() {
        OctanistSimulator sim = simulator(2_000);
        LeadbridgeClient client = client(sim, 4);
        Map<String, Instant> expected = current(sim);

        Run first = sync(client, SyncCheckpoint.initial());

        assertThat(first.leads()).hasSize(2_000);
        assertThat(first.ids()).isEqualTo(expected.keySet());
        assertNoVersionTwiceAndNoneOlderAfterNewer(first.leads());
        // read in 4 disjoint ranges, only the last open
        List<UpdatedAtRanges.Part> parts = first.rangesSeen().get(0).parts();
        assertThat(parts).hasSize(4);
        assertThat(parts.get(0).lower()).isNull();
        assertThat(parts.get(3).upper()).isNull();
        for (int i = 1; i < parts.size(); i++) {
            assertThat(parts.get(i).lower()).isEqualTo(parts.get(i - 1).upper());
        }
        assertThat(sim.requestCount(r -> r.param("updatedAt[lt]") != null)).isGreaterThan(0);
        // the floor is 21 requests (20 pages + 1); ranges cost the boundaries and a few partial pages
        assertThat(sim.requestCount()).isLessThanOrEqualTo(31);
        // the final checkpoint is an ordinary one: at the newest lead, and nothing changed costs one request
        SyncState state = SyncState.decode(first.next().asString());
        assertThat(state.ranges()).isNull();
        assertThat(state.watermark()).isEqualTo(expected.values().stream().max(Instant::compareTo).orElseThrow());
        long before = sim.requestCount();
        assertThat(sync(client, first.next()).leads()).isEmpty();
        assertThat(sim.requestCount() - before).isEqualTo(1);
    }

    @Test
    void leadsCreatedUpdatedAndDeletedWhileTheRangesAreReadAreAllBroughtByThisSyncOrTheNext() {
        OctanistSimulator sim = simulator(1_500);
        LeadbridgeClient client = client(sim, 4);
        List<String> ids = new ArrayList<>(current(sim).keySet());
        ids.sort(null);
        // between a page of a low range being computed and sent: the page carries versions older than the update
        sim.onceAfter(r -> r.param("updatedAt[lt]") != null && r.param("updatedAt[gte]") != null, () -> {
            for (int i = 0; i < 15; i++) {
                touch(sim, ids.get(random.nextInt(ids.size())));
            }
        });

        Run first = sync(client, SyncCheckpoint.initial(), Integer.MAX_VALUE, () -> {
            for (int i = 0; i < 20; i++) {
                touch(sim, ids.get(random.nextInt(ids.size())));
                create(sim);
            }
            for (int i = 0; i < 10; i++) {
                sim.delete(ids.get(random.nextInt(ids.size())));
            }
        }, 400);
        for (int i = 0; i < 5; i++) {
            touch(sim, ids.get(random.nextInt(ids.size())));
        }
        Run second = sync(client, first.next());

        assertNoVersionTwiceAndNoneOlderAfterNewer(first.leads());
        assertNoVersionTwiceAndNoneOlderAfterNewer(second.leads());
        Map<String, Instant> latest = new HashMap<>();
        for (Lead lead : first.leads()) {
            latest.merge(lead.nativeId(), lead.updatedAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
        for (Lead lead : second.leads()) {
            latest.merge(lead.nativeId(), lead.updatedAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
        // every living lead was delivered in its current version by one of the two syncs
        Map<String, Instant> now = current(sim);
        assertThat(now).hasSize(1_500 + 20 - 10);
        now.forEach((id, u) -> assertThat(latest.get(id)).as("lead %s", id).isEqualTo(u));
        assertThat(sync(client, second.next()).leads()).isEmpty();
    }

    @Test
    void aFirstSyncStoppedMidwayResumesEveryRangeFromItsCheckpointTextAndDeliversEachLeadOnce() {
        OctanistSimulator sim = simulator(1_200);
        LeadbridgeClient client = client(sim, 3);
        List<String> ids = new ArrayList<>(current(sim).keySet());

        // a run that persists its checkpoint after each lead and stops after 537
        Run stopped = sync(client, SyncCheckpoint.initial(), 537, () -> { }, -1);
        String persisted = stopped.next().asString();
        UpdatedAtRanges ranges = SyncState.decode(persisted).ranges();
        assertThat(ranges).isNotNull();
        assertThat(ranges.parts()).hasSize(3).anyMatch(p -> !p.done());
        // the account moves on while the sync is down: one lead delivered and one not yet are updated, one created
        Set<String> deliveredIds = stopped.ids();
        String deliveredOne = ids.stream().filter(deliveredIds::contains).findFirst().orElseThrow();
        String notYet = ids.stream().filter(id -> !deliveredIds.contains(id)).findFirst().orElseThrow();
        touch(sim, deliveredOne);
        touch(sim, notYet);
        create(sim);

        Run resumed = sync(client, SyncCheckpoint.parse(persisted));

        List<Lead> all = new ArrayList<>(stopped.leads());
        all.addAll(resumed.leads());
        assertNoVersionTwiceAndNoneOlderAfterNewer(all);
        Map<String, Instant> now = current(sim);
        assertThat(all.stream().map(Lead::nativeId).collect(Collectors.toSet())).isEqualTo(now.keySet());
        // the resumed run brings the 663 not delivered, the updated one again and the new one: none twice
        assertThat(resumed.leads()).hasSize(1_200 - 537 + 2);
        SyncState end = SyncState.decode(resumed.next().asString());
        assertThat(end.ranges()).isNull();
        assertThat(end.watermark()).isEqualTo(now.values().stream().max(Instant::compareTo).orElseThrow());
        assertThat(sync(client, resumed.next()).leads()).isEmpty();
    }

    @Test
    void oneConnectionPageAtATimeKeepsTheSequentialFirstSyncInUpdatedAtOrder() {
        OctanistSimulator sim = simulator(500);
        LeadbridgeClient client = client(sim, 1);

        Run first = sync(client, SyncCheckpoint.initial());

        assertThat(first.leads()).hasSize(500).isSortedAccordingTo(
                (a, b) -> a.updatedAt().compareTo(b.updatedAt()));
        assertThat(first.rangesSeen()).isEmpty();
        assertThat(sim.requestCount(r -> r.param("updatedAt[lt]") != null)).isZero();
    }

    @Test
    void aCheckpointWithRangesSurvivesItsTextAndOneWithoutIsStillVersionTwo() {
        UpdatedAtRanges ranges = new UpdatedAtRanges(List.of(
                new UpdatedAtRanges.Part(null, Instant.parse("2026-01-01T00:00:00Z"), null, true),
                new UpdatedAtRanges.Part(Instant.parse("2026-01-01T00:00:00Z"), null,
                        Instant.parse("2026-01-02T00:00:00.123Z"), false)));
        SyncState state = new SyncState("c", null, Map.of("a", Instant.parse("2026-01-02T00:00:00.123Z")), null,
                ranges);

        SyncState back = SyncState.decode(state.encode());

        assertThat(back).isEqualTo(state);
        SyncState plain = new SyncState("c", Instant.parse("2026-01-02T00:00:00Z"), Map.of());
        byte[] raw = inflate(plain.encode());
        assertThat(raw[0]).isEqualTo((byte) 2);
        assertThat(SyncState.decode(plain.encode())).isEqualTo(plain);
    }

    private static byte[] inflate(String text) {
        byte[] packed = java.util.Base64.getUrlDecoder().decode(text.substring("lb1.".length()));
        java.util.zip.Inflater inflater = new java.util.zip.Inflater();
        inflater.setInput(packed);
        byte[] out = new byte[4096];
        try {
            int n = inflater.inflate(out);
            return java.util.Arrays.copyOf(out, n);
        } catch (java.util.zip.DataFormatException e) {
            throw new IllegalStateException(e);
        } finally {
            inflater.end();
        }
    }
}
