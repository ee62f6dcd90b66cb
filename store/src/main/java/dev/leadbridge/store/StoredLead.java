package dev.leadbridge.store;

import dev.leadbridge.core.Lead;
import java.time.Instant;
import java.util.Objects;

/**
 * A lead as the store holds it: the canonical lead and the store's bookkeeping.
 *
 * @param lead        the canonical lead (instants to the microsecond)
 * @param firstSeenAt when the store first learned of it
 * @param lastSeenAt  when a sync, get or event last showed it
 * @param changedAt   when its content last changed in the store
 * @param deletedAt   when it was found gone upstream, or null
 * @param origin      how the store first learned of it
 */
public record StoredLead(Lead lead, Instant firstSeenAt, Instant lastSeenAt, Instant changedAt, Instant deletedAt,
                         Origin origin) {

    /** Checks that the lead and the non-null bookkeeping are there. */
    public StoredLead {
        Objects.requireNonNull(lead, "lead");
        Objects.requireNonNull(origin, "origin");
    }

    /** Whether the lead is marked deleted upstream. */
    public boolean deleted() {
        return deletedAt != null;
    }
}
