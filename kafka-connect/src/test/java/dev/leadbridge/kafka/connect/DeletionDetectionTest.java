package dev.leadbridge.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.client.SyncCheckpoint;
import dev.leadbridge.testkit.Fault;
import dev.leadbridge.testkit.SimRequest;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The full pass ({@code full.pass.interval.ms}): the task driven directly against the Octanist simulator, a lead
 * deleted in the simulator, a tombstone expected; a lead that only drops out of one listing expects none.
 */
class DeletionDetectionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** The full pass's listing asks for few fields; the incremental pass asks for all of them. */
    private static final Predicate<SimRequest> FULL_LISTING =
            r -> r.rawPath().endsWith("/leads") && r.param("fields") != null;

    @AutoClose
    private final TaskHarness.Opened opened = new TaskHarness.Opened();

    private Map<String, String> oneConnection(OctanistSimulator oct, String fullPassMs) {
        Map<String, String> props = new HashMap<>();
        TaskHarness.octanist(props, "acme", oct);
        props.put(SourceSettings.TASK_CONNECTIONS, "acme");
        props.put(SourceSettings.POLL_INTERVAL_MS, "100");
        props.put(SourceSettings.FULL_PASS_INTERVAL_MS, fullPassMs);
        return props;
    }

    private static String nativeId(SourceRecord record) {
        return ((String) record.key()).substring("acme:".length());
    }

    private static List<SourceRecord> tombstones(List<SourceRecord> records) {
        return records.stream().filter(r -> r.value() == null).toList();
    }

    @Test
    void aLeadDeletedUpstreamGivesOneTombstoneKeyedByItsGlobalIdAtTheConnectionsCheckpoint() throws Exception {
        OctanistSimulator oct = opened.later(OctanistSimulator.builder().seed(30, 11).build());
        Map<String, String> props = oneConnection(oct, "300");
        LeadbridgeSourceTask task = opened.start(props, new TaskHarness.Context(props));
        List<SourceRecord> leads = TaskHarness.pollUntil(task, r -> r.size() >= 30, TIMEOUT);
        assertThat(leads).hasSize(30).noneMatch(r -> r.value() == null);
        String deleted = nativeId(leads.get(7));

        assertThat(oct.delete(deleted)).isTrue();
        List<SourceRecord> after = TaskHarness.pollUntil(task, r -> !tombstones(r).isEmpty(), TIMEOUT);

        assertThat(tombstones(after)).singleElement().satisfies(t -> {
            assertThat(t.key()).isEqualTo("acme:" + deleted);
            assertThat(t.value()).isNull();
            assertThat(t.keySchema()).isEqualTo(Schema.STRING_SCHEMA);
            assertThat(t.valueSchema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
            assertThat(t.topic()).isEqualTo("leads");
            assertThat(t.sourcePartition()).isEqualTo(Map.of("connection", "acme"));
            // the connection's current checkpoint: the one the last lead record carried (nothing changed since)
            assertThat(t.sourceOffset()).isEqualTo(leads.get(leads.size() - 1).sourceOffset());
            assertThat(SyncCheckpoint.parse((String) t.sourceOffset().get("checkpoint")).connection())
                    .contains("acme");
        });
        assertThat(after).filteredOn(r -> r.value() != null).isEmpty();
        // the id is forgotten: later full passes emit no second tombstone
        long passes = oct.requestCount(FULL_LISTING);
        List<SourceRecord> later = TaskHarness.pollUntil(task, r -> oct.requestCount(FULL_LISTING) >= passes + 2,
                TIMEOUT);
        assertThat(oct.requestCount(FULL_LISTING)).isGreaterThanOrEqualTo(passes + 2);
        assertThat(later).isEmpty();
    }

    @Test
    void aLeadMissingFromOneListingButStillAnsweringGetIsNotTombstoned() throws Exception {
        OctanistSimulator oct = opened.later(OctanistSimulator.builder().seed(30, 12).build());
        Map<String, String> props = oneConnection(oct, "300");
        LeadbridgeSourceTask task = opened.start(props, new TaskHarness.Context(props));
        List<SourceRecord> leads = TaskHarness.pollUntil(task, r -> r.size() >= 30, TIMEOUT);
        String shifted = nativeId(leads.get(3));
        String deleted = nativeId(leads.get(20));

        // 'deleted' is really gone; the next full listing also leaves out 'shifted' (as when leads move between
        // pages while a listing is read), which still answers a get
        oct.delete(deleted);
        oct.faults().when(FULL_LISTING, 1, Fault.respondJson(200, pageWithout(oct, shifted)));
        Predicate<SimRequest> getShifted = r -> r.rawPath().endsWith("/leads/" + shifted);
        List<SourceRecord> after = TaskHarness.pollUntil(task,
                r -> !tombstones(r).isEmpty() && oct.requestCount(getShifted) > 0, TIMEOUT);
        long passes = oct.requestCount(FULL_LISTING);
        after.addAll(TaskHarness.pollUntil(task, r -> oct.requestCount(FULL_LISTING) >= passes + 2, TIMEOUT));

        assertThat(oct.requestCount(getShifted)).isPositive();
        assertThat(tombstones(after)).extracting(SourceRecord::key).containsExactly("acme:" + deleted);
    }

    /** One listing page of every lead of the simulator but {@code omitted}, as the simulator would answer it. */
    private static String pageWithout(OctanistSimulator oct, String omitted) {
        List<?> all = oct.leads();
        String data = all.stream().map(String::valueOf)
                .filter(json -> !json.contains("\"id\":\"" + omitted + "\""))
                .collect(Collectors.joining(","));
        int count = all.size() - 1;
        return "{\"success\":true,\"data\":[" + data + "],\"meta\":{\"pagination\":{\"limit\":100,\"page\":1,"
                + "\"totalPages\":1,\"total\":" + count + ",\"hasMore\":false},\"requestId\":\"req_0123456789ab\"}}";
    }

    @Test
    void aRestartedTaskLearnsItsIdsFromItsFirstFullPassAndThenTombstonesWhatIsDeleted() throws Exception {
        OctanistSimulator oct = opened.later(OctanistSimulator.builder().seed(30, 13).build());
        Map<String, String> props = oneConnection(oct, "600000");
        TaskHarness.Context context = new TaskHarness.Context(props);
        LeadbridgeSourceTask first = opened.start(props, context);
        List<SourceRecord> leads = TaskHarness.pollUntil(first, r -> r.size() >= 30, TIMEOUT);
        context.commit(leads);
        first.stop();
        // from scratch the first full pass waits an interval: the first task never listed in full
        assertThat(oct.requestCount(FULL_LISTING)).isZero();

        props.put(SourceSettings.FULL_PASS_INTERVAL_MS, "300");
        LeadbridgeSourceTask second = opened.start(props, context);
        TaskHarness.pollUntil(second, r -> oct.requestCount(FULL_LISTING) >= 1, TIMEOUT);
        String deleted = nativeId(leads.get(12));
        oct.delete(deleted);
        List<SourceRecord> after = TaskHarness.pollUntil(second, r -> !tombstones(r).isEmpty(), TIMEOUT);

        assertThat(after).extracting(SourceRecord::key).containsExactly("acme:" + deleted);
        assertThat(after.get(0).value()).isNull();
    }

    @Test
    void onWorkspaceV1EveryLeadOfAnEmptiedAccountGetsItsTombstone() throws Exception {
        WorkspaceSimulator ws = opened.later(WorkspaceSimulator.builder().seed(15, 15).build());
        Map<String, String> props = new HashMap<>();
        TaskHarness.workspace(props, "chat", ws);
        props.put(SourceSettings.TASK_CONNECTIONS, "chat");
        props.put(SourceSettings.POLL_INTERVAL_MS, "100");
        props.put(SourceSettings.FULL_PASS_INTERVAL_MS, "300");
        LeadbridgeSourceTask task = opened.start(props, new TaskHarness.Context(props));
        List<SourceRecord> leads = TaskHarness.pollUntil(task, r -> r.size() >= 15, TIMEOUT);

        ws.clear();
        List<SourceRecord> after = TaskHarness.pollUntil(task, r -> r.size() >= 15, TIMEOUT);

        assertThat(after).allSatisfy(r -> assertThat(r.value()).isNull());
        assertThat(after).extracting(SourceRecord::key)
                .containsExactlyInAnyOrderElementsOf(leads.stream().map(SourceRecord::key).toList());
    }

    @Test
    void withTheFullPassOffTheTaskNeverListsInFullNorTombstones() throws Exception {
        OctanistSimulator oct = opened.later(OctanistSimulator.builder().seed(10, 14).build());
        Map<String, String> props = oneConnection(oct, "0");
        LeadbridgeSourceTask task = opened.start(props, new TaskHarness.Context(props));
        List<SourceRecord> leads = TaskHarness.pollUntil(task, r -> r.size() >= 10, TIMEOUT);
        oct.delete(nativeId(leads.get(0)));

        long listings = oct.requestCount(r -> r.rawPath().endsWith("/leads"));
        List<SourceRecord> after = TaskHarness.pollUntil(task,
                r -> oct.requestCount(q -> q.rawPath().endsWith("/leads")) >= listings + 3, TIMEOUT);

        assertThat(after).isEmpty();
        assertThat(oct.requestCount(FULL_LISTING)).isZero();
    }
}
