package dev.leadbridge.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.testkit.octanist.OctanistSimulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffsets;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connector in a real Connect cluster: Kafka's {@link EmbeddedConnectCluster} (a KRaft broker and a distributed
 * worker in this JVM, exactly-once source support enabled), the connector loaded from the unpacked plugin archive on
 * {@code plugin.path} (the connector's classes and Leadbridge's jars are kept off this test's class path by failsafe,
 * so the worker can only find them there), three Octanist simulators with latency as three accounts, two tasks.
 */
class EmbeddedConnectClusterIT {

    private static final String CONNECTOR = "leadbridge";
    private static final String TOPIC = "leads";
    private static EmbeddedConnectCluster connect;
    private static final List<OctanistSimulator> simulators = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws java.io.IOException {
        connect = EmbeddedConnectClusterITSupport.exactlyOnceCluster("leadbridge-connect", 1);
        connect.start();
        EmbeddedConnectClusterITSupport.createTopicWithDefaultRetention(connect, TOPIC, 3);
    }

    @AfterAll
    static void stopCluster() {
        if (connect != null) {
            connect.stop();
        }
        simulators.forEach(OctanistSimulator::close);
    }

    private static OctanistSimulator simulator(int leads, long seed, int latencyMillis) {
        OctanistSimulator sim = OctanistSimulator.builder().seed(leads, seed).build();
        sim.faults().latency(Duration.ofMillis(latencyMillis));
        simulators.add(sim);
        return sim;
    }

    private static Map<String, String> connectorConfig(String topic, Map<String, OctanistSimulator> accounts) {
        return EmbeddedConnectClusterITSupport.connectorConfig(topic, 2, accounts);
    }

    private static List<ConsumerRecord<byte[], byte[]>> topic() throws Exception {
        return topic(TOPIC);
    }

    private static List<ConsumerRecord<byte[], byte[]>> topic(String topic) throws Exception {
        return EmbeddedConnectClusterITSupport.readCommitted(connect, topic);
    }

    private static String key(ConsumerRecord<byte[], byte[]> r) {
        return EmbeddedConnectClusterITSupport.key(r);
    }

    private static int expectedLeads(Map<String, OctanistSimulator> accounts) {
        return accounts.values().stream().mapToInt(OctanistSimulator::size).sum();
    }

    private static Map<String, Long> perAccount(Set<String> keys) {
        Map<String, Long> counts = new HashMap<>();
        keys.forEach(k -> counts.merge(k.substring(0, k.indexOf(':')), 1L, Long::sum));
        return counts;
    }

    private static List<ConsumerRecord<byte[], byte[]>> waitFor(Predicate<List<ConsumerRecord<byte[], byte[]>>> done,
            Duration timeout) throws Exception {
        return waitFor(TOPIC, done, timeout);
    }

    private static List<ConsumerRecord<byte[], byte[]>> waitFor(String topic,
            Predicate<List<ConsumerRecord<byte[], byte[]>>> done, Duration timeout) throws Exception {
        return EmbeddedConnectClusterITSupport.waitFor(connect, topic, done, timeout, "records in " + topic);
    }

    @Test
    void everyLeadOfThreeAccountsArrivesExactlyOnceOverTwoTasksThoughTheConnectorIsStoppedMidSync()
            throws Exception {
        Map<String, OctanistSimulator> accounts = new java.util.LinkedHashMap<>();
        accounts.put("acct-a", simulator(900, 1, 250));
        accounts.put("acct-b", simulator(700, 2, 250));
        accounts.put("acct-c", simulator(500, 3, 250));
        int expected = expectedLeads(accounts);

        connect.configureConnector(CONNECTOR, connectorConfig(TOPIC, accounts));
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 2, "connector did not start");
        List<ConsumerRecord<byte[], byte[]>> early = waitFor(r -> r.size() >= 100, Duration.ofSeconds(180));
        connect.stopConnector(CONNECTOR);
        connect.assertions().assertConnectorIsStopped(CONNECTOR, "connector did not stop");
        int atStop = topic().size();
        connect.resumeConnector(CONNECTOR);
        List<ConsumerRecord<byte[], byte[]>> all = waitFor(r -> r.size() >= expected, Duration.ofSeconds(300));
        Thread.sleep(1500);
        all = topic();

