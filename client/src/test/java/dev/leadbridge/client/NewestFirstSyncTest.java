package dev.leadbridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.client.internal.SyncState;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.testkit.Fault;
import dev.leadbridge.testkit.MutableClock;
import dev.leadbridge.client.internal.ListingState.SortProof;
import dev.leadbridge.testkit.workspace.SortParameters;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * Incremental sync of workspace-v1 (listing newest first, page-number paging) against the testkit simulator on
 * loopback with a simulated clock: new leads cost {@code ceil(new/100)+1} requests at most, a reconcile pass over the
 * older leads continues across syncs within its budget share, and nothing is missed whatever is inserted, updated
 * or deleted between syncs and while a sync reads its pages.
 */
class NewestFirstSyncTest {

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final LeadQuery PAGES_OF_100 = LeadQuery.builder().pageSize(100).build();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Random random = new Random(42);
    private int created;
    private ObjectNode template;

    private WorkspaceSimulator simulator(int leads) {
        return simulator(leads, SortParameters.IGNORED);
    }

    private WorkspaceSimulator simulator(int leads, SortParameters sorting) {
        WorkspaceSimulator sim = WorkspaceSimulator.builder().clock(clock).seed(leads, 3)
                .rateLimit(1_000_000, Duration.ofHours(1)).sortParameters(sorting).build();
        clock.advance(Duration.ofHours(1));
        return sim;
    }

    private LeadbridgeClient client(WorkspaceSimulator sim, String share, String interval) {
        return LeadbridgeClient.builder().clock(clock).pageConcurrency(1).connection(ConnectionConfig.builder("c")
                .provider("workspace-v1").baseUrl(sim.baseUrl()).apiKey(sim.apiKey())
                .option("sync.reconcile-share", share).option("sync.full-pass-interval", interval).build()).build();
    }

    /** A copy of the store a sync keeps: the newest version of each lead delivered. */
    private static final class Copy {
        final Map<String, Instant> leads = new HashMap<>();
        SyncCheckpoint checkpoint = SyncCheckpoint.initial();
        long reconcile;

        void sync(LeadbridgeClient client, Runnable midway) {
            try (SyncResult result = client.changesSince("c", checkpoint, PAGES_OF_100)) {
                int n = 0;
                for (Lead lead : result.leads()) {
                    leads.merge(lead.nativeId(), lead.updatedAt() == null ? Instant.EPOCH : lead.updatedAt(),
                            (a, b) -> a.isAfter(b) ? a : b);
                    if (++n == 50 && midway != null) {
                        midway.run();
                    }
                }
                checkpoint = result.next();
                reconcile = result.reconcileRequests();
            }
            // the checkpoint is persisted as text and read back, as a store does
            checkpoint = SyncCheckpoint.parse(checkpoint.asString());
        }
    }

    private String insert(WorkspaceSimulator sim, Instant at) {
        if (template == null) {
            template = sim.leads().get(0);
        }
        ObjectNode lead = template.deepCopy();
        lead.remove("id");
        lead.put("email", "new" + (created++) + "@example.com");
        lead.put("createdAt", MILLIS.format(at));
        lead.put("updatedAt", MILLIS.format(at));
        return sim.put(lead).get("id").asText();
    }

    private void update(WorkspaceSimulator sim, String id) {
        ObjectNode lead = sim.lead(id).orElseThrow();
        lead.put("updatedAt", MILLIS.format(clock.instant()));
        lead.put("name", "changed " + clock.instant());
        sim.put(lead);
    }

    private static Map<String, Instant> upstream(WorkspaceSimulator sim) {
        Map<String, Instant> all = new HashMap<>();
        for (ObjectNode lead : sim.leads()) {
            all.put(lead.get("id").asText(), Instant.parse(lead.get("updatedAt").asText()));
        }
        return all;
    }

