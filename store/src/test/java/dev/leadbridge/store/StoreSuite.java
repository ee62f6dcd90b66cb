package dev.leadbridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.connect.LeadProviders;
import dev.leadbridge.store.SyncReport.ConnectionReport;
import dev.leadbridge.store.SyncReport.Outcome;
import dev.leadbridge.testkit.SimulatorServer;
import dev.leadbridge.testkit.nexor.NexorSimulator;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The store and the sync engine against the testkit simulators, the same tests on each database: a subclass says
 * which database by giving fresh store URLs.
 */
abstract class StoreSuite {

    abstract StoreDatabase database();

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    <T extends AutoCloseable> T closeLater(T resource) {
        open.add(resource);
        return resource;
    }

    LeadStore newStore() throws Exception {
        return closeLater(LeadStore.open(database().freshUrl()));
    }

    static ConnectionConfig config(String name, String provider, SimulatorServer sim, String baseUrl, String key) {
        return ConnectionConfig.builder(name).provider(provider).baseUrl(baseUrl).apiKey(key).build();
    }

    ConnectionConfig octanist(OctanistSimulator sim) {
        return config("acme-octanist", "octanist", sim, sim.baseUrl(), sim.apiKey());
    }

    ConnectionConfig workspace(WorkspaceSimulator sim) {
        return config("acme-workspace", "workspace-v1", sim, sim.baseUrl(), sim.apiKey());
    }

    ConnectionConfig nexor(NexorSimulator sim) {
        return config("acme-nexor", "nexor", sim, sim.baseUrl(), sim.apiKey());
    }

    LeadSync sync(LeadStore store, ConnectionConfig... configs) {
        return closeLater(LeadSync.builder().store(store).connections(List.of(configs)).build());
    }

    static ConnectionReport only(SyncReport report) {
        assertThat(report.connections()).hasSize(1);
        return report.connections().get(0);
    }

    static Map<String, Instant> storedUpdatedAt(LeadStore store, boolean includeDeleted) {
        try (Stream<Lead> leads = store.leads(includeDeleted)) {
            Map<String, Instant> byId = new HashMap<>();
            leads.forEach(l -> assertThat(byId.put(l.id(), l.updatedAt())).as("duplicate " + l.id()).isNull());
            return byId;
        }
    }

    static Map<String, Instant> providerUpdatedAt(LeadProvider provider) {
        try (Stream<Lead> leads = provider.stream(LeadQuery.ALL)) {
            return leads.collect(Collectors.toMap(Lead::id, Lead::updatedAt));
        }
    }

    // ------------------------------------------------------------------------------------------ listing providers

    @Test
    void aFirstSyncStoresEveryOctanistAndWorkspaceLeadExactlyAsTheProviderGivesIt() throws Exception {
        OctanistSimulator oct = closeLater(OctanistSimulator.builder().seed(230, 7).build());
        WorkspaceSimulator ws = closeLater(WorkspaceSimulator.builder().seed(140, 8).build());
        LeadStore store = newStore();

        SyncReport report = sync(store, octanist(oct), workspace(ws)).run();

        assertThat(report.connections()).extracting(ConnectionReport::outcome).containsOnly(Outcome.OK);
        assertThat(report.connections()).extracting(ConnectionReport::leadsNew).containsExactly(230L, 140L);
        assertThat(report.connections()).allSatisfy(r -> assertThat(r.requests()).isPositive());
        assertThat(store.count(false)).isEqualTo(370);
        LeadProvider octProvider = closeLater(LeadProviders.open(octanist(oct)));
        LeadProvider wsProvider = closeLater(LeadProviders.open(workspace(ws)));
        Map<String, Instant> expected = new HashMap<>(providerUpdatedAt(octProvider));
        expected.putAll(providerUpdatedAt(wsProvider));
        assertThat(storedUpdatedAt(store, true)).isEqualTo(expected);

        // every canonical field survives the round trip through the database
        for (LeadProvider provider : List.of(octProvider, wsProvider)) {
            try (Stream<Lead> leads = provider.stream(LeadQuery.ALL)) {
                for (Lead fromProvider : leads.limit(40).toList()) {
                    StoredLead stored = store.find(fromProvider.id()).orElseThrow();
                    Lead back = stored.lead();
                    assertThat(back.toBuilder().personKey(fromProvider.personKey()).build())
                            .usingRecursiveComparison().ignoringFields("raw", "personKey")
                            .isEqualTo(fromProvider);
                    assertThat(back.raw()).isEqualTo(fromProvider.raw());
                    assertThat(stored.origin()).isEqualTo(Origin.LIST);
                    assertThat(stored.deleted()).isFalse();
                    assertThat(stored.firstSeenAt()).isEqualTo(stored.changedAt()).isEqualTo(stored.lastSeenAt());
                }
            }
        }
    }

