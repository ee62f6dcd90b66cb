package dev.leadbridge.client;

import dev.leadbridge.core.error.LeadbridgeException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How one connection of an aggregation went: {@link Ok}, {@link Failed} with the typed error, or {@link Skipped}
 * because it cannot take part (e.g. its provider cannot list leads). Partial failure is the normal case: a failed
 * connection does not stop the others unless the aggregation is fail-fast.
 */
public sealed interface ConnectionOutcome {

    /** The connection name. */
    String connection();

    /** Whether this outcome is a {@link Failed}. */
    default boolean failed() {
        return this instanceof Failed;
    }

    /**
     * Every lead of the connection was fetched.
     *
     * @param connection the connection name
     * @param leads      leads fetched (after de-duplication)
     * @param pages      pages fetched
     * @param retries    calls the connection's resilience layer retried, 0 when it does not report them
     * @param elapsed    time from the first request to the last page
     * @param warnings   what the reader should know although nothing failed, each once: why a listing ended early
     *                   (pages that brought nothing new), fewer distinct leads than the provider reported, fields
     *                   read as null because of a wrong type (see {@code docs/listing.md}); empty when none
     */
    record Ok(String connection, long leads, int pages, int retries, Duration elapsed, List<String> warnings)
            implements ConnectionOutcome {
        /** Rejects nulls; copies the warnings. */
        public Ok {
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(elapsed, "elapsed");
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
        }

        /** An outcome without warnings. */
        public Ok(String connection, long leads, int pages, int retries, Duration elapsed) {
            this(connection, leads, pages, retries, elapsed, List.of());
        }
    }

    /**
     * The connection failed; the leads fetched before the failure were still delivered.
     *
     * @param connection         the connection name
     * @param error              the typed error
     * @param leadsBeforeFailure leads fetched before the failure
     * @param pages              pages fetched before the failure
     * @param retries            calls retried, 0 when the resilience layer does not report them
     * @param elapsed            time until the failure
     * @param warnings           what the pages read before the failure warned about (as for {@link Ok}), each once
     */
    record Failed(String connection, LeadbridgeException error, long leadsBeforeFailure, int pages, int retries,
                  Duration elapsed, List<String> warnings) implements ConnectionOutcome {
        /** Rejects nulls; copies the warnings. */
        public Failed {
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(elapsed, "elapsed");
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
        }

        /** A failure without warnings. */
        public Failed(String connection, LeadbridgeException error, long leadsBeforeFailure, int pages, int retries,
                      Duration elapsed) {
            this(connection, error, leadsBeforeFailure, pages, retries, elapsed, List.of());
        }
    }

    /**
     * The connection did not take part, e.g. because its provider cannot list leads; not a failure.
     *
     * @param connection the connection name
     * @param reason     why, in words
     */
    record Skipped(String connection, String reason) implements ConnectionOutcome {
        /** Rejects nulls. */
        public Skipped {
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
