package dev.leadbridge.kafka.connect;

import static dev.leadbridge.kafka.connect.EmbeddedConnectClusterITSupport.connectorConfig;
import static dev.leadbridge.kafka.connect.EmbeddedConnectClusterITSupport.key;
import static dev.leadbridge.kafka.connect.EmbeddedConnectClusterITSupport.readCommitted;
import static dev.leadbridge.kafka.connect.EmbeddedConnectClusterITSupport.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.testkit.Fault;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real worker restart: the whole Connect cluster (its one distributed worker) is stopped mid-sync and a new worker
 * started, as Kafka's own {@code ExactlyOnceSourceIntegrationTest} restarts a cluster ({@code removeWorker} for every
 * worker, then {@code addWorker}), while the broker and its topics (config, status, offsets, the leads topic) stay.
 * Meanwhile leads are created, updated and deleted in the simulators through their HTTP API. Exactly-once source
 * support is on, so the topic must end with every lead's latest state, no record written twice, and the leads
 * delivered before the stop not read again (the task resumed from the committed offsets).
 */
class WorkerRestartIT {

    private static final String CONNECTOR = "leadbridge-restart";
    private static final String TOPIC = "leads-restart";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /**
     * acct-a answers its first 3 pages of 100 leads (the one-lead requests that split a first sync into ranges
     * aside), then 503 until the test lifts the fault: the worker stops while acct-a's first sync is under way.
     */
    private static final int PAGES_BEFORE_STALL = 3;
    private static final int LEADS_A = 600;
    private static final int LEADS_B = 100;
    /** The native JSON of a lead starts with its id (the simulator writes its fields in a fixed order). */
    private static final Pattern NATIVE_ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedConnectCluster connect;
    private OctanistSimulator a;
    private OctanistSimulator b;

    @BeforeEach
    void startClusterAndSimulators() throws Exception {
        a = OctanistSimulator.builder().seed(LEADS_A, 21).build();
        b = OctanistSimulator.builder().seed(LEADS_B, 22).build();
        connect = EmbeddedConnectClusterITSupport.exactlyOnceCluster("leadbridge-restart", 1);
        connect.start();
        EmbeddedConnectClusterITSupport.createTopicWithDefaultRetention(connect, TOPIC, 3);
    }

    @AfterEach
    void stopClusterAndSimulators() {
        if (connect != null) {
            connect.stop();
        }
        a.close();
        b.close();
    }

    @Test
    void afterTheWorkerIsStoppedMidSyncAndStartedAgainEveryLeadsLatestStateIsInTheTopicOnceAndNothingIsReadAgain()
            throws Exception {
        AtomicInteger listings = new AtomicInteger();
        a.faults().when(r -> r.method().equals("GET") && r.rawPath().equals("/api/leads")
                        && !"1".equals(r.param("limit")) && listings.incrementAndGet() > PAGES_BEFORE_STALL,
                Integer.MAX_VALUE,
                Fault.respondJson(503, "{\"success\":false,\"error\":{\"code\":\"INTERNAL_ERROR\","
                        + "\"message\":\"maintenance\"}}"));
        Map<String, OctanistSimulator> accounts = new LinkedHashMap<>();
        accounts.put("acct-a", a);
        accounts.put("acct-b", b);
        Map<String, String> config = connectorConfig(TOPIC, 2, accounts);
        config.put("poll.interval.ms", "300");
        config.put("retry.backoff.ms", "300");
        config.put("full.pass.interval.ms", "500");
        connect.configureConnector(CONNECTOR, config);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 2, "connector did not start");
        waitFor(r -> count(r, "acct-a:") >= 50 && count(r, "acct-b:") == LEADS_B,
                "acct-a's first pages and all of acct-b before the stop");

