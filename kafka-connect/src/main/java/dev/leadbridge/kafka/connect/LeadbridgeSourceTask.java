package dev.leadbridge.kafka.connect;

import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.client.SyncCheckpoint;
import dev.leadbridge.core.error.LeadbridgeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task of {@link LeadbridgeSourceConnector}: syncs the connections it was given, whole, each resuming from the
 * checkpoint in its committed source offset ({@code {"connection": name}} → {@code {"checkpoint": text}}). The
 * syncs run in background threads feeding a bounded buffer; {@link #poll()} returns what is buffered and waits at
 * most a fraction of a second when nothing is. Created by Connect through its no-argument constructor.
 */
public final class LeadbridgeSourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(LeadbridgeSourceTask.class);
    private static final long POLL_WAIT_MS = 200;

    private LeadbridgeClient client;
    private SyncPump pump;
    private BlockingQueue<SourceRecord> queue;
    private int batchMax;

    /** A task; Connect configures it through {@link #start(Map)}. */
    public LeadbridgeSourceTask() {
    }

    /** The version of the connector this task belongs to. */
    @Override
    public String version() {
        return Version.VERSION;
    }

    /**
     * Reads the configuration, opens the task's connections and starts syncing each from its committed offset.
     *
     * @throws ConnectException when the configuration or a committed offset cannot be read
     */
    @Override
    public void start(Map<String, String> props) {
        SourceSettings settings = SourceSettings.parse(props);
        String owned = props.getOrDefault(SourceSettings.TASK_CONNECTIONS, "");
        List<String> names = owned.isBlank() ? List.of() : Arrays.asList(owned.split(","));
        try {
            client = LeadbridgeClient.builder()
                    .connections(SourceSettings.connections(props, names, System::getenv))
                    .build();
            List<Map<String, String>> partitions = new ArrayList<>();
            for (String name : names) {
                partitions.add(Offsets.partition(name));
            }
            Map<Map<String, String>, Map<String, Object>> offsets =
                    context.offsetStorageReader().offsets(partitions);
            Map<String, SyncCheckpoint> start = new LinkedHashMap<>();
            for (String name : names) {
                Map<String, Object> offset = offsets == null ? null : offsets.get(Offsets.partition(name));
                SyncCheckpoint checkpoint = Offsets.checkpoint(offset);
                start.put(name, checkpoint);
                LOG.info("connection '{}': starting from {}", name, checkpoint);
            }
            batchMax = settings.batchMaxRecords;
            queue = new ArrayBlockingQueue<>(Math.max(16, settings.batchMaxRecords * 4));
            pump = new SyncPump(client, start, settings, queue);
            pump.start();
        } catch (LeadbridgeException | IllegalArgumentException e) {
            stop();
            throw new ConnectException("Leadbridge task cannot start: " + e.getMessage(), e);
        }
    }

    /**
     * The records buffered so far (at most {@code batch.max.records}), or null when none arrived within a fraction
     * of a second.
     *
     * @throws ConnectException when a connection's key or configuration was refused (the task stops)
     */
    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        LeadbridgeException failure = pump.failure();
        if (failure != null) {
            throw new ConnectException("Leadbridge sync stopped: " + failure.getMessage(), failure);
        }
        SourceRecord first = queue.poll(POLL_WAIT_MS, TimeUnit.MILLISECONDS);
        if (first == null) {
            return null;
        }
        List<SourceRecord> batch = new ArrayList<>(Math.min(batchMax, queue.size() + 1));
        batch.add(first);
        queue.drainTo(batch, batchMax - 1);
        return batch;
    }

    /** Stops the sync threads and closes the connections. Idempotent. */
    @Override
    public void stop() {
        if (pump != null) {
            pump.close();
        }
        if (client != null) {
            client.close();
        }
    }
}