    @Test
    void aFirstOctanistSyncReadInRangesCountsEveryLeadOnceEvenWhenLeadsChangeDuringIt() throws Exception {
        OctanistSimulator oct = closeLater(OctanistSimulator.builder().seed(1_000, 9).build());
        LeadProvider provider = closeLater(LeadProviders.open(octanist(oct)));
        List<String> ids = oct.leads().stream().map(n -> n.get("id").asText()).toList();
        LeadStore store = newStore();
        // while the ranges are read: 5 leads updated (each moves into the last range), a page already computed
        oct.onceAfter(r -> r.param("updatedAt[lt]") != null && r.param("updatedAt[gte]") != null, () -> {
            for (int i = 0; i < 5; i++) {
                provider.update(ids.get(i * 150), LeadUpdate.builder().note("changed during the sync " + i).build());
            }
        });

        ConnectionReport first = only(sync(store, octanist(oct)).run());

        assertThat(first.outcome()).isEqualTo(Outcome.OK);
        assertThat(first.leadsNew()).isEqualTo(1_000);
        // a lead read twice is either its update (delivered after the old version) or nothing (older after newer)
        assertThat(first.updated()).isLessThanOrEqualTo(5);
        assertThat(first.unchanged()).isZero();
        assertThat(oct.requestCount(r -> r.param("updatedAt[lt]") != null)).isPositive();
        // 10 pages is the floor of 11; the ranges cost their boundaries and a partial page each
        assertThat(first.requests()).isLessThanOrEqualTo(16);
        ConnectionReport second = only(sync(store, octanist(oct)).run());
        assertThat(second.leadsNew()).isZero();
        assertThat(storedUpdatedAt(store, true)).isEqualTo(providerUpdatedAt(provider));
    }

