package dev.leadbridge.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.client.AggregateResult;
import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.canonical.LeadJsonWriter;
import dev.leadbridge.testkit.nexor.NexorSimulator;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Test helpers: connector properties for simulators, the expected topic contents (the same JSON {@code export}
 * writes), and a {@link SourceTaskContext} whose offset store is an in-memory map the test commits to, as Connect
 * would after the records were written.
 */
final class TaskHarness {

    private TaskHarness() {
    }

    static void octanist(Map<String, String> props, String name, OctanistSimulator sim) {
        connection(props, name, "octanist", sim.baseUrl(), sim.apiKey());
    }

    static void workspace(Map<String, String> props, String name, WorkspaceSimulator sim) {
        connection(props, name, "workspace-v1", sim.baseUrl(), sim.apiKey());
    }

    static void nexor(Map<String, String> props, String name, NexorSimulator sim) {
        connection(props, name, "nexor", sim.baseUrl(), sim.apiKey());
    }

    static void connection(Map<String, String> props, String name, String provider, String baseUrl, String key) {
        props.put("connections." + name + ".provider", provider);
        props.put("connections." + name + ".base-url", baseUrl);
        props.put("connections." + name + ".api-key", key);
    }

    /** Global id → canonical JSON line, read by the client as {@code leadbridge export} reads them. */
    static Map<String, String> expectedTopic(Map<String, String> props) {
        List<ConnectionConfig> configs = SourceSettings.connections(props, null, name -> null);
        LeadJsonWriter json = new LeadJsonWriter(false);
        try (LeadbridgeClient client = LeadbridgeClient.builder().connections(configs).build();
             AggregateResult all = client.stream(LeadQuery.ALL)) {
            return all.leads().collect(Collectors.toMap(l -> l.id(), json::toJson));
        }
    }

    /**
     * What one test opened (simulators, started tasks), closed in the order opened when the test ends: a test holds
     * one as an {@code @AutoClose} field (which calls {@link #close()}; not an {@link AutoCloseable}, whose
     * {@code close() throws Exception} javac's {@code -Xlint:try} flags).
     */
    static final class Opened {
        private final List<AutoCloseable> closeLater = new ArrayList<>();

        /** Closes {@code closeable} when the test ends. */
        <T extends AutoCloseable> T later(T closeable) {
            closeLater.add(closeable);
            return closeable;
        }

        /** A task initialized with {@code context} and started, as a worker does; stopped when the test ends. */
        LeadbridgeSourceTask start(Map<String, String> props, Context context) {
            LeadbridgeSourceTask task = new LeadbridgeSourceTask();
            task.initialize(context);
            task.start(props);
            later(task::stop);
            return task;
        }

        /** Closes what was opened, in the order opened. */
        void close() throws Exception {
            for (AutoCloseable c : closeLater) {
                c.close();
            }
        }
    }

    /** A task context over an in-memory offset store. */
    static final class Context implements SourceTaskContext {
        final Map<String, String> configs;
        final Map<Map<String, Object>, Map<String, Object>> committed = new HashMap<>();

        Context(Map<String, String> configs) {
            this.configs = configs;
        }

        /** Commits the offsets of these records as Connect does: per partition, the last one's. */
        void commit(Collection<SourceRecord> records) {
            for (SourceRecord r : records) {
                committed.put(new HashMap<>(r.sourcePartition()), new HashMap<>(r.sourceOffset()));
            }
        }

        @Override
        public Map<String, String> configs() {
            return configs;
        }

        @Override
        public OffsetStorageReader offsetStorageReader() {
            return new OffsetStorageReader() {
                @Override
                public <T> Map<String, Object> offset(Map<String, T> partition) {
                    return committed.get(new HashMap<String, Object>(partition));
                }

                @Override
                public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                    Map<Map<String, T>, Map<String, Object>> out = new LinkedHashMap<>();
                    for (Map<String, T> p : partitions) {
                        out.put(p, offset(p));
                    }
                    return out;
                }
            };
        }

        @Override
        public PluginMetrics pluginMetrics() {
            return null;
        }
    }

    /** Polls until {@code done} holds for what was received (or the timeout passes); every batch is returned. */
    static List<SourceRecord> pollUntil(LeadbridgeSourceTask task, Predicate<List<SourceRecord>> done,
            Duration timeout) throws InterruptedException {
        List<SourceRecord> received = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(received) && System.nanoTime() < deadline) {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                assertThat(batch).isNotEmpty();
                received.addAll(batch);
            }
        }
        return received;
    }
}
