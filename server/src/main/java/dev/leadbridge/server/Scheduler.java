package dev.leadbridge.server;

import dev.leadbridge.core.api.WebhookEvent;
import dev.leadbridge.core.error.SafeText;
import dev.leadbridge.store.LeadSync;
import dev.leadbridge.store.SyncReport;
import dev.leadbridge.store.SyncReport.ConnectionReport;
import dev.leadbridge.store.WebhookInbox;
import dev.leadbridge.store.WebhookInbox.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The server's background work, on two threads: {@code leadbridge-sync} runs a sync at start and then every
 * {@code every} (fixed delay, never two at once); {@code leadbridge-inbox} stores the leads of acknowledged events
 * one after another, processes what is pending at start, and what is due every {@code inboxEvery}. Keeps each
 * connection's last sync for {@code /health}.
 */
final class Scheduler {

    /** Events waiting for the inbox thread beyond this are left pending, for {@link WebhookInbox#processDue()}. */
    static final int MAX_QUEUED = 10_000;
    /** Events whose leads are stored in one transaction. */
    static final int BATCH = 100;

    /** A connection's last sync. */
    record Last(Instant at, String outcome, String error) {
    }

    /** What {@code /health} answers. */
    record Health(boolean ok, String json) {
    }

    private final LeadSync sync;
    private final WebhookInbox inbox;
    private final ServerMeters meters;
    private final Duration every;
    private final Duration inboxEvery;
    private final Consumer<String> log;
    private final Map<String, Last> last = new ConcurrentHashMap<>();
    private final Map<String, String> providers = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor syncThread = executor("leadbridge-sync");
    private final ScheduledThreadPoolExecutor inboxThread = executor("leadbridge-inbox");
    private final BlockingQueue<WebhookEvent> waiting = new ArrayBlockingQueue<>(MAX_QUEUED);
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    Scheduler(LeadSync sync, WebhookInbox inbox, ServerMeters meters, Duration every, Duration inboxEvery,
              Consumer<String> log) {
        this.sync = sync;
        this.inbox = inbox;
        this.meters = meters;
        this.every = every;
        this.inboxEvery = inboxEvery;
        this.log = log;
    }

    private static ScheduledThreadPoolExecutor executor(String name) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    void start() {
        inboxThread.execute(() -> guarded("processing the pending webhook events", () -> {
            int done = inbox.processPending();
            if (done > 0) {
                log.accept("serve: " + done + " pending webhook " + (done == 1 ? "event" : "events") + " stored");
            }
        }));
        inboxThread.scheduleWithFixedDelay(() -> guarded("processing the due webhook events", inbox::processDue),
                inboxEvery.toMillis(), inboxEvery.toMillis(), TimeUnit.MILLISECONDS);
        syncThread.scheduleWithFixedDelay(this::syncOnce, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stores the lead of an event just acknowledged, on the inbox thread, with the others waiting (up to
     * {@link #BATCH} in one transaction); left pending for {@link WebhookInbox#processDue()} when too many wait.
     */
    void process(WebhookEvent event) {
        if (inboxThread.isShutdown() || !waiting.offer(event)) {
            return;
        }
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                inboxThread.execute(this::drain);
            } catch (RejectedExecutionException e) {
                waiting.clear();   // shutting down: the rows stay pending for the next start
            }
        }
    }

    private void drain() {
        drainScheduled.set(false);
        List<WebhookEvent> batch = new ArrayList<>(BATCH);
        while (waiting.drainTo(batch, BATCH) > 0) {
            guarded("storing the leads of webhooks", () -> {
                List<Status> statuses = inbox.processAll(batch);
                for (int i = 0; i < batch.size(); i++) {
                    meters.processed(batch.get(i).connection(), statuses.get(i));
                }
            });
            batch.clear();
        }
    }

    private void syncOnce() {
        try {
            SyncReport report = sync.run();
            for (ConnectionReport r : report.connections()) {
                providers.put(r.connection(), r.provider());
                last.put(r.connection(), new Last(Instant.now(), r.outcome().column(), r.error()));
                meters.sync(r);
                log.accept(String.format(Locale.ROOT, "serve: sync %s (%s, %s): %,d new, %,d updated, %,d deleted,"
                        + " %,d requests, %s%s", r.connection(), r.provider(), r.mode(), r.leadsNew(), r.updated(),
                        r.deleted(), r.requests(), r.outcome().column(), r.error() == null ? "" : ": " + r.error()));
            }
        } catch (RuntimeException e) {
            String error = SafeText.message(String.valueOf(e.getMessage()));
            for (String name : sync.connectionNames()) {
                last.put(name, new Last(Instant.now(), "failed", error));
            }
            log.accept("serve: sync failed: " + error);
        }
    }

    private void guarded(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.accept("serve: " + what + " failed: " + SafeText.message(String.valueOf(e.getMessage()))
                    + " (retried later)");
        }
    }

    /** Each connection's last sync; ok when every connection's last sync is ok or skipped. */
    Health health() {
        StringBuilder json = new StringBuilder("{\"connections\":[");
        boolean ok = true;
        boolean first = true;
        for (String name : sync.connectionNames()) {
            Last l = last.get(name);
            boolean fine = l != null && (l.outcome().equals("ok") || l.outcome().equals("skipped"));
            ok &= fine;
            json.append(first ? "" : ",").append("{\"connection\":").append(Json.string(name))
                    .append(",\"provider\":").append(Json.string(providers.get(name)))
                    .append(",\"last_sync_at\":").append(Json.string(l == null ? null : l.at().toString()))
                    .append(",\"outcome\":").append(Json.string(l == null ? "not yet synced" : l.outcome()))
                    .append(",\"error\":").append(Json.string(l == null ? null : l.error())).append('}');
            first = false;
        }
        json.append("],\"status\":").append(Json.string(ok ? "ok" : "failing")).append('}');
        return new Health(ok, json.toString());
    }

    /**
     * Stops the schedule: the sync stops after its current transaction, the inbox thread after its current event
     * (events still queued stay pending in the store, processed at the next start).
     */
    void stop(Duration wait) {
        sync.stop();
        syncThread.shutdown();
        waiting.clear();
        inboxThread.getQueue().clear();
        inboxThread.shutdown();
        try {
            long deadline = System.nanoTime() + wait.toNanos();
            syncThread.awaitTermination(wait.toNanos(), TimeUnit.NANOSECONDS);
            inboxThread.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
