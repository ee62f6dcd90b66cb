package dev.leadbridge.kafka.connect;

import dev.leadbridge.testkit.octanist.OctanistSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * What the embedded-cluster tests share: the plugin archive installed as a worker's plugin.path, a cluster with
 * exactly-once source support, the connector's configuration for Octanist simulators, and reading the topic as a
 * read_committed consumer does.
 */
final class EmbeddedConnectClusterITSupport {

    static final Map<String, Object> READ_COMMITTED = Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");

    private EmbeddedConnectClusterITSupport() {
    }

    /**
     * One KRaft broker and {@code workers} distributed workers with {@code exactly.once.source.support=enabled}, the
     * plugin from the unpacked archive on {@code plugin.path}; not started yet.
     */
    static EmbeddedConnectCluster exactlyOnceCluster(String name, int workers) throws IOException {
        Map<String, String> workerProps = new HashMap<>();
        workerProps.put(DistributedConfig.EXACTLY_ONCE_SOURCE_SUPPORT_CONFIG, "enabled");
        workerProps.put("plugin.path", unpackPluginArchive().toString());
        // the archive has the ServiceLoader manifest: no reflective scan of the class path and plugin path
        workerProps.put("plugin.discovery", "service_load");
        workerProps.put("offset.flush.interval.ms", "500");
        Properties brokerProps = new Properties();
        brokerProps.put("transaction.state.log.replication.factor", "1");
        brokerProps.put("transaction.state.log.min.isr", "1");
        return new EmbeddedConnectCluster.Builder()
                .name(name)
                .numWorkers(workers)
                .numBrokers(1)
                .workerProps(workerProps)
                .brokerProps(brokerProps)
                .build();
    }

    /**
     * Creates the leads topic as a user who takes Kafka's defaults would: time-based retention (7 days). The records
     * are stamped when written, so none of them expires while a test runs (with the leads' {@code updatedAt} as
     * timestamp, mostly weeks old, the broker deleted a third of them at its first retention check).
     */
    static void createTopicWithDefaultRetention(EmbeddedConnectCluster connect, String topic, int partitions) {
        connect.kafka().createTopic(topic, partitions, 1, Map.of());
    }

    /** The connector's configuration: one Octanist connection per simulator, string converters, exactly-once. */
    static Map<String, String> connectorConfig(String topic, int tasksMax, Map<String, OctanistSimulator> accounts) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "dev.leadbridge.kafka.connect.LeadbridgeSourceConnector");
        config.put("tasks.max", String.valueOf(tasksMax));
        config.put("topic", topic);
        config.put("exactly.once.support", "required");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("batch.max.records", "50");
        accounts.forEach((name, sim) -> {
            config.put("connections." + name + ".provider", "octanist");
            config.put("connections." + name + ".base-url", sim.baseUrl());
            config.put("connections." + name + ".api-key", sim.apiKey());
        });
        return config;
    }

    /** Every committed record of the topic, in offset order per partition. */
    static List<ConsumerRecord<byte[], byte[]>> readCommitted(EmbeddedConnectCluster connect, String topic)
            throws Exception {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        connect.kafka().consumeAll(30_000, READ_COMMITTED, null, topic).forEach(out::add);
        return out;
    }

    /**
     * Reads the topic until {@code done} holds for its committed records and returns them; fails (never skips) when
     * it does not hold within {@code timeout}.
     */
    static List<ConsumerRecord<byte[], byte[]>> waitFor(EmbeddedConnectCluster connect, String topic,
            Predicate<List<ConsumerRecord<byte[], byte[]>>> done, Duration timeout, String what)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<byte[], byte[]>> records = readCommitted(connect, topic);
        while (!done.test(records)) {
            if (System.nanoTime() - deadline > 0) {
                Map<String, Integer> perConnection = new java.util.TreeMap<>();
                records.forEach(r -> perConnection.merge(key(r).substring(0, key(r).indexOf(':')), 1, Integer::sum));
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what + " (topic " + topic
                        + " has " + records.size() + " records, per connection " + perConnection + ")");
            }
            Thread.sleep(250);
            records = readCommitted(connect, topic);
        }
        return records;
    }

    /** A record's key: the global id. */
    static String key(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.key(), StandardCharsets.UTF_8);
    }

    /** A record's value (the lead's JSON), or null for a tombstone. */
    static String value(ConsumerRecord<byte[], byte[]> record) {
        return record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
    }

    /** target/leadbridge-kafka-connect-<version>.zip unpacked into a fresh plugin.path directory. */
    static Path unpackPluginArchive() throws IOException {
        Path target = Path.of("target");
        Path zip;
        try (Stream<Path> files = Files.list(target)) {
            zip = files.filter(p -> p.getFileName().toString().matches("leadbridge-kafka-connect-.*\\.zip"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no plugin archive in target/"));
        }
        Path plugins = Files.createTempDirectory(target, "plugin-path-");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path out = plugins.resolve(e.getName()).normalize();
                if (!out.startsWith(plugins)) {
                    throw new IOException("entry outside the archive root: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy((InputStream) in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return plugins;
    }
}