        // stop the whole Connect cluster (its only worker); the broker and every topic stay
        new ArrayList<>(connect.workers()).forEach(connect::removeWorker);
        connect.assertions().assertExactlyNumWorkersAreUp(0, "the worker did not stop");
        List<ConsumerRecord<byte[], byte[]>> atStop = readCommitted(connect, TOPIC);
        Set<String> beforeStop = keys(atStop);
        List<String> deliveredA = beforeStop.stream().filter(k -> k.startsWith("acct-a:")).sorted().toList();
        List<String> notYetA = new ArrayList<>(new TreeSet<>(ids("acct-a", a)));
        notYetA.removeAll(beforeStop);
        List<String> deliveredB = beforeStop.stream().filter(k -> k.startsWith("acct-b:")).sorted().toList();
        assertThat(deliveredA.size()).as("acct-a stopped mid-sync").isBetween(50, PAGES_BEFORE_STALL * 100);
        assertThat(atStop).as("nothing twice before the stop").hasSize(beforeStop.size());

        // while no worker runs: the provider is back, and leads change
        a.faults().clear();
        String updatedBefore = deliveredA.get(10);
        String updatedNotYet = notYetA.get(5);
        String deletedWhileDown = deliveredA.get(20);
        String deletedNotYet = notYetA.get(15);
        String updatedB = deliveredB.get(30);
        patchNote(a, updatedBefore, "restart: updated while down");
        patchNote(a, updatedNotYet, "restart: updated before first delivery");
        patchNote(b, updatedB, "restart: updated while down in b");
        assertThat(a.delete(nativeId(deletedWhileDown))).isTrue();
        assertThat(a.delete(nativeId(deletedNotYet))).isTrue();
        String createdA = "acct-a:" + create(a, "created-a@restart.example");
        String createdB = "acct-b:" + create(b, "created-b@restart.example");

