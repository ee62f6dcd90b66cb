package dev.leadbridge.kafka.connect;

import dev.leadbridge.client.AggregateQuery;
import dev.leadbridge.client.AggregateResult;
import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.client.SyncCheckpoint;
import dev.leadbridge.client.SyncResult;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadField;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.canonical.LeadJsonWriter;
import dev.leadbridge.core.error.AuthenticationException;
import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.error.LeadNotFoundException;
import dev.leadbridge.core.error.LeadbridgeException;
import java.time.Duration;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
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
 *
 * <p>Deletions: every {@code full.pass.interval.ms}, right after an incremental pass of a connection ended (in the
 * same thread, so a tombstone can never overtake a record of the same lead), the connection's whole account is listed
 * and compared with the native ids this pump knows for it (the ids it emitted plus those earlier full passes listed).
 * A known id the listing no longer shows is asked for by id: only "not found" ({@link LeadNotFoundException}) gives a
 * tombstone (key = global id, null value, offset = the connection's current checkpoint) and forgets the id; a lead
 * that answers, or any other error, keeps the id for the next pass, so a listing that shifted while it was read never
 * tombstones a living lead. The known ids of a task that starts from a committed offset are learned from its first
 * full pass, run right after its first incremental pass.
 */
final class SyncPump implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncPump.class);
    private static final LeadJsonWriter JSON = new LeadJsonWriter(false);
    private static final long OFFER_WAIT_MS = 100;
    /** The full pass lists ids only: the fewest fields the provider will send, the largest pages it allows. */
    private static final LeadQuery FULL_LISTING =
            LeadQuery.builder().fields(LeadField.UPDATED_AT).pageSize(1000).build();

    private final LeadbridgeClient client;
    private final String topic;
    private final BlockingQueue<SourceRecord> queue;
    private final Duration pollInterval;
    private final Duration retryBackoff;
    private final Duration fullPassInterval;
    private final Map<String, SyncCheckpoint> checkpoints = new ConcurrentHashMap<>();
    /**
     * Per connection, the native ids known to be in the topic. Each set is only touched by its connection's passes,
     * which never run at the same time (the next is scheduled when one ends), so a plain set is enough.
     */
    private final Map<String, Set<String>> known = new ConcurrentHashMap<>();
    /** Per connection, the {@link System#nanoTime()} after which the next full pass is due. */
    private final Map<String, Long> fullPassDue = new ConcurrentHashMap<>();
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
        this.fullPassInterval = settings.fullPassInterval;
        this.checkpoints.putAll(start);
        long now = System.nanoTime();
        start.forEach((connection, checkpoint) -> {
            known.put(connection, new HashSet<>());
            // from the initial checkpoint the first incremental pass emits (and so learns) every lead: the first
            // full pass can wait an interval; from a committed offset it runs right after the first pass
            boolean fromScratch = checkpoint.connection().isEmpty();
            fullPassDue.put(connection, fromScratch ? now + fullPassInterval.toNanos() : now);
        });
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
        try {
            if (!incremental(connection) || (fullPassDueNow(connection) && !fullPass(connection))) {
                return;
            }
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

    /**
     * One incremental pass from the connection's checkpoint to the end of its listing.
     *
     * @return false once stopped
     */
    private boolean incremental(String connection) throws InterruptedException {
        try (SyncResult sync = client.changesSince(connection, checkpoints.get(connection), LeadQuery.ALL)) {
            Iterator<Lead> leads = sync.iterator();
            while (leads.hasNext()) {
                Lead lead = leads.next();
                // look ahead, so the last lead carries the final checkpoint (a provider that cannot sort on its
                // server only advances it once the listing is exhausted)
                leads.hasNext();
                SyncCheckpoint after = sync.next();
                if (!offer(record(connection, lead, after))) {
                    return false;
                }
                checkpoints.put(connection, after);
                if (!fullPassInterval.isZero()) {
                    known.get(connection).add(lead.nativeId());
                }
            }
            checkpoints.put(connection, sync.next());
            for (String warning : sync.warnings()) {
                LOG.warn("connection '{}': {}", connection, warning);
            }
            LOG.debug("connection '{}': pass done, {} leads", connection, sync.delivered());
            return true;
        }
    }

    private boolean fullPassDueNow(String connection) {
        return !fullPassInterval.isZero() && System.nanoTime() - fullPassDue.get(connection) >= 0;
    }

    /**
     * Lists the connection's whole account, learns the ids it did not know, confirms each known id the listing no
     * longer shows by a get and emits a tombstone for each the provider says is gone. A listing that fails throws
     * (the pass is retried after the next incremental pass); a get that fails keeps its id for the next full pass.
     *
     * @return false once stopped
     */
    private boolean fullPass(String connection) throws InterruptedException {
        Set<String> ids = known.get(connection);
        // a sorted snapshot shares the strings with the set: about 4-8 bytes per id, plus a bit for "listed"
        String[] before = ids.toArray(new String[0]);
        Arrays.sort(before);
        BitSet listed = new BitSet(before.length);
        int learned = 0;
        AggregateQuery query = AggregateQuery.of(FULL_LISTING).withConnections(connection).withFailFast(true);
        try (AggregateResult all = client.stream(query); Stream<Lead> leads = all.leads()) {
            Iterator<Lead> it = leads.iterator();
            while (it.hasNext()) {
                if (stopped) {
                    return false;
                }
                String nativeId = it.next().nativeId();
                int at = Arrays.binarySearch(before, nativeId);
                if (at >= 0) {
                    listed.set(at);
                } else if (ids.add(nativeId)) {
                    learned++;
                }
            }
        }
        int gone = 0;
        int alive = 0;
        int unsure = 0;
        for (int i = listed.nextClearBit(0); i < before.length; i = listed.nextClearBit(i + 1)) {
            if (stopped) {
                return false;
            }
            String nativeId = before[i];
            try {
                client.connection(connection).getFresh(nativeId);
                alive++;
            } catch (LeadNotFoundException e) {
                if (!offer(tombstone(connection, nativeId))) {
                    return false;
                }
                ids.remove(nativeId);
                gone++;
            } catch (AuthenticationException | ConfigurationException e) {
                throw e;
            } catch (LeadbridgeException e) {
                LOG.debug("connection '{}': lead {} not listed and not confirmed gone ({}); kept for the next full"
                        + " pass", connection, nativeId, e.getMessage());
                unsure++;
            }
        }
        fullPassDue.put(connection, System.nanoTime() + fullPassInterval.toNanos());
        LOG.info("connection '{}': full pass done: {} ids known, {} learned, {} deleted upstream (tombstones), {} not"
                + " listed but still there, {} not confirmed (kept)", connection, ids.size(), learned, gone, alive,
                unsure);
        return true;
    }

    private SourceRecord tombstone(String connection, String nativeId) {
        return new SourceRecord(Offsets.partition(connection), Offsets.offset(checkpoints.get(connection)), topic,
                null, Schema.STRING_SCHEMA, connection + ":" + nativeId, Schema.OPTIONAL_STRING_SCHEMA, null, null);
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

    /**
     * A lead's record, without a timestamp of its own: Kafka stamps it with the time it is written. The lead's
     * {@code updatedAt} (in the value) is mostly weeks old, and a topic with time-based retention (Kafka's default for
     * a new topic) would delete such records at its next retention check.
     */
    private SourceRecord record(String connection, Lead lead, SyncCheckpoint after) {
        return new SourceRecord(Offsets.partition(connection), Offsets.offset(after), topic, null,
                Schema.STRING_SCHEMA, lead.id(), Schema.OPTIONAL_STRING_SCHEMA, JSON.toJson(lead), null);
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
