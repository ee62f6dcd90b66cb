package dev.leadbridge.spring.boot.autoconfigure;

import dev.leadbridge.store.LeadSync;
import dev.leadbridge.store.SyncReport;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.SmartLifecycle;

/**
 * Runs a {@link LeadSync} of every connection on a schedule, on one daemon thread of its own: the first run after
 * the initial delay, each next one the interval after the previous one ended (runs never overlap). A failing run is
 * logged and the schedule goes on; stopping the application stops a run in progress between two batches.
 */
public class LeadbridgeSyncScheduler implements SmartLifecycle {

    private static final System.Logger LOG = System.getLogger(LeadbridgeSyncScheduler.class.getName());

    private final LeadSync sync;
    private final Duration initialDelay;
    private final Duration interval;
    private final AtomicReference<SyncReport> lastReport = new AtomicReference<>();
    private volatile ScheduledExecutorService executor;

    /**
     * A scheduler of {@code sync}.
     *
     * @param initialDelay time from start to the first run
     * @param interval     time from the end of a run to the next; zero or negative runs nothing
     */
    public LeadbridgeSyncScheduler(LeadSync sync, Duration initialDelay, Duration interval) {
        this.sync = Objects.requireNonNull(sync, "sync");
        this.initialDelay = Objects.requireNonNull(initialDelay, "initialDelay");
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    /** The report of the last run that finished, if any. */
    public Optional<SyncReport> lastReport() {
        return Optional.ofNullable(lastReport.get());
    }

    /** Runs one sync of every connection now, on the caller's thread, and returns its report. */
    public SyncReport runOnce() {
        SyncReport report = sync.run();
        lastReport.set(report);
        return report;
    }

    /** Starts the schedule (nothing when the interval is zero). */
    @Override
    public void start() {
        if (interval.isZero() || interval.isNegative() || executor != null) {
            return;
        }
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "leadbridge-sync");
            t.setDaemon(true);
            return t;
        });
        started.scheduleWithFixedDelay(this::runLogged, Math.max(0, initialDelay.toMillis()), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        executor = started;
    }

    /** Stops the schedule and a run in progress. */
    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            sync.stop();
            running.shutdownNow();
        }
    }

    /** Whether the schedule runs. */
    @Override
    public boolean isRunning() {
        return executor != null;
    }

    private void runLogged() {
        try {
            SyncReport report = runOnce();
            LOG.log(report.failures() == 0 ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
                    "leadbridge sync: {0} connections, {1} failed", report.connections().size(), report.failures());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "leadbridge sync failed: " + e.getMessage());
        }
    }
}