    @Test
    void anIncrementalSyncWritesOnlyWhatChangedAndKeepsFirstSeen() throws Exception {
        OctanistSimulator oct = closeLater(OctanistSimulator.builder().seed(120, 11).build());
        LeadStore store = newStore();
        LeadSync sync = sync(store, octanist(oct));
        assertThat(only(sync.run()).leadsNew()).isEqualTo(120);
        LeadProvider provider = closeLater(LeadProviders.open(octanist(oct)));
        List<String> changed = oct.leads().stream().limit(3).map(n -> n.get("id").asText()).toList();
        StoredLead before = store.find("acme-octanist:" + changed.get(0)).orElseThrow();
        Thread.sleep(5);

        for (String id : changed) {
            provider.update(id, LeadUpdate.builder().status(LeadStatus.WON).build());
        }
        ConnectionReport second = only(sync.run());

        assertThat(second.outcome()).isEqualTo(Outcome.OK);
        assertThat(second.mode()).isEqualTo("incremental");
        assertThat(second.leadsNew()).isZero();
        assertThat(second.updated()).isEqualTo(3);
        assertThat(second.requests()).isLessThanOrEqualTo(3);
        StoredLead after = store.find("acme-octanist:" + changed.get(0)).orElseThrow();
        assertThat(after.lead().status()).isEqualTo(LeadStatus.WON);
        assertThat(after.firstSeenAt()).isEqualTo(before.firstSeenAt());
        assertThat(after.changedAt()).isAfter(before.changedAt());
        assertThat(storedUpdatedAt(store, false)).isEqualTo(providerUpdatedAt(provider));

        ConnectionReport third = only(sync.run());
        assertThat(third.leadsNew() + third.updated()).isZero();
        assertThat(third.requests()).isEqualTo(1);
        try (Connection c = database().connect(urlOf(store)); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT connection, mode, outcome, leads_new, leads_updated, requests,"
                     + " finished_at FROM sync_runs ORDER BY id")) {
            List<String> runs = new ArrayList<>();
            while (rs.next()) {
                assertThat(rs.getObject("finished_at")).isNotNull();
                runs.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getLong(4)
                        + " " + rs.getLong(5));
            }
            assertThat(runs).containsExactly("acme-octanist incremental ok 120 0",
                    "acme-octanist incremental ok 0 3", "acme-octanist incremental ok 0 0");
        }
    }

    @Test
    void aLeadIsNeverOverwrittenByAnOlderVersionOfItself() throws Exception {
        OctanistSimulator oct = closeLater(OctanistSimulator.builder().seed(20, 3).build());
        LeadStore store = newStore();
        LeadProvider provider = closeLater(LeadProviders.open(octanist(oct)));
        String nativeId = oct.leads().get(0).get("id").asText();
        Lead current = provider.get(nativeId);
        Lead newer = current.toBuilder().name("Newer Name").updatedAt(current.updatedAt().plusSeconds(3600)).build();
        store.save(newer, Origin.WEBHOOK);

        store.save(current, Origin.GET);
        assertThat(store.find(current.id()).orElseThrow().lead().name()).isEqualTo("Newer Name");

        ConnectionReport report = only(sync(store, octanist(oct)).run(List.of(), true));
        assertThat(report.outcome()).isEqualTo(Outcome.OK);
        StoredLead stored = store.find(current.id()).orElseThrow();
        assertThat(stored.lead().name()).isEqualTo("Newer Name");
        assertThat(stored.origin()).isEqualTo(Origin.WEBHOOK);
        assertThat(store.count(false)).isEqualTo(20);
    }

    @Test
    void aFullSyncMarksDeletedOnlyLeadsTheProviderConfirmsGoneAndUndeletesThemWhenTheyReturn() throws Exception {
        OctanistSimulator oct = closeLater(OctanistSimulator.builder().seed(150, 5).build());
        LeadStore store = newStore();
        LeadSync sync = sync(store, octanist(oct));
        sync.run();
        List<ObjectNode> all = oct.leads();
        ObjectNode gone = all.get(17);
        oct.clear();
        all.stream().filter(n -> n != gone).forEach(oct::put);
        String goneId = "acme-octanist:" + gone.get("id").asText();

        ConnectionReport incremental = only(sync.run());
        assertThat(incremental.deleted()).isZero();
        assertThat(store.find(goneId).orElseThrow().deleted()).isFalse();

        ConnectionReport full = only(sync.run(List.of(), true));
        assertThat(full.mode()).isEqualTo("full");
        assertThat(full.deleted()).isEqualTo(1);
        assertThat(full.leadsNew()).isZero();
        assertThat(store.find(goneId).orElseThrow().deletedAt()).isNotNull();
        assertThat(store.count(false)).isEqualTo(149);
        assertThat(store.count(true)).isEqualTo(150);
        assertThat(storedUpdatedAt(store, false)).doesNotContainKey(goneId);

        oct.put(gone);
        ConnectionReport again = only(sync.run(List.of(), true));
        assertThat(again.deleted()).isZero();
        assertThat(again.updated()).isEqualTo(1);
        assertThat(store.find(goneId).orElseThrow().deleted()).isFalse();
        assertThat(store.count(false)).isEqualTo(150);
    }

    @Test
    void aShiftingListingNeverDeletesALivingLead() throws Exception {
        OctanistSimulator oct = closeLater(OctanistSimulator.builder().seed(60, 9).build());
        LeadStore store = newStore();
        sync(store, octanist(oct)).run();
        String hidden = oct.leads().get(30).get("id").asText();
        LeadProvider shifting = new HidingProvider(LeadProviders.open(octanist(oct)), hidden);

        ConnectionReport full = only(closeLater(LeadSync.builder().store(store).connection(shifting).build())
                .run(List.of(), true));

        assertThat(full.outcome()).isEqualTo(Outcome.OK);
        assertThat(full.deleted()).isZero();
        assertThat(store.find("acme-octanist:" + hidden).orElseThrow().deleted()).isFalse();
        assertThat(store.count(false)).isEqualTo(60);
    }

    @Test
    void aNexorRefreshContinuesAcrossRunsWithinItsShareOfTheRateBudget() throws Exception {
        NexorSimulator nex = closeLater(NexorSimulator.builder().seed(30, 4).build());
        LeadStore store = newStore();
        LeadProvider provider = closeLater(LeadProviders.open(nexor(nex)));
        for (String id : nex.leads().stream().map(n -> n.get("id").asText()).toList()) {
            store.save(provider.get(id), Origin.WEBHOOK);
        }
        // 10 requests an hour, 50 % of them for the refresh: 5 leads per hour
        ConnectionConfig limited = ConnectionConfig.builder("acme-nexor").provider("nexor").baseUrl(nex.baseUrl())
                .apiKey(nex.apiKey()).option("rate-limit.requests", "10").option("rate-limit.period", "1h")
                .option("sync.reconcile-share", "50").build();
        LeadSync sync = sync(store, limited);

        ConnectionReport first = only(sync.run());
        ConnectionReport second = only(sync.run());

        assertThat(first.outcome()).isEqualTo(Outcome.OK);
        assertThat(first.requests()).isEqualTo(5);
        assertThat(second.requests()).isZero();
        String position = store.transaction("cannot read from", rows -> rows.checkpoint("acme-nexor"));
        assertThat(position).startsWith("refresh1.");
        assertThat(dev.leadbridge.store.internal.RefreshPosition.parse(position).after()).isNotNull();
    }

    @Test
    void aFullSyncConfirmsByIdExactlyTheLeadsItsListingDidNotShowAcrossManyIdChunksDeletingOnlyTheNotFound()
            throws Exception {
        OctanistSimulator oct = closeLater(OctanistSimulator.builder().seed(40, 6).build());
        LeadStore store = newStore();
        sync(store, octanist(oct)).run();
        List<ObjectNode> all = oct.leads();
        Set<String> gone = all.stream().skip(3).limit(5).map(n -> n.get("id").asText()).collect(Collectors.toSet());
        Set<String> hidden = all.stream().skip(20).limit(4).map(n -> n.get("id").asText())
                .collect(Collectors.toSet());
        oct.clear();
        all.stream().filter(n -> !gone.contains(n.get("id").asText())).forEach(oct::put);
        oct.resetRequests();
        LeadProvider shifting = new HidingProvider(LeadProviders.open(octanist(oct)), hidden);

        // 3 ids per chunk: the 9 leads the listing did not show take 3 chunks and an empty one
        ConnectionReport full = only(closeLater(LeadSync.builder().store(store).connection(shifting).batchSize(3)
                .build()).run(List.of(), true));

        assertThat(full.outcome()).isEqualTo(Outcome.OK);
        assertThat(full.deleted()).isEqualTo(5);
        Set<String> unseen = new java.util.HashSet<>(gone);
        unseen.addAll(hidden);
        assertThat(idsGot(oct)).as("every lead the listing showed is left alone, every other one read once")
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(unseen);
        for (String id : unseen) {
            assertThat(store.find("acme-octanist:" + id).orElseThrow().deleted()).as(id).isEqualTo(gone.contains(id));
        }
        assertThat(store.count(false)).isEqualTo(35);
        assertThat(store.count(true)).isEqualTo(40);
    }

    @Test
    void aNexorRefreshResumesAcrossRunsAndIdChunksReadingEveryKnownLeadOncePerPassInTheStoresOrder()
            throws Exception {
        NexorSimulator nex = closeLater(NexorSimulator.builder().seed(25, 7).build());
        LeadStore store = newStore();
        LeadProvider provider = closeLater(LeadProviders.open(nexor(nex)));
        for (String id : nex.leads().stream().map(n -> n.get("id").asText()).toList()) {
            store.save(provider.get(id), Origin.WEBHOOK);
        }
        String unknown = "00000000-0000-4000-8000-000000000000";
        store.save(provider.get(nex.leads().get(0).get("id").asText()).toBuilder().nativeId(unknown).id(null)
                .build(), Origin.CREATE);
        List<String> order = storedNativeIds(store, "acme-nexor");
        assertThat(order).hasSize(26);
        // 1000 requests an hour, 1 % for the refresh: 10 leads per hour; a new pass 6 hours after the last started;
        // no get cache, so every read by id reaches the simulator
        ConnectionConfig limited = ConnectionConfig.builder("acme-nexor").provider("nexor").baseUrl(nex.baseUrl())
                .apiKey(nex.apiKey()).option("rate-limit.requests", "1000").option("rate-limit.period", "1h")
                .option("sync.reconcile-share", "1").option("sync.full-pass-interval", "6h")
                .option("cache.enabled", "false").build();
        dev.leadbridge.testkit.MutableClock clock =
                new dev.leadbridge.testkit.MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        LeadSync sync = closeLater(LeadSync.builder().store(store).connection(limited).clock(clock).batchSize(3)
                .build());
        nex.resetRequests();

        List<Long> requests = new ArrayList<>();
        List<String> pass = new ArrayList<>();
        for (int run = 0; run < 5; run++) {
            ConnectionReport report = only(sync.run());
            assertThat(report.outcome()).as(String.valueOf(report.error())).isEqualTo(Outcome.OK);
            requests.add(report.requests());
            pass.addAll(idsGot(nex));
            nex.resetRequests();
            if (run != 0) {
                clock.advance(java.time.Duration.ofMinutes(61));
            }
        }

        assertThat(requests).as("10, none left in the same hour, 10, the last 6, none before the pass interval")
                .containsExactly(10L, 0L, 10L, 6L, 0L);
        assertThat(pass).as("every lead once, in the store's order, across runs and chunks").isEqualTo(order);
        assertThat(store.find("acme-nexor:" + unknown).orElseThrow().deleted()).isTrue();
        assertThat(store.count(false)).isEqualTo(25);

        clock.advance(java.time.Duration.ofHours(6));
        ConnectionReport nextPass = only(sync.run());
        assertThat(nextPass.requests()).isEqualTo(10);
        assertThat(idsGot(nex)).as("a new pass starts at the first living lead").isEqualTo(order.stream().filter(id -> !id.equals(unknown)).limit(10).toList());
    }

    @Test
    void nexorLeadsTheStoreKnowsAreRefreshedByIdAndGoneOnesMarkedDeleted() throws Exception {
        NexorSimulator nex = closeLater(NexorSimulator.builder().seed(12, 4).build());
        LeadStore store = newStore();
        LeadProvider provider = closeLater(LeadProviders.open(nexor(nex)));
        List<String> known = nex.leads().stream().limit(4).map(n -> n.get("id").asText()).toList();
        for (String id : known) {
            store.save(provider.get(id), Origin.WEBHOOK);
        }
        provider.update(known.get(1), LeadUpdate.builder().firstName("Renamed").lastName("Person").build());
        store.save(provider.get(known.get(0)).toBuilder().nativeId("00000000-0000-4000-8000-000000000000").id(null).build(), Origin.CREATE);

        ConnectionReport report = only(sync(store, nexor(nex)).run());

        assertThat(report.mode()).isEqualTo("refresh");
        assertThat(report.outcome()).as(String.valueOf(report.error())).isEqualTo(Outcome.OK);
        assertThat(report.requests()).isEqualTo(5);
        assertThat(report.updated()).isEqualTo(1);
        assertThat(report.unchanged()).isEqualTo(3);
        assertThat(report.deleted()).isEqualTo(1);
        assertThat(store.find("acme-nexor:" + known.get(1)).orElseThrow().lead().name()).isEqualTo("Renamed Person");
        assertThat(store.find("acme-nexor:00000000-0000-4000-8000-000000000000").orElseThrow().deleted()).isTrue();
        assertThat(store.count(false)).isEqualTo(4);
    }

    @Test
    void aWorkspaceDeleteMadeThroughLeadbridgeMarksTheRowAtOnce() throws Exception {
        WorkspaceSimulator ws = closeLater(WorkspaceSimulator.builder().seed(10, 2).build());
        LeadStore store = newStore();
        sync(store, workspace(ws)).run();
        LeadProvider provider = closeLater(LeadProviders.open(workspace(ws)));
        String id = ws.leads().get(0).get("id").asText();

        provider.delete(id);
        assertThat(store.markDeleted("acme-workspace:" + id)).isTrue();

        assertThat(store.find("acme-workspace:" + id).orElseThrow().deleted()).isTrue();
        assertThat(store.markDeleted("acme-workspace:" + id)).isFalse();
        assertThat(store.count(false)).isEqualTo(9);
    }

    @Test
    void thePersonsViewGroupsLeadsByPersonKeyAcrossConnections() throws Exception {
        OctanistSimulator oct = closeLater(OctanistSimulator.builder().seed(5, 1).build());
        LeadStore store = newStore();
        Lead a = Lead.builder().connection("one").provider("octanist").nativeId("a").email("Same@Example.com")
                .updatedAt(Instant.parse("2025-01-01T00:00:00Z")).value(new BigDecimal("12.340")).build();
        Lead b = Lead.builder().connection("two").provider("workspace-v1").nativeId("b").email("same@example.com")
                .updatedAt(Instant.parse("2025-01-02T00:00:00Z")).build();
        store.save(a, Origin.WEBHOOK);
        store.save(b, Origin.CREATE);
        assertThat(a.personKey()).isNotNull().isEqualTo(b.personKey());

        try (Connection c = database().connect(urlOf(store)); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT leads, connections_count, connections FROM persons"
                     + " WHERE person_key = '" + a.personKey() + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(2);
            assertThat(rs.getLong(2)).isEqualTo(2);
            assertThat(Set.of(rs.getString(3).split(","))).containsExactlyInAnyOrder("one", "two");
        }
        assertThat(store.find("one:a").orElseThrow().lead().value()).isEqualTo(new BigDecimal("12.340"));
        assertThat(oct.size()).isEqualTo(5);
    }

    @Test
    void aNewerVersionWithOtherKeysMovesTheLeadToItsNewPersonKeyAndNativeId() throws Exception {
        LeadStore store = newStore();
        Lead first = Lead.builder().id("one:fixed").connection("one").provider("octanist").nativeId("a")
                .email("old@example.com").updatedAt(Instant.parse("2025-01-01T00:00:00Z")).build();
        Lead newer = first.toBuilder().nativeId("b").email("new@example.com").personKey(null).phoneE164(null)
                .updatedAt(Instant.parse("2025-01-02T00:00:00Z")).build();
        Lead sameKeys = newer.toBuilder().name("Renamed").updatedAt(Instant.parse("2025-01-03T00:00:00Z")).build();
        store.save(first, Origin.WEBHOOK);
        store.save(newer, Origin.WEBHOOK);
        assertThat(newer.personKey()).isNotNull().isNotEqualTo(first.personKey());

        Lead stored = store.find("one:fixed").orElseThrow().lead();
        assertThat(stored.personKey()).isEqualTo(newer.personKey());
        assertThat(stored.nativeId()).isEqualTo("b");
        store.save(sameKeys, Origin.WEBHOOK);
        stored = store.find("one:fixed").orElseThrow().lead();
        assertThat(stored.name()).isEqualTo("Renamed");
        assertThat(stored.personKey()).isEqualTo(newer.personKey());
        assertThat(stored.nativeId()).isEqualTo("b");
        try (Connection c = database().connect(urlOf(store)); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT person_key, connection, native_id FROM leads")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(newer.personKey());
            assertThat(rs.getString(2)).isEqualTo("one");
            assertThat(rs.getString(3)).isEqualTo("b");
            assertThat(rs.next()).isFalse();
        }
    }

    // ------------------------------------------------------------------------------------------ crashes

    @Test
    void aSyncKilledWithSigkillAtManyPointsLosesNothingAndDuplicatesNothingWhenRerun() throws Exception {
        OctanistSimulator oct = closeLater(OctanistSimulator.builder().seed(700, 13).build());
        String url = database().freshUrl();
        LeadStore store = closeLater(LeadStore.open(url));
        LeadProvider provider = closeLater(LeadProviders.open(octanist(oct)));
        List<String> ids = oct.leads().stream().map(n -> n.get("id").asText()).toList();
        java.util.Random random = new java.util.Random(42);
        int killedWhileRunning = 0;
        for (int target : new int[] {0, 120, 330, 560, 700}) {
            if (syncKilledAt(url, target, random, oct.baseUrl(), oct.apiKey())) {
                killedWhileRunning++;
            }
            // the providers' data moves on between the runs
            for (int i = 0; i < 3; i++) {
                provider.update(ids.get(random.nextInt(ids.size())),
                        LeadUpdate.builder().note("changed between crashes " + target + "/" + i).build());
            }
            assertThat(providerUpdatedAt(provider).keySet()).containsAll(storedUpdatedAt(store, true).keySet());
        }

        ConnectionReport last = only(sync(store, octanist(oct)).run());

        assertThat(killedWhileRunning).isGreaterThanOrEqualTo(3);
        assertThat(last.outcome()).isEqualTo(Outcome.OK);
        assertThat(storedUpdatedAt(store, true)).isEqualTo(providerUpdatedAt(provider));
        assertThat(store.count(true)).isEqualTo(700);
    }

    @Test
    void aConcurrentFirstWorkspaceSyncKilledWithSigkillAtManyPointsResumesLosingNothingAndDuplicatingNothing()
            throws Exception {
        WorkspaceSimulator ws = closeLater(WorkspaceSimulator.builder().seed(700, 13).build());
        String url = database().freshUrl();
        LeadStore store = closeLater(LeadStore.open(url));
        LeadProvider provider = closeLater(LeadProviders.open(workspace(ws)));
        List<String> ids = ws.leads().stream().map(n -> n.get("id").asText()).toList();
        ObjectNode template = ws.leads().get(0);
        java.util.Random random = new java.util.Random(42);
        int killedWhileRunning = 0;
        int created = 0;
        for (int target : new int[] {0, 120, 330, 560, 700}) {
            if (syncKilledAt(url, target, random, ws.baseUrl(), ws.apiKey(), "workspace-v1")) {
                killedWhileRunning++;
            }
            // the account moves on between the runs: new leads at the top (shifting every page), one deleted
            for (int i = 0; i < 7; i++) {
                ws.put(newLeadLike(template, "crash" + (created++) + "@example.com"));
            }
            provider.delete(ids.get(100 + target / 10));
        }

        ConnectionReport last = only(sync(store, workspace(ws)).run());

        assertThat(killedWhileRunning).isGreaterThanOrEqualTo(3);
        assertThat(last.outcome()).isEqualTo(Outcome.OK);
        // every living lead is stored, none twice (storedUpdatedAt fails on a duplicate)
        assertThat(storedUpdatedAt(store, true)).containsAllEntriesOf(providerUpdatedAt(provider));
        ConnectionReport full = only(sync(store, workspace(ws)).run(List.of(), true));
        assertThat(full.outcome()).isEqualTo(Outcome.OK);
        assertThat(storedUpdatedAt(store, false)).isEqualTo(providerUpdatedAt(provider));
        // the 5 deleted upstream are gone from the count of living leads (one may never have been stored)
        assertThat(store.count(false)).isEqualTo(700 + created - 5);
    }

    @Test
    void aConcurrentFirstOctanistSyncKilledWithSigkillAtManyPointsResumesRangeByRangeLosingNothingAndDuplicatingNothing()
            throws Exception {
        OctanistSimulator oct = closeLater(OctanistSimulator.builder().seed(900, 17).build());
        String url = database().freshUrl();
        LeadStore store = closeLater(LeadStore.open(url));
        LeadProvider provider = closeLater(LeadProviders.open(octanist(oct)));
        List<String> ids = oct.leads().stream().map(n -> n.get("id").asText()).toList();
        ObjectNode template = oct.leads().get(0);
        java.util.Random random = new java.util.Random(43);
        int killedWhileRunning = 0;
        int killedWithRangesOpen = 0;
        int created = 0;
        for (int target : new int[] {0, 150, 380, 610, 840}) {
            if (syncKilledAt(url, target, random, oct.baseUrl(), oct.apiKey())) {
                killedWhileRunning++;
            }
            String checkpoint = store.transaction("cannot read from", rows -> rows.checkpoint("acme-octanist"));
            if (checkpoint != null && dev.leadbridge.client.internal.SyncState.decode(checkpoint).ranges() != null) {
                killedWithRangesOpen++;
            }
            // the account moves on between the runs: leads updated (into the last range), created, one deleted
            for (int i = 0; i < 4; i++) {
                provider.update(ids.get(random.nextInt(ids.size())),
                        LeadUpdate.builder().note("changed between crashes " + target + "/" + i).build());
                oct.put(newLeadLike(template, "crash" + (created++) + "@example.com"));
            }
            oct.delete(ids.get(100 + target / 10));
        }

        ConnectionReport last = only(sync(store, octanist(oct)).run());

        assertThat(killedWhileRunning).isGreaterThanOrEqualTo(3);
        assertThat(killedWithRangesOpen).isGreaterThanOrEqualTo(2);
        assertThat(last.outcome()).isEqualTo(Outcome.OK);
        // every living lead is stored in its current version, none twice (storedUpdatedAt fails on a duplicate)
        assertThat(storedUpdatedAt(store, true)).containsAllEntriesOf(providerUpdatedAt(provider));
        ConnectionReport full = only(sync(store, octanist(oct)).run(List.of(), true));
        assertThat(full.outcome()).isEqualTo(Outcome.OK);
        assertThat(full.leadsNew()).isZero();
        assertThat(storedUpdatedAt(store, false)).isEqualTo(providerUpdatedAt(provider));
        assertThat(store.count(false)).isEqualTo(900 + created - 5);
    }

    /** A lead created now, without id, like {@code template} but for its email. */
    private static ObjectNode newLeadLike(ObjectNode template, String email) {
        ObjectNode lead = template.deepCopy();
        lead.remove("id");
        lead.put("email", email);
        String now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
        lead.put("createdAt", now);
        lead.put("updatedAt", now);
        return lead;
    }

    /**
     * Runs {@link CrashSyncChild} on the store at {@code url}, waits until the store holds {@code target} leads (or
     * the child ends), waits a few random milliseconds more and kills it with SIGKILL; true when it was still running.
     */
    private boolean syncKilledAt(String url, int target, java.util.Random random, String... childArgs)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), CrashSyncChild.class.getName(), url));
        command.addAll(List.of(childArgs));
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (Connection c = database().connect(url); Statement st = c.createStatement()) {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (child.isAlive() && System.nanoTime() < deadline) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM leads")) {
                    rs.next();
                    if (rs.getLong(1) >= target) {
                        break;
                    }
                }
                Thread.sleep(2);
            }
        }
        Thread.sleep(random.nextInt(15));
        boolean running = child.isAlive();
        child.destroyForcibly();   // SIGKILL: no shutdown hook, no rollback by the JVM
        child.waitFor();
        return running;
    }

    // ------------------------------------------------------------------------------------------ bad input

    @Test
    void aProviderSayingMorePagesFollowForeverEndsTheSyncOkWithAWarningAndEveryLeadStoredOnce() throws Exception {
        StringBuilder leads = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            String at = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i).toString();
            leads.append(i == 1 ? "" : ",").append("{\"id\":\"lead_").append(i).append("\",\"createdAt\":\"")
                    .append(at).append("\",\"updatedAt\":\"").append(at).append("\"}");
        }
        byte[] body = ("{\"success\":true,\"data\":[" + leads + "],\"meta\":{\"pagination\":{\"hasMore\":true}}}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (java.io.OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        closeLater(() -> server.stop(0));
        LeadStore store = newStore();

        ConnectionReport report = only(sync(store, config("endless", "octanist", null,
                "http://127.0.0.1:" + server.getAddress().getPort(), OctanistSimulator.DEFAULT_API_KEY)).run());

        assertThat(report.outcome()).isEqualTo(Outcome.OK);
        assertThat(report.leadsNew()).isEqualTo(30);
        assertThat(report.error()).startsWith("warning: ").contains("brought no lead not already seen");
        assertThat(requests.get()).isLessThanOrEqualTo(3);
        assertThat(storedUpdatedAt(store, true)).hasSize(30);
    }

    @Test
    void aUrlOfNoSupportedDatabaseIsAOneLineConfigurationErrorWithoutThePassword() {
        assertThatThrownBy(() -> LeadStore.open("jdbc:mysql://db/x?password=hunter2"))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("is not a supported store URL")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aStoreWithANewerSchemaVersionIsRefusedAndLeftAlone() throws Exception {
        String url = database().freshUrl();
        LeadStore.open(url).close();
        try (Connection c = database().connect(url); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, installed_on, execution_time, success) VALUES (99, '99', 'future',"
                    + " 'SQL', 'V99__future.sql', 0, 'test', CURRENT_TIMESTAMP, 1, " + trueLiteral() + ")");
        }

        assertThatThrownBy(() -> LeadStore.open(url))
                .isInstanceOf(StoreSchemaException.class)
                .hasMessageContaining("has schema version 99, newer than this Leadbridge knows")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aReaderRefusesAStoreWithoutSchemaInsteadOfCreatingOne() throws Exception {
        String url = database().freshUrl();
        assertThatThrownBy(() -> LeadStore.builder().url(url).migrate(false).build())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("run sync");
    }

    @Test
    void leadsStreamInConnectionAndIdOrderWithDeletedOnesOnlyWhenAsked() throws Exception {
        LeadStore store = newStore();
        for (String id : List.of("c", "a", "b")) {
            store.save(Lead.builder().connection("x").provider("octanist").nativeId(id).build(), Origin.CREATE);
        }
        store.markDeleted("x:b");
        try (Stream<Lead> leads = store.leads(false)) {
            assertThat(leads.map(Lead::id)).containsExactly("x:a", "x:c");
        }
        try (Stream<Lead> leads = store.leads(true)) {
            assertThat(leads.map(Lead::id)).containsExactly("x:a", "x:b", "x:c");
        }
    }

    /** The native ids a simulator was asked for by id ({@code GET .../leads/{id}}), in order. */
    static List<String> idsGot(SimulatorServer sim) {
        return sim.requests().stream().filter(r -> r.method().equals("GET") && r.rawPath().matches(".*/leads/[^/]+"))
                .map(r -> r.rawPath().substring(r.rawPath().lastIndexOf('/') + 1)).toList();
    }

    /** A connection's native ids as the store orders them (the database's order of {@code native_id}). */
    List<String> storedNativeIds(LeadStore store, String connection) throws Exception {
        try (Connection c = database().connect(urlOf(store)); java.sql.PreparedStatement ps = c.prepareStatement(
                "SELECT native_id FROM leads WHERE connection = ? ORDER BY native_id")) {
            ps.setString(1, connection);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    String trueLiteral() {
        return this instanceof SqliteStoreTest ? "1" : "true";
    }

    static String urlOf(LeadStore store) {
        return store.url();
    }

    /** A provider whose listing leaves out one lead that get still finds: a listing that shifted under the sync. */
    static final class HidingProvider extends ForwardingProvider {
        private final Set<String> hidden;

        HidingProvider(LeadProvider delegate, String hidden) {
            this(delegate, Set.of(hidden));
        }

        HidingProvider(LeadProvider delegate, Set<String> hidden) {
            super(delegate);
            this.hidden = hidden;
        }

        @Override
        public LeadPage list(LeadQuery query, int page) {
            LeadPage p = super.list(query, page);
            return new LeadPage(p.leads().stream().filter(l -> !hidden.contains(l.nativeId())).toList(),
                    p.page(), p.pageSize(), p.totalPages(), p.totalCount(), p.hasMore(), p.rateLimit());
        }
    }
}
