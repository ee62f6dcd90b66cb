package dev.leadbridge.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.connect.LeadProviders;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The task driven directly, as a Connect worker drives it, against the simulators on loopback. */
class LeadbridgeSourceTaskTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @AutoClose
    private final TaskHarness.Opened opened = new TaskHarness.Opened();

    private Map<String, String> twoConnections() {
        OctanistSimulator oct = opened.later(OctanistSimulator.builder().seed(230, 7).build());
        WorkspaceSimulator ws = opened.later(WorkspaceSimulator.builder().seed(140, 8).build());
        Map<String, String> props = new HashMap<>();
        TaskHarness.octanist(props, "acme-octanist", oct);
        TaskHarness.workspace(props, "acme-workspace", ws);
        props.put(SourceSettings.TASK_CONNECTIONS, "acme-octanist,acme-workspace");
        props.put(SourceSettings.BATCH_MAX_RECORDS, "25");
        return props;
    }

    private static Map<String, String> byKey(List<SourceRecord> records) {
        Map<String, String> out = new HashMap<>();
        for (SourceRecord r : records) {
            out.put((String) r.key(), (String) r.value());
        }
        return out;
    }

    @Test
    void everyLeadOfEveryOwnedConnectionBecomesOneRecordKeyedByGlobalIdWithTheExportJson() throws Exception {
        Map<String, String> props = twoConnections();
        Map<String, String> expected = TaskHarness.expectedTopic(props);
        LeadbridgeSourceTask task = opened.start(props, new TaskHarness.Context(props));

        List<SourceRecord> records = TaskHarness.pollUntil(task, r -> r.size() >= 370, TIMEOUT);

        assertThat(records).hasSize(370);
        assertThat(records).allSatisfy(r -> {
            assertThat(r.topic()).isEqualTo("leads");
            assertThat(r.keySchema()).isEqualTo(Schema.STRING_SCHEMA);
            assertThat(r.valueSchema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
            assertThat(r.sourcePartition()).containsOnlyKeys("connection");
            assertThat(r.sourceOffset()).containsOnlyKeys("checkpoint");
            assertThat((String) r.key()).startsWith(r.sourcePartition().get("connection") + ":");
            // stamped by Kafka when written: a lead's weeks-old updatedAt would expire under time-based retention
            assertThat(r.timestamp()).isNull();
        });
        assertThat(byKey(records)).isEqualTo(expected);
        // no more than one batch at a time
        assertThat(task.poll()).isNull();
    }

    @Test
    void aRestartedTaskResumesFromTheLastCommittedOffsetOfEachConnection() throws Exception {
        Map<String, String> props = twoConnections();
        Map<String, String> expected = TaskHarness.expectedTopic(props);
        TaskHarness.Context context = new TaskHarness.Context(props);
        LeadbridgeSourceTask first = opened.start(props, context);
        // until both connections delivered some: the workspace alone has 140 leads, and whichever connection
        // answers first depends on timing
        List<SourceRecord> before = TaskHarness.pollUntil(first, r -> r.size() >= 120
                && r.stream().anyMatch(x -> x.sourcePartition().get("connection").equals("acme-octanist")), TIMEOUT);
        context.commit(before);
        first.stop();

        LeadbridgeSourceTask second = opened.start(props, context);
        Set<String> beforeKeys = keys(before);
        List<SourceRecord> after = TaskHarness.pollUntil(second, r -> {
            Set<String> all = new HashSet<>(beforeKeys);
            all.addAll(keys(r));
            return all.containsAll(expected.keySet());
        }, TIMEOUT);
        Thread.sleep(300);
        List<SourceRecord> late = second.poll();

        // nothing missing, nothing more
        Set<String> all = new HashSet<>(beforeKeys);
        all.addAll(keys(after));
        assertThat(all).isEqualTo(expected.keySet());
        assertThat(late).isNull();
        // Octanist sorts by updatedAt on its server: its checkpoint advances lead by lead, so it resumes right
        // after the last committed lead and repeats none
        Set<String> octanistAfter = keys(after.stream()
                .filter(r -> r.sourcePartition().get("connection").equals("acme-octanist")).toList());
        assertThat(octanistAfter).doesNotContainAnyElementsOf(beforeKeys);
        assertThat(octanistAfter).hasSize((int) after.stream()
                .filter(r -> r.sourcePartition().get("connection").equals("acme-octanist")).count());
        assertThat(before).anyMatch(r -> r.sourcePartition().get("connection").equals("acme-octanist"));
    }

    private static Set<String> keys(List<SourceRecord> records) {
        return records.stream().map(r -> (String) r.key()).collect(Collectors.toSet());
    }

    @Test
    void aLeadChangedAfterAPassArrivesAgainWithItsNewJsonOnTheNextPass() throws Exception {
        OctanistSimulator oct = opened.later(OctanistSimulator.builder().seed(30, 3).build());
        Map<String, String> props = new HashMap<>();
        TaskHarness.octanist(props, "acme", oct);
        props.put(SourceSettings.TASK_CONNECTIONS, "acme");
        props.put(SourceSettings.POLL_INTERVAL_MS, "200");
        LeadbridgeSourceTask task = opened.start(props, new TaskHarness.Context(props));
        List<SourceRecord> firstPass = TaskHarness.pollUntil(task, r -> r.size() >= 30, TIMEOUT);

        String id = ((String) firstPass.get(0).key()).substring("acme:".length());
        try (LeadProvider provider = LeadProviders.open(
                SourceSettings.connections(props, null, name -> null).get(0))) {
            provider.update(id, LeadUpdate.builder().note("called back, wants a quote").build());
        }
        List<SourceRecord> next = TaskHarness.pollUntil(task, r -> !r.isEmpty(), TIMEOUT);

        assertThat(next).hasSize(1);
        assertThat((String) next.get(0).key()).isEqualTo("acme:" + id);
        assertThat((String) next.get(0).value()).contains("called back, wants a quote");
    }

    @Test
    void aRefusedApiKeyFailsTheTaskFromPollWithAMessageThatDoesNotHoldTheKey() throws Exception {
        OctanistSimulator oct = opened.later(OctanistSimulator.builder().seed(5, 1).build());
        Map<String, String> props = new HashMap<>();
        String wrongKey = "oct_live_00000000000000000000000000000000";
        TaskHarness.connection(props, "acme", "octanist", oct.baseUrl(), wrongKey);
        props.put(SourceSettings.TASK_CONNECTIONS, "acme");
        LeadbridgeSourceTask task = opened.start(props, new TaskHarness.Context(props));

        assertThatThrownBy(() -> TaskHarness.pollUntil(task, r -> false, TIMEOUT))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("acme")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrongKey));
    }
}
