package dev.leadbridge.kafka.connect;

import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.client.SyncCheckpoint;
import dev.leadbridge.client.SyncResult;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.canonical.LeadJsonWriter;
import dev.leadbridge.core.error.AuthenticationException;
import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.error.LeadbridgeException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the client's incremental sync of a task's connections in background threads and turns each lead into a
 * {@link SourceRecord} on a bounded queue that {@code poll()} drains, so {@code poll()} never waits on HTTP and the
 * rate budgets (the client's resilience layer) pace the threads, not Connect. Each record carries the checkpoint past
 * its lead as its source offset: the committed offset of a connection is always the position right after the last
 * lead Kafka has. A pass that reached the end of the listing is followed by the next after the poll interval; a
 * failed one is retried from the checkpoint after the backoff; a wrong key or configuration stops the task (the
 * operator must fix it), reported by {@link #failure()}.
 */
final class SyncPump implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncPump.class);
    private static final LeadJsonWriter JSON = new LeadJsonWriter(false);
    private static final long OFFER_WAIT_MS = 100;

    private final LeadbridgeClient client;
    private final String topic;
    private final BlockingQueue<SourceRecord> queue;
    private final Duration pollInterval;
    private final Duration retryBackoff;
    private final Map<String, SyncCheckpoint> checkpoints = new ConcurrentHashMap<>();
    private final ScheduledExecutorService executor;
    private final AtomicReference<LeadbridgeException> failure = new AtomicReference<>();
    private volatile boolean stopped;

    SyncPump(LeadbridgeClient client, Map<String, SyncCheckpoint> start, SourceSettings settings,
            BlockingQueue<SourceRecord> queue) {
        this.client = client;
        this.topic = settings.topic;
        this.queue = queue;
        this.pollInterval = settings.pollInterval;
        this.retryBackoff = settings.retryBackoff;
        this.checkpoints.putAll(start);
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(
                Math.max(1, Math.min(settings.syncThreads, start.size())), r -> {
                    Thread t = new Thread(r, "leadbridge-connect-sync-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.setRemoveOnCancelPolicy(true);
        this.executor = pool;
    }

    /** Starts the first pass of every connection. */
    void start() {
        for (String connection : checkpoints.keySet()) {
            executor.execute(() -> pass(connection));
        }
    }

    /** The error that stopped this pump (bad key, bad configuration), or null. */
    LeadbridgeException failure() {
        return failure.get();
    }

    private void pass(String connection) {
        if (stopped) {
            return;
        }
        Duration next = pollInterval;
        try (SyncResult sync = client.changesSince(connection, checkpoints.get(connection), LeadQuery.ALL)) {
            Iterator<Lead> leads = sync.iterator();
            while (leads.hasNext()) {
                Lead lead = leads.next();
                // look ahead, so the last lead carries the final checkpoint (a provider that cannot sort on its
                // server only advances it once the listing is exhausted)
                leads.hasNext();
                SyncCheckpoint after = sync.next();
                if (!offer(record(connection, lead, after))) {
                    return;
                }
                checkpoints.put(connection, after);
            }
            checkpoints.put(connection, sync.next());
            for (String warning : sync.warnings()) {
                LOG.warn("connection '{}': {}", connection, warning);
            }
            LOG.debug("connection '{}': pass done, {} leads", connection, sync.delivered());
        } catch (AuthenticationException | ConfigurationException e) {
            LOG.error("connection '{}': {}; the task stops", connection, e.getMessage());
            failure.compareAndSet(null, e);
            return;
        } catch (LeadbridgeException e) {
            LOG.warn("connection '{}': sync pass failed ({}); retrying from its checkpoint in {} ms", connection,
                    e.getMessage(), retryBackoff.toMillis());
            next = retryBackoff;
        } catch (RuntimeException e) {
            LOG.warn("connection '{}': sync pass failed ({}); retrying from its checkpoint in {} ms", connection,
                    e.toString(), retryBackoff.toMillis());
            next = retryBackoff;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!stopped) {
            executor.schedule(() -> pass(connection), next.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Waits for room in the queue; false once stopped. */
    private boolean offer(SourceRecord record) throws InterruptedException {
        while (!stopped) {
            if (queue.offer(record, OFFER_WAIT_MS, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }

    private SourceRecord record(String connection, Lead lead, SyncCheckpoint after) {
        Long timestamp = lead.updatedAt() == null ? null : lead.updatedAt().toEpochMilli();
        return new SourceRecord(Offsets.partition(connection), Offsets.offset(after), topic, null,
                Schema.STRING_SCHEMA, lead.id(), Schema.OPTIONAL_STRING_SCHEMA, JSON.toJson(lead), timestamp);
    }

    /** Stops the passes and waits briefly for the threads to leave. The client is the caller's to close. */
    @Override
    public void close() {
        stopped = true;
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("sync threads still running after 5 s; they stop at their next request");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