        assertThat(early.size()).isGreaterThanOrEqualTo(100);
        assertThat(atStop).as("stopped mid-sync").isLessThan(expected);
        List<String> keys = all.stream().map(EmbeddedConnectClusterIT::key).toList();
        assertThat(keys).hasSize(expected);
        assertThat(perAccount(new HashSet<>(keys))).isEqualTo(Map.of("acct-a", 900L, "acct-b", 700L, "acct-c", 500L));
        assertThat(keys).as("no lead twice (exactly-once source)").doesNotHaveDuplicates();
        assertThat(all).allSatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
                .startsWith("{\"id\":\"" + key(r) + "\",\"connection\":\"" + key(r).split(":")[0] + "\""));

        ConnectorOffsets offsets = connect.connectorOffsets(CONNECTOR);
        assertThat(offsets.offsets()).extracting(ConnectorOffset::partition)
                .containsExactlyInAnyOrder(Map.of("connection", "acct-a"), Map.of("connection", "acct-b"),
                        Map.of("connection", "acct-c"));
        assertThat(offsets.offsets()).allSatisfy(o -> assertThat(o.offset()).containsOnlyKeys("checkpoint"));
    }

    @Test
    void resettingOneAccountsOffsetThroughTheRestApiSyncsThatAccountAgainAndNoOther() throws Exception {
        String name = "leadbridge-reset";
        String topic = "leads-reset";
        EmbeddedConnectClusterITSupport.createTopicWithDefaultRetention(connect, topic, 1);
        Map<String, OctanistSimulator> accounts = new java.util.LinkedHashMap<>();
        accounts.put("acct-x", simulator(200, 4, 0));
        accounts.put("acct-y", simulator(100, 5, 0));
        connect.configureConnector(name, connectorConfig(topic, accounts));
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 2, "connector did not start");
        waitFor(topic, r -> r.size() >= 300, Duration.ofSeconds(180));
        Thread.sleep(1000);

        connect.stopConnector(name);
        connect.assertions().assertConnectorIsStopped(name, "connector did not stop");
        connect.alterSourceConnectorOffset(name, Map.of("connection", "acct-y"), null);
        connect.resumeConnector(name);
        List<ConsumerRecord<byte[], byte[]>> all = waitFor(topic, r -> r.size() >= 400, Duration.ofSeconds(180));
        Thread.sleep(1500);
        all = topic(topic);

        Map<String, Long> timesSeen = new HashMap<>();
        all.forEach(r -> timesSeen.merge(key(r), 1L, Long::sum));
        assertThat(all).hasSize(400);
        assertThat(timesSeen).hasSize(300);
        assertThat(timesSeen).allSatisfy((key, times) ->
                assertThat(times).as(key).isEqualTo(key.startsWith("acct-y:") ? 2L : 1L));
    }

    @Test
    void aLeadDeletedUpstreamIsFollowedByATombstoneForItsGlobalIdInTheTopic() throws Exception {
        String name = "leadbridge-deletions";
        String topic = "leads-deletions";
        EmbeddedConnectClusterITSupport.createTopicWithDefaultRetention(connect, topic, 1);
        OctanistSimulator sim = simulator(20, 6, 0);
        Map<String, String> config = connectorConfig(topic, Map.of("acct-d", sim));
        config.put("poll.interval.ms", "300");
        config.put("full.pass.interval.ms", "500");
        connect.configureConnector(name, config);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "connector did not start");
        List<ConsumerRecord<byte[], byte[]>> leads = waitFor(topic, r -> r.size() >= 20, Duration.ofSeconds(180));
        String deleted = key(leads.get(5));

        sim.delete(deleted.substring("acct-d:".length()));
        List<ConsumerRecord<byte[], byte[]>> all = waitFor(topic, r -> r.stream().anyMatch(x -> x.value() == null),
                Duration.ofSeconds(120));

        assertThat(all).filteredOn(r -> r.value() == null).singleElement()
                .satisfies(r -> assertThat(key(r)).isEqualTo(deleted));
        assertThat(all.get(all.size() - 1).value()).as("the tombstone comes after the lead's record").isNull();
        connect.deleteConnector(name);
    }
}
