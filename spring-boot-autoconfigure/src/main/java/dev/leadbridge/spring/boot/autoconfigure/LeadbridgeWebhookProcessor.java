package dev.leadbridge.spring.boot.autoconfigure;

import dev.leadbridge.core.api.WebhookEvent;
import dev.leadbridge.store.WebhookInbox;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.SmartLifecycle;

/**
 * Stores the leads of recorded webhook events on one daemon thread of its own, after the delivery was acknowledged
 * (an event that names only a lead id costs a get at the provider, which must not hold the provider's request). At
 * start, and then every retry interval, it processes what is still pending or failed
 * ({@link WebhookInbox#processPending()}): what a previous run acknowledged but did not store, and what failed. When
 * more than {@value #MAX_QUEUED} events wait, or after stop, an event stays pending for that pass. Starts before and
 * stops after the web server, so that events received until the server stops are processed.
 */
public class LeadbridgeWebhookProcessor implements SmartLifecycle {

    /** The most events waiting to be processed at once; more stay pending until the next pass. */
    public static final int MAX_QUEUED = 10_000;

    private static final System.Logger LOG = System.getLogger(LeadbridgeWebhookProcessor.class.getName());

    private final WebhookInbox inbox;
    private final Duration retryInterval;
    private final AtomicInteger queued = new AtomicInteger();
    private volatile ScheduledExecutorService executor;

    /**
     * A processor of {@code inbox}.
     *
     * @param retryInterval time from the end of one pass over pending events to the next; zero runs only the pass at
     *                      start
     */
    public LeadbridgeWebhookProcessor(WebhookInbox inbox, Duration retryInterval) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.retryInterval = Objects.requireNonNull(retryInterval, "retryInterval");
    }

    /** Queues a recorded event for processing; it stays pending when the processor is stopped or full. */
    public void submit(WebhookEvent event) {
        Objects.requireNonNull(event, "event");
        ScheduledExecutorService running = executor;
        if (running == null || queued.incrementAndGet() > MAX_QUEUED) {
            if (running != null) {
                queued.decrementAndGet();
            }
            return;
        }
        try {
            running.execute(() -> {
                queued.decrementAndGet();
                try {
                    inbox.process(event);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "webhook event of {0} not stored: {1}", event.connection(),
                            e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            queued.decrementAndGet();
        }
    }

    /** Processes every pending or failed event now, on the caller's thread; returns how many are done. */
    public int processPending() {
        return inbox.processPending();
    }

    /** Starts the thread and the first pass over pending events. */
    @Override
    public void start() {
        if (executor != null) {
            return;
        }
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "leadbridge-webhooks");
            t.setDaemon(true);
            return t;
        });
        if (retryInterval.isZero()) {
            started.execute(this::processPendingLogged);
        } else {
            started.scheduleWithFixedDelay(this::processPendingLogged, 0, retryInterval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        executor = started;
    }

    /** Stops the thread; events not processed yet stay pending for the next start. */
    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    /** Whether the thread runs. */
    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** Below the web server's phase: started before it, stopped after it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private void processPendingLogged() {
        try {
            int done = processPending();
            if (done > 0) {
                LOG.log(System.Logger.Level.INFO, "leadbridge webhooks: {0} pending events stored", done);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "leadbridge webhooks: pending events not processed: "
                    + e.getMessage());
        }
    }
}