    @Test
    void newLeadsCostAtMostTheFloorAndNothingChangedCostsOneRequest() {
        try (WorkspaceSimulator sim = simulator(500); LeadbridgeClient client = client(sim, "50", "30d")) {
            Copy copy = new Copy();
            copy.sync(client, null);
            assertThat(copy.leads).hasSize(500);
            for (int k : new int[] {0, 1, 10, 100, 150}) {
                List<String> fresh = new ArrayList<>();
                for (int i = 0; i < k; i++) {
                    clock.advance(Duration.ofMillis(60_000 / Math.max(1, k)));
                    fresh.add(insert(sim, clock.instant()));
                }
                clock.advance(Duration.ofSeconds(5));
                long before = sim.requestCount();
                copy.sync(client, null);
                long requests = sim.requestCount() - before;
                assertThat(copy.leads.keySet()).as("%d new", k).containsAll(fresh);
                assertThat(requests).as("requests for %d new", k).isLessThanOrEqualTo(k == 0 ? 1 : (k + 99) / 100 + 1);
            }
        }
    }

    @Test
    void nothingIsMissedAfterManySyncsWithInsertsUpdatesAndDeletesBetweenAndDuringThem() {
        try (WorkspaceSimulator sim = simulator(400); LeadbridgeClient client = client(sim, "50", "10m")) {
            Copy copy = new Copy();
            copy.sync(client, null);
            List<String> old = new ArrayList<>(upstream(sim).keySet());
            old.sort(null);
            for (int run = 0; run < 20; run++) {
                int inserts = random.nextInt(120);
                Instant tie = clock.instant();
                for (int i = 0; i < inserts; i++) {
                    // a few share one createdAt (ties)
                    if (random.nextInt(4) != 0) {
                        clock.advance(Duration.ofMillis(200));
                        tie = clock.instant();
                    }
                    insert(sim, tie);
                }
                for (int i = 0; i < 15; i++) {
                    clock.advance(Duration.ofMillis(100));
                    update(sim, old.get(random.nextInt(old.size())));
                }
                for (int i = 0; i < 3; i++) {
                    String gone = old.remove(random.nextInt(old.size()));
                    client.connection("c").delete(gone);
                }
                clock.advance(Duration.ofSeconds(40));
                Map<String, Instant> before = upstream(sim);
                copy.sync(client, () -> {
                    // while the sync reads its pages: inserts push leads down, deletions pull them up
                    for (int i = 0; i < 20; i++) {
                        clock.advance(Duration.ofMillis(10));
                        insert(sim, clock.instant());
                    }
                    client.connection("c").delete(old.remove(random.nextInt(old.size())));
                });
                // every lead created before the sync is in the copy right after it (new leads are never late)
                for (String id : before.keySet()) {
                    if (sim.lead(id).isPresent()) {
                        assertThat(copy.leads).as("run %d", run).containsKey(id);
                    }
                }
            }
            // with no more changes, within two pass intervals every update to an older lead arrived
            for (int minute = 0; minute < 25; minute++) {
                clock.advance(Duration.ofMinutes(1));
                copy.sync(client, null);
            }
            Map<String, Instant> now = upstream(sim);
            for (Map.Entry<String, Instant> e : now.entrySet()) {
                assertThat(copy.leads.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            }
        }
    }

    @Test
    void theReconcileNeverSpendsMoreThanItsShareOfTheHourlyBudgetAndSaysWhenItFallsBehind() {
        try (WorkspaceSimulator sim = simulator(1000); LeadbridgeClient client = client(sim, "1", "10m")) {
            Copy copy = new Copy();
            copy.sync(client, null);
            ArrayDeque<long[]> spent = new ArrayDeque<>();
            long busiest = 0;
            long total = 0;
            boolean warned = false;
            for (int minute = 0; minute < 100; minute++) {
                clock.advance(Duration.ofMinutes(1));
                try (SyncResult result = client.changesSince("c", copy.checkpoint, PAGES_OF_100)) {
                    result.leads().forEach(lead -> { });
                    copy.checkpoint = result.next();
                    warned |= result.warnings().stream().anyMatch(w -> w.contains("behind its schedule"));
                    spent.add(new long[] {minute, result.reconcileRequests()});
                    total += result.reconcileRequests();
                }
                while (spent.peekFirst()[0] <= minute - 60) {
                    spent.pollFirst();
                }
                busiest = Math.max(busiest, spent.stream().mapToLong(s -> s[1]).sum());
            }
            // 1 % of workspace-v1's published 1000 requests an hour: 10; a pass of 10 pages every 10 minutes would need 60
            assertThat(busiest).isLessThanOrEqualTo(10);
            assertThat(total).isGreaterThanOrEqualTo(15);
            assertThat(warned).isTrue();
        }
    }

    @Test
    void aCheckpointOfTheOlderVersionStillParsesAndMakesTheNextSyncReadTheWholeListingOnce() throws IOException {
        try (WorkspaceSimulator sim = simulator(250); LeadbridgeClient client = client(sim, "50", "1h")) {
            Copy copy = new Copy();
            copy.checkpoint = SyncCheckpoint.parse(versionOne("c", clock.instant().minusSeconds(5)));
            assertThat(copy.checkpoint.watermark()).contains(clock.instant().minusSeconds(5));
            copy.sync(client, null);
            assertThat(copy.leads).hasSize(250);
            clock.advance(Duration.ofMinutes(1));
            long before = sim.requestCount();
            copy.sync(client, null);
            assertThat(sim.requestCount() - before).isEqualTo(1);
        }
    }

    @Test
    void aFirstSyncStoppedAfterSomePagesResumesFromThePagesItCompleted() {
        try (WorkspaceSimulator sim = simulator(600); LeadbridgeClient client = client(sim, "50", "1h")) {
            SyncCheckpoint saved;
            Map<String, Instant> got = new HashMap<>();
            try (SyncResult result = client.changesSince("c", SyncCheckpoint.initial(), PAGES_OF_100)) {
                var it = result.iterator();
                for (int i = 0; i < 450; i++) {
                    Lead lead = it.next();
                    got.put(lead.nativeId(), lead.updatedAt());
                }
                saved = result.next();
            }
            long before = sim.requestCount();
            Copy copy = new Copy();
            copy.leads.putAll(got);
            copy.checkpoint = SyncCheckpoint.parse(saved.asString());
            copy.sync(client, null);
            assertThat(copy.leads.keySet()).isEqualTo(upstream(sim).keySet());
            // resumed at page 5 (4 pages were complete): 1 request for new leads + pages 5 and 6
            assertThat(sim.requestCount() - before).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void aFirstSyncReadsItsPagesConcurrentlyAndDeliversEveryLeadOnce() {
        try (WorkspaceSimulator sim = simulator(800);
             LeadbridgeClient client = LeadbridgeClient.builder().clock(clock).pageConcurrency(4)
                     .connection(ConnectionConfig.builder("c").provider("workspace-v1").baseUrl(sim.baseUrl())
                             .apiKey(sim.apiKey()).option("rate-limit.requests", "1000000").build()).build()) {
            List<String> ids = new ArrayList<>();
            try (SyncResult result = client.changesSince("c", SyncCheckpoint.initial(), PAGES_OF_100)) {
                result.leads().forEach(lead -> ids.add(lead.nativeId()));
            }
            assertThat(ids).doesNotHaveDuplicates().hasSize(800);
            assertThat(sim.requestCount()).isEqualTo(8);
        }
    }

    // ------------------------------------------------------------------------------ sorted by updatedAt

    /** What the checkpoint remembers of {@code sortBy=updatedAt}. */
    private static SortProof proof(Copy copy) {
        return SyncState.decode(copy.checkpoint.asString()).listing().sortByUpdatedAt();
    }

    /** Updates {@code k} distinct older leads spread over a minute; returns their ids. */
    private Set<String> updateSome(WorkspaceSimulator sim, List<String> old, int k) {
        Set<String> changed = new HashSet<>();
        while (changed.size() < k) {
            String id = old.get(random.nextInt(old.size()));
            if (changed.add(id)) {
                clock.advance(Duration.ofMillis(60_000 / Math.max(1, k)));
                update(sim, id);
            }
        }
        return changed;
    }

    @Test
    void aServerHonouringSortByUpdatedAtHasUpdatesToOlderLeadsReadAtTheFloorWithoutAnyReconcile() {
        try (WorkspaceSimulator sim = simulator(500, SortParameters.HONOURED);
             LeadbridgeClient client = client(sim, "50", "1h")) {
            Copy copy = new Copy();
            copy.sync(client, null);
            List<String> old = new ArrayList<>(upstream(sim).keySet());
            old.sort(null);
            clock.advance(Duration.ofMinutes(1));
            copy.sync(client, null);
            assertThat(proof(copy)).isEqualTo(SortProof.HONOURED);
            for (int k : new int[] {0, 1, 10, 100, 150, 250}) {
                Set<String> changed = updateSome(sim, old, k);
                Set<String> fresh = new HashSet<>();
                for (int i = 0; i < k / 10; i++) {
                    clock.advance(Duration.ofMillis(100));
                    fresh.add(insert(sim, clock.instant()));
                }
                clock.advance(Duration.ofSeconds(5));
                long before = sim.requestCount();
                Map<String, Instant> had = new HashMap<>(copy.leads);
                copy.sync(client, null);
                long requests = sim.requestCount() - before;
                int floor = changed.size() + fresh.size() == 0 ? 1 : (changed.size() + fresh.size() + 99) / 100 + 1;
                assertThat(copy.leads.keySet()).as("%d changed", k).containsAll(fresh);
                for (String id : changed) {
                    assertThat(copy.leads.get(id)).as("%d changed: %s", k, id).isAfter(had.get(id));
                }
                assertThat(copy.reconcile).as("reconcile requests").isZero();
                // the floor, plus one when the new leads moved the last page on (the remembered total guessed it)
                assertThat(requests).as("requests for %d changed", k).isLessThanOrEqualTo(k == 0 ? 1 : floor + 1L);
                assertThat(proof(copy)).isEqualTo(SortProof.HONOURED);
            }
        }
    }

    @Test
    void updatesMadeInTheListingsOwnOrderAreProvenByPageOneAndDeliveredAtOnce() {
        try (WorkspaceSimulator sim = simulator(500, SortParameters.HONOURED);
             LeadbridgeClient client = client(sim, "50", "1h")) {
            Copy copy = new Copy();
            copy.sync(client, null);
            clock.advance(Duration.ofMinutes(1));
            copy.sync(client, null);
            // bulk changes in the natural order (newest created first), a second one after a sync: the tail down to
            // the floor is then in createdAt order too, and only page 1 (the oldest leads, never changed) tells
            List<String> newestFirst = sim.leads().stream().map(l -> l.get("id").asText()).toList();
            for (String id : newestFirst.subList(0, 300)) {
                clock.advance(Duration.ofSeconds(1));
                update(sim, id);
            }
            copy.sync(client, null);
            List<String> bulk = newestFirst.subList(300, 450);
            for (String id : bulk) {
                clock.advance(Duration.ofSeconds(1));
                update(sim, id);
            }
            clock.advance(Duration.ofSeconds(5));
            Map<String, Instant> had = new HashMap<>(copy.leads);
            sim.resetRequests();
            copy.sync(client, null);
            for (String id : bulk) {
                assertThat(copy.leads.get(id)).as(id).isAfter(had.get(id));
            }
            assertThat(copy.reconcile).isZero();
            assertThat(proof(copy)).isEqualTo(SortProof.HONOURED);
            // the last two pages, and page 1 for the proof
            assertThat(sim.requests()).extracting(r -> r.param("page")).containsExactly("5", "4", "1");
        }
    }

    @Test
    void aProvenServerThatStartsRefusingSortByIsReadNewestFirstWithoutFailingTheSync() {
        try (WorkspaceSimulator sim = simulator(300, SortParameters.HONOURED);
             LeadbridgeClient client = client(sim, "50", "1h")) {
            Copy copy = new Copy();
            copy.sync(client, null);
            clock.advance(Duration.ofMinutes(1));
            copy.sync(client, null);
            assertThat(proof(copy)).isEqualTo(SortProof.HONOURED);
            sim.faults().when(r -> r.param("sortBy") != null, 100, Fault.respondJson(400,
                    "{\"success\":false,\"error\":\"Invalid sortBy\",\"code\":\"VALIDATION_ERROR\"}"));
            clock.advance(Duration.ofMinutes(1));
            String fresh = insert(sim, clock.instant());
            clock.advance(Duration.ofSeconds(5));
            copy.sync(client, null);
            assertThat(copy.leads).containsKey(fresh);
            assertThat(proof(copy)).isEqualTo(SortProof.IGNORED);
        }
    }

    @Test
    void aServerIgnoringSortByIsAskedOnceThenReadNewestFirstAndAskedAgainOnlyHoursLater() {
        try (WorkspaceSimulator sim = simulator(300, SortParameters.IGNORED);
             LeadbridgeClient client = client(sim, "50", "1h")) {
            Copy copy = new Copy();
            copy.sync(client, null);
            sim.resetRequests();
            for (int minute = 0; minute < 10; minute++) {
                clock.advance(Duration.ofMinutes(1));
                long before = sim.requestCount();
                copy.sync(client, null);
                // the probe's answer in the natural order is the new leads' first page: nothing changed, one request
                assertThat(sim.requestCount() - before - copy.reconcile).isEqualTo(1);
                assertThat(proof(copy)).isEqualTo(SortProof.IGNORED);
            }
            assertThat(sim.requestCount(r -> "updatedAt".equals(r.param("sortBy")))).isEqualTo(1);
            clock.advance(Duration.ofHours(7));
            copy.sync(client, null);
            assertThat(sim.requestCount(r -> "updatedAt".equals(r.param("sortBy")))).isEqualTo(2);
        }
    }

    @Test
    void aServerSortingOnlyItsFirstPageIsCaughtOnTheNextPageAndNothingIsMissed() {
        try (WorkspaceSimulator sim = simulator(400, SortParameters.FIRST_PAGE_ONLY);
             LeadbridgeClient client = client(sim, "50", "10m")) {
            Copy copy = new Copy();
            copy.sync(client, null);
            List<String> old = new ArrayList<>(upstream(sim).keySet());
            old.sort(null);
            Set<String> changed = updateSome(sim, old, 30);
            String fresh = insert(sim, clock.instant());
            clock.advance(Duration.ofSeconds(5));
            copy.sync(client, null);
            assertThat(proof(copy)).isEqualTo(SortProof.IGNORED);
            assertThat(copy.leads).containsKey(fresh);
            // the updates come with the reconcile pass, within two of its intervals
            for (int minute = 0; minute < 25; minute++) {
                clock.advance(Duration.ofMinutes(1));
                copy.sync(client, null);
            }
            Map<String, Instant> now = upstream(sim);
            for (String id : changed) {
                assertThat(copy.leads.get(id)).as(id).isEqualTo(now.get(id));
            }
        }
    }

    @Test
    void leadsTiedOnUpdatedAtAcrossAPageBoundaryAreEachDeliveredOnce() {
        try (WorkspaceSimulator sim = simulator(400, SortParameters.HONOURED);
             LeadbridgeClient client = client(sim, "50", "1h")) {
            Copy copy = new Copy();
            copy.sync(client, null);
            clock.advance(Duration.ofMinutes(1));
            copy.sync(client, null);
            List<String> old = new ArrayList<>(upstream(sim).keySet());
            old.sort(null);
            // 150 leads updated at one instant: the tie spans the boundary between the last two pages
            clock.advance(Duration.ofMinutes(1));
            Set<String> tied = new HashSet<>(old.subList(0, 150));
            for (String id : tied) {
                update(sim, id);
            }
            clock.advance(Duration.ofSeconds(5));
            List<String> delivered = new ArrayList<>();
            try (SyncResult result = client.changesSince("c", copy.checkpoint, PAGES_OF_100)) {
                result.leads().forEach(lead -> delivered.add(lead.nativeId()));
                copy.checkpoint = result.next();
            }
            assertThat(delivered).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(tied);
            assertThat(proof(copy)).isEqualTo(SortProof.HONOURED);
            clock.advance(Duration.ofMinutes(1));
            try (SyncResult result = client.changesSince("c", copy.checkpoint, PAGES_OF_100)) {
                assertThat(result.stream().map(Lead::nativeId).toList()).isEmpty();
            }
        }
    }

    @Test
    void nothingIsMissedWhenLeadsAreUpdatedCreatedAndDeletedWhileTheSortedTailIsRead() {
        try (WorkspaceSimulator sim = simulator(600, SortParameters.HONOURED);
             LeadbridgeClient client = client(sim, "50", "1h")) {
            Copy copy = new Copy();
            copy.sync(client, null);
            List<String> old = new ArrayList<>(upstream(sim).keySet());
            old.sort(null);
            for (int run = 0; run < 12; run++) {
                updateSome(sim, old, 120 + random.nextInt(200));
                int creates = random.nextInt(30);
                for (int i = 0; i < creates; i++) {
                    clock.advance(Duration.ofMillis(50));
                    insert(sim, clock.instant());
                }
                clock.advance(Duration.ofSeconds(40));
                Map<String, Instant> before = upstream(sim);
                Set<String> touched = new HashSet<>();
                copy.sync(client, () -> {
                    // between the sorted pages: updates move leads to the end, deletions shift them, creates append
                    for (int i = 0; i < 30; i++) {
                        clock.advance(Duration.ofMillis(10));
                        String id = old.get(random.nextInt(old.size()));
                        touched.add(id);
                        update(sim, id);
                    }
                    for (int i = 0; i < 5; i++) {
                        client.connection("c").delete(old.remove(random.nextInt(old.size())));
                    }
                    for (int i = 0; i < 5; i++) {
                        clock.advance(Duration.ofMillis(10));
                        insert(sim, clock.instant());
                    }
                });
                assertThat(copy.reconcile).isZero();
                assertThat(proof(copy)).as("run %d", run).isEqualTo(SortProof.HONOURED);
                // every version that existed before the sync is in the copy right after it (a lead updated again
                // while the sync read moved behind it: its newer version comes with the next sync)
                for (Map.Entry<String, Instant> e : before.entrySet()) {
                    if (sim.lead(e.getKey()).isPresent() && !touched.contains(e.getKey())) {
                        assertThat(copy.leads.get(e.getKey())).as("run %d: %s", run, e.getKey())
                                .isAfterOrEqualTo(e.getValue());
                    }
                }
            }
            // and the changes made while the last one read are there after one more
            clock.advance(Duration.ofMinutes(1));
            copy.sync(client, null);
            Map<String, Instant> now = upstream(sim);
            for (Map.Entry<String, Instant> e : now.entrySet()) {
                assertThat(copy.leads.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            }
        }
    }

    /** The text a checkpoint of the first version (before the listing state) had. */
    private static String versionOne(String connection, Instant watermark) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeBoolean(true);
            out.writeUTF(connection);
            out.writeBoolean(true);
            out.writeLong(watermark.getEpochSecond());
            out.writeInt(watermark.getNano());
            out.writeInt(0);
        }
        Deflater deflater = new Deflater();
        deflater.setInput(bytes.toByteArray());
        deflater.finish();
        byte[] buffer = new byte[1024];
        int n = deflater.deflate(buffer);
        deflater.end();
        String text = "lb1." + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(buffer, n));
        assertThat(SyncState.decode(text).listing()).isNull();
        return text;
    }

    @Test
    void aSyncAfterAnUpdateDeliversNothingAgainNotEvenTheLastChangedLead() {
        try (WorkspaceSimulator sim = simulator(5);
             LeadbridgeClient client = client(sim, "50", "PT1H")) {
            // an account whose last change, long ago, was to its oldest lead (not at the top of the listing)
            Comparator<ObjectNode> byCreated =
                    Comparator.comparing(l -> Instant.parse(l.get("createdAt").asText()));
            List<ObjectNode> oldestFirst = sim.leads().stream().sorted(byCreated).toList();
            update(sim, oldestFirst.get(0).get("id").asText());
            clock.advance(Duration.ofDays(400));
            Run first = run(client, SyncCheckpoint.initial());
            assertThat(first.ids()).hasSize(5);

            // another old lead changes; the syncs follow each other at once (no reconcile page due)
            String changed = oldestFirst.get(1).get("id").asText();
            update(sim, changed);
            Run second = run(client, first.next());
            Run third = run(client, second.next());
            Run fourth = run(client, third.next());

            assertThat(second.ids()).containsExactly(changed);
            assertThat(third.ids()).isEmpty();
            assertThat(fourth.ids()).isEmpty();
        }
    }

    private record Run(List<String> ids, SyncCheckpoint next) {
    }

    /** One sync from {@code from}: the native ids delivered, and the checkpoint persisted as text and read back. */
    private static Run run(LeadbridgeClient client, SyncCheckpoint from) {
        try (SyncResult result = client.changesSince("c", from, PAGES_OF_100)) {
            List<String> ids = result.stream().map(Lead::nativeId).toList();
            return new Run(ids, SyncCheckpoint.parse(result.next().asString()));
        }
    }
}
