package dev.leadbridge.client;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.error.LeadbridgeException;
import java.util.Objects;

/** What creating a lead on one connection gave: the {@link Created} lead or the {@link Failed} typed error. */
public sealed interface CreateOutcome {

    /** The connection name. */
    String connection();

    /**
     * The lead was created.
     *
     * @param connection the connection name
     * @param lead       the lead as the provider stored it
     */
    record Created(String connection, Lead lead) implements CreateOutcome {
        /** Rejects nulls. */
        public Created {
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(lead, "lead");
        }
    }

    /**
     * Creating failed. An {@link dev.leadbridge.core.error.OutcomeUnknownException} means the lead may exist anyway.
     *
     * @param connection the connection name
     * @param error      the typed error
     */
    record Failed(String connection, LeadbridgeException error) implements CreateOutcome {
        /** Rejects nulls. */
        public Failed {
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(error, "error");
        }
    }
}
