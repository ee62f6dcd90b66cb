package dev.leadbridge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.SortField;
import dev.leadbridge.core.error.InvalidRequestException;
import dev.leadbridge.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyncTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final LeadQuery SMALL_PAGES = LeadQuery.builder().pageSize(7).build();

    private final MutableClock clock = new MutableClock(T0.plus(Duration.ofDays(30)));

    private LeadbridgeClient client(FakeProvider provider) {
        return LeadbridgeClient.builder().connection(provider).clock(clock).syncLookBack(Duration.ofMinutes(5))
                .build();
    }

    /** Runs a whole sync and returns the native ids delivered and the final checkpoint. */
    private static Run sync(LeadbridgeClient client, String connection, SyncCheckpoint from) {
        List<String> ids = new ArrayList<>();
        try (SyncResult result = client.changesSince(connection, from, SMALL_PAGES)) {
            for (Lead lead : result.leads()) {
                ids.add(lead.nativeId());
            }
            return new Run(ids, SyncCheckpoint.parse(result.next().asString()));
        }
    }

    private record Run(List<String> ids, SyncCheckpoint next) {
    }

    @Test
    void theInitialSyncDeliversEveryLeadInUpdatedAtOrder() {
        FakeProvider p = FakeProvider.sorting("acme").addMany(30, "a", T0);
        try (LeadbridgeClient client = client(p); SyncResult result = client.changesSince("acme",
                SyncCheckpoint.initial(), SMALL_PAGES)) {
            List<Lead> leads = new ArrayList<>();
            result.leads().forEach(leads::add);
            assertThat(result.incremental()).isTrue();
            assertThat(leads).hasSize(30).isSortedAccordingTo(LeadQuery.comparator(
                    List.of(dev.leadbridge.core.SortKey.asc(SortField.UPDATED_AT))));
            assertThat(result.next().watermark()).contains(T0.plusSeconds(60 * 29));
            assertThat(result.next().connection()).contains("acme");
        }
    }

    @Test
    void aLeadUpdatedBetweenTwoSyncsIsDeliveredExactlyOnceByTheSecond() {
        // given a first full sync
        FakeProvider p = FakeProvider.sorting("acme").addMany(30, "a", T0);
        try (LeadbridgeClient client = client(p)) {
            Run first = sync(client, "acme", SyncCheckpoint.initial());
            assertThat(first.ids()).hasSize(30);

            // when one old lead and the newest lead are updated, and nothing else changes
            p.touch("a-00003", T0.plus(Duration.ofDays(1)));
            p.touch("a-00029", T0.plus(Duration.ofDays(1)).plusSeconds(1));
            Run second = sync(client, "acme", first.next());

            // then exactly those two come, once each; a third sync brings nothing
            assertThat(second.ids()).containsExactly("a-00003", "a-00029");
            assertThat(sync(client, "acme", second.next()).ids()).isEmpty();
        }
    }

    @Test
    void aSyncInterruptedMidwayAndResumedFromItsCheckpointLosesNothing() {
        FakeProvider p = FakeProvider.sorting("acme").addMany(100, "a", T0);
        try (LeadbridgeClient client = client(p)) {
            // given a run that persists its checkpoint after each lead and "crashes" after 37 leads
            List<String> delivered = new ArrayList<>();
            String persisted = SyncCheckpoint.initial().asString();
            try (SyncResult result = client.changesSince("acme", SyncCheckpoint.initial(), SMALL_PAGES)) {
                Iterator<Lead> it = result.iterator();
                for (int i = 0; i < 37; i++) {
                    delivered.add(it.next().nativeId());
                    persisted = result.next().asString();
                }
            }
            // and a lead changes while the sync is down
            p.touch("a-00010", T0.plus(Duration.ofDays(2)));

            // when it resumes from the persisted text
            Run resumed = sync(client, "acme", SyncCheckpoint.parse(persisted));
            delivered.addAll(resumed.ids());

            // then every lead came, none of the first 37 twice except the one that changed
            assertThat(delivered).containsAll(p.all().stream().map(Lead::nativeId).toList());
            assertThat(resumed.ids()).hasSize(100 - 37 + 1).contains("a-00010")
                    .doesNotContain("a-00000", "a-00036");
        }
    }

    @Test
    void aLateLeadInsideTheLookBackWindowIsCaughtWithoutRepeatingTheOthers() {
        FakeProvider p = FakeProvider.sorting("acme").addMany(10, "a", T0);
        try (LeadbridgeClient client = client(p)) {
            Run first = sync(client, "acme", SyncCheckpoint.initial());
            Instant watermark = first.next().watermark().orElseThrow();

            // a lead that becomes visible late, stamped two minutes before the watermark
            p.add(Lead.builder().nativeId("late").updatedAt(watermark.minus(Duration.ofMinutes(2))));
            Run second = sync(client, "acme", first.next());

            assertThat(second.ids()).containsExactly("late");
        }
    }

    @Test
    void leadsSharingOneUpdatedAtBeyondAPageAreEachDeliveredOnce() {
        FakeProvider p = FakeProvider.sorting("acme");
        for (int i = 0; i < 25; i++) {
            p.add(Lead.builder().nativeId(String.format("same-%02d", i)).updatedAt(T0));
        }
        p.addMany(5, "later", T0.plusSeconds(5));
        try (LeadbridgeClient client = client(p)) {
            Run run = sync(client, "acme", SyncCheckpoint.initial());
            assertThat(run.ids()).hasSize(30).doesNotHaveDuplicates();
        }
    }

    @Test
    void aProviderThatCannotSortByUpdatedAtAdvancesTheCheckpointOnlyAtTheEnd() {
        FakeProvider p = new FakeProvider("acme", Set.of(), true, true).addMany(20, "a", T0);
        try (LeadbridgeClient client = client(p);
             SyncResult result = client.changesSince("acme", SyncCheckpoint.initial(), SMALL_PAGES)) {
            Iterator<Lead> it = result.iterator();
            it.next();
            assertThat(result.incremental()).isFalse();
            assertThat(result.next().watermark()).isEmpty();
            it.forEachRemaining(l -> { });
            assertThat(result.next().watermark()).contains(T0.plusSeconds(60 * 19));
            assertThat(result.delivered()).isEqualTo(20);
        }
    }

    @Test
    void theWatermarkNeverPassesTheClientsClock() {
        FakeProvider p = FakeProvider.sorting("acme");
        Instant future = clock.instant().plus(Duration.ofHours(1));
        p.add(Lead.builder().nativeId("future").updatedAt(future));
        try (LeadbridgeClient client = client(p)) {
            Run first = sync(client, "acme", SyncCheckpoint.initial());
            assertThat(first.next().watermark()).contains(clock.instant());
            assertThat(sync(client, "acme", first.next()).ids()).isEmpty();
        }
    }

    @Test
    void checkpointsRoundTripAndBadOnesAreTypedErrors() {
        FakeProvider a = FakeProvider.sorting("a").addMany(3, "x", T0);
        FakeProvider b = FakeProvider.sorting("b");
        try (LeadbridgeClient client = LeadbridgeClient.builder().connection(a).connection(b).clock(clock).build()) {
            Run run = sync(client, "a", SyncCheckpoint.initial());
            SyncCheckpoint parsed = SyncCheckpoint.parse(run.next().asString());
            assertThat(parsed).isEqualTo(run.next());
            assertThat(parsed.asString()).matches("lb1\\.[A-Za-z0-9_-]+");
            assertThatThrownBy(() -> client.changesSince("b", parsed, null))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("belongs to connection 'a'");
        }
        for (String bad : new String[]{"", "hello", "lb1.", "lb1.!!!", "lb1.AAAA"}) {
            assertThatThrownBy(() -> SyncCheckpoint.parse(bad)).as(bad).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("not a sync checkpoint");
        }
    }
}