        connect.addWorker();
        connect.assertions().assertAtLeastNumWorkersAreUp(1, "the worker did not start again");
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 2,
                "connector and tasks did not run again after the worker restart");
        Set<String> living = new HashSet<>(ids("acct-a", a));
        living.addAll(ids("acct-b", b));
        waitFor(r -> latest(r).entrySet().stream().filter(e -> e.getValue() != null).map(Map.Entry::getKey)
                        .toList().containsAll(living)
                        && latest(r).get(updatedBefore).contains("restart: updated while down")
                        && latest(r).get(updatedB).contains("restart: updated while down in b"),
                "every living lead's latest state after the restart");

        // deletions after the restart: a lead this task emitted, then (its full pass has run by then) an older one
        assertThat(a.delete(nativeId(updatedBefore))).isTrue();
        waitFor(r -> latest(r).containsKey(updatedBefore) && latest(r).get(updatedBefore) == null,
                "the tombstone of a lead deleted after the restart");
        String deletedAfter = deliveredA.get(30);
        assertThat(a.delete(nativeId(deletedAfter))).isTrue();
        waitFor(r -> latest(r).get(deletedAfter) == null, "the tombstone of a lead delivered before the restart");
        // nothing can be written once the connector is stopped: the topic is final
        connect.stopConnector(CONNECTOR);
        connect.assertions().assertConnectorIsStopped(CONNECTOR, "connector did not stop");
        List<ConsumerRecord<byte[], byte[]>> all = readCommitted(connect, TOPIC);

        Map<String, Integer> expectedRecords = new HashMap<>();
        ids("acct-a", a).forEach(k -> expectedRecords.put(k, 1));
        ids("acct-b", b).forEach(k -> expectedRecords.put(k, 1));
        expectedRecords.put(updatedBefore, 3);   // before the stop, its update, its tombstone
        expectedRecords.put(updatedB, 2);        // before the stop, its update
        expectedRecords.put(deletedAfter, 2);    // before the stop, its tombstone
        expectedRecords.put(deletedWhileDown, 1); // before the stop only: see below
        Map<String, Integer> records = new HashMap<>();
        all.forEach(r -> records.merge(key(r), 1, Integer::sum));
        assertThat(records).as("records per key: none twice, nothing read again from scratch")
                .isEqualTo(expectedRecords);
        assertThat(records).doesNotContainKey(deletedNotYet);

        Map<String, String> latest = latest(all);
        assertThat(latest.get(updatedBefore)).as("deleted after the restart: a tombstone").isNull();
        assertThat(latest.get(deletedAfter)).as("deleted after the restart: a tombstone").isNull();
        assertThat(latest.get(updatedNotYet)).contains("restart: updated before first delivery");
        assertThat(latest.get(updatedB)).contains("restart: updated while down in b");
        assertThat(latest.get(createdA)).contains("created-a@restart.example");
        assertThat(latest.get(createdB)).contains("created-b@restart.example");
        Set<String> livingNow = new HashSet<>(ids("acct-a", a));
        livingNow.addAll(ids("acct-b", b));
        assertThat(livingNow).allSatisfy(k -> assertThat(latest.get(k)).as(k)
                .startsWith("{\"id\":\"" + k + "\",\"connection\":\"" + k.substring(0, k.indexOf(':')) + "\""));
        // documented (docs/kafka-connect.md, "Deletions"): a restarted task knows no id until its first full pass
        // lists the account, so a lead deleted while no worker ran keeps its last record (no tombstone)
        assertThat(latest.get(deletedWhileDown)).as("deleted while no worker ran: the documented gap").isNotNull();

        assertThat(connect.connectorOffsets(CONNECTOR).offsets()).extracting(ConnectorOffset::partition)
                .containsExactlyInAnyOrder(Map.of("connection", "acct-a"), Map.of("connection", "acct-b"));
    }

    private void waitFor(Predicate<List<ConsumerRecord<byte[], byte[]>>> done, String what) throws Exception {
        EmbeddedConnectClusterITSupport.waitFor(connect, TOPIC, done, TIMEOUT, what);
    }

    private static long count(List<ConsumerRecord<byte[], byte[]>> records, String prefix) {
        return keys(records).stream().filter(k -> k.startsWith(prefix)).count();
    }

    private static Set<String> keys(List<ConsumerRecord<byte[], byte[]>> records) {
        Set<String> keys = new HashSet<>();
        records.forEach(r -> keys.add(key(r)));
        return keys;
    }

    /** Per key, the value of its last record (null for a tombstone). */
    private static Map<String, String> latest(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, String> latest = new HashMap<>();
        records.forEach(r -> latest.put(key(r), value(r)));
        return latest;
    }

    private static String nativeId(String globalId) {
        return globalId.substring(globalId.indexOf(':') + 1);
    }

    /** The global ids of the simulator's leads, read from their native JSON text. */
    private static Set<String> ids(String connection, OctanistSimulator sim) {
        Set<String> ids = new HashSet<>();
        for (Object lead : sim.leads()) { // read as text: this module does not depend on Jackson
            Matcher id = NATIVE_ID.matcher(lead.toString());
            assertThat(id.find()).as("an id in " + lead).isTrue();
            ids.add(connection + ":" + id.group(1));
        }
        return ids;
    }

    /** {@code PATCH /api/leads} with a note, as a user of Octanist's API changes a lead. */
    private void patchNote(OctanistSimulator sim, String globalId, String note) throws Exception {
        String body = "{\"id\":\"" + nativeId(globalId) + "\",\"note\":\"" + note + "\"}";
        assertThat(send(sim, "PATCH", body).statusCode()).isEqualTo(200);
    }

    /** {@code POST /api/leads}; the new lead's native id. */
    private String create(OctanistSimulator sim, String email) throws Exception {
        HttpResponse<String> created = send(sim, "POST", "{\"name\":\"Restart Created\",\"email\":\"" + email + "\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        Matcher id = NATIVE_ID.matcher(created.body());
        assertThat(id.find()).as(created.body()).isTrue();
        return id.group(1);
    }

    private HttpResponse<String> send(OctanistSimulator sim, String method, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/leads"))
                .header("X-API-KEY", sim.apiKey())
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
