package dev.leadbridge.cli;

import dev.leadbridge.client.ConnectionOutcome;
import dev.leadbridge.core.error.LeadbridgeException;
import java.time.Duration;
import java.util.List;

/**
 * One row of the per-connection summary: outcome, leads, pages, retries and time. A null number is unknown (shown as
 * {@code -}), e.g. the pages of an incremental sync.
 *
 * @param connection the connection name
 * @param kind       ok, failed or skipped
 * @param leads      leads written (before the failure, for a failed one), or null
 * @param pages      pages fetched, or null
 * @param retries    calls retried, or null
 * @param elapsed    time taken, or null
 * @param outcome    the outcome in words
 * @param error      the error of a failed connection, else null
 * @param warnings   what went wrong without failing the connection (an endless listing ended, fewer leads than
 *                   reported, fields of the wrong type read as null), each once
 */
record ConnectionSummary(String connection, Kind kind, Long leads, Integer pages, Integer retries, Duration elapsed,
                         String outcome, LeadbridgeException error, List<String> warnings) {

    /** Copies the warnings. */
    ConnectionSummary {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A row without warnings. */
    ConnectionSummary(String connection, Kind kind, Long leads, Integer pages, Integer retries, Duration elapsed,
                      String outcome, LeadbridgeException error) {
        this(connection, kind, leads, pages, retries, elapsed, outcome, error, List.of());
    }

    /** How a connection went. */
    enum Kind { OK, FAILED, SKIPPED }

    /** The row for an outcome reported by the client. */
    static ConnectionSummary of(ConnectionOutcome outcome) {
        if (outcome instanceof ConnectionOutcome.Ok ok) {
            return new ConnectionSummary(ok.connection(), Kind.OK, ok.leads(), ok.pages(), ok.retries(), ok.elapsed(),
                    ok.warnings().isEmpty() ? "ok" : "ok, " + ok.warnings().size()
                            + (ok.warnings().size() == 1 ? " warning" : " warnings"), null, ok.warnings());
        }
        if (outcome instanceof ConnectionOutcome.Failed f) {
            return new ConnectionSummary(f.connection(), Kind.FAILED, f.leadsBeforeFailure(), f.pages(), f.retries(),
                    f.elapsed(), "FAILED", f.error(), f.warnings());
        }
        ConnectionOutcome.Skipped s = (ConnectionOutcome.Skipped) outcome;
        return new ConnectionSummary(s.connection(), Kind.SKIPPED, null, null, null, null, "skipped: " + s.reason(),
                null, null);
    }

    /** A copy with pages and retries unknown. */
    ConnectionSummary withoutPages() {
        return new ConnectionSummary(connection, kind, leads, null, null, elapsed, outcome, error, warnings);
    }
}
