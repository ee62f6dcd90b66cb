package dev.leadbridge.provider.nexor.internal;

import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.MalformedResponseException;
import dev.leadbridge.core.spi.StatusMapping;
import dev.leadbridge.provider.nexor.internal.dto.NexorStatusDto;
import java.util.Locale;

/**
 * What reading a lead needs besides the JSON: where errors happened and the status mapping of the connection.
 *
 * @param details    provider and connection, for errors
 * @param statusKeys the mapping of workflow status keys to canonical statuses (with the connection's overrides)
 */
record NexorReadContext(ErrorDetails details, StatusMapping statusKeys) {

    /**
     * The canonical status of a current workflow status: by {@code key} first, then by {@code category}
     * ({@code won}, {@code lost}); OPEN when there is no workflow status, else UNKNOWN.
     */
    LeadStatus statusOf(NexorStatusDto current) {
        if (current == null) {
            return LeadStatus.OPEN;
        }
        LeadStatus byKey = statusKeys.categoryOf(current.key());
        if (byKey != LeadStatus.UNKNOWN) {
            return byKey;
        }
        String category = current.category() == null ? "" : current.category().trim().toLowerCase(Locale.ROOT);
        return switch (category) {
            case "won" -> LeadStatus.WON;
            case "lost" -> LeadStatus.LOST;
            default -> LeadStatus.UNKNOWN;
        };
    }

    /** A malformed-response error naming what was wrong. */
    MalformedResponseException malformed(String what) {
        return new MalformedResponseException("the Nexor answer does not have the documented shape: " + what,
                details);
    }
}
