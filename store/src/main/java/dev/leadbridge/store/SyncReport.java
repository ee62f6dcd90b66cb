package dev.leadbridge.store;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one {@link LeadSync#run} did, per connection in the order synced.
 *
 * @param connections one report per connection
 * @param stopped     whether the run was stopped by {@link LeadSync#stop()} before its end
 */
public record SyncReport(List<ConnectionReport> connections, boolean stopped) {

    /** Copies the list. */
    public SyncReport {
        connections = List.copyOf(connections);
    }

    /** How many connections failed. */
    public long failures() {
        return connections.stream().filter(c -> c.outcome() == Outcome.FAILED).count();
    }

    /** The outcome of one connection's sync, as in the {@code sync_runs.outcome} column. */
    public enum Outcome {
        /** Brought up to date. */
        OK,
        /** Failed; what was committed before the failure stays. */
        FAILED,
        /** Its provider cannot do what a sync needs; no failure. */
        SKIPPED;

        /** The column value. */
        public String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One connection's sync.
     *
     * @param connection the connection name
     * @param provider   its provider id
     * @param mode       {@code incremental}, {@code full} or {@code refresh} (by id, for providers that cannot list)
     * @param outcome    ok, failed or skipped
     * @param leadsNew   leads the store did not hold
     * @param updated    leads whose content changed, or that came back after being deleted
     * @param unchanged  leads read again without change
     * @param deleted    leads marked deleted (confirmed gone by the provider)
     * @param requests   provider calls made
     * @param elapsed    how long it took
     * @param error      what failed, one line, or null; with outcome ok, a line starting {@code warning: } says why
     *                   the listing ended early (e.g. a provider that said more pages follow forever)
     */
    public record ConnectionReport(String connection, String provider, String mode, Outcome outcome, long leadsNew,
                                   long updated, long unchanged, long deleted, long requests, Duration elapsed,
                                   String error) {

        /** Checks the required parts. */
        public ConnectionReport {
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(elapsed, "elapsed");
        }
    }
}
