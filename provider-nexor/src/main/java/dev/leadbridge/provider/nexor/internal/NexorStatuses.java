package dev.leadbridge.provider.nexor.internal;

import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.spi.StatusMapping;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Nexor's default status table: workflow status key (any case) to canonical category; the first key of a category
 * is the one written. A connection overrides single keys with {@code status.<key> = CATEGORY}.
 */
public final class NexorStatuses {

    /** {@code new}, {@code contacted}, {@code engaged}, {@code qualified}, {@code won}, {@code lost}. */
    public static final StatusMapping DEFAULTS = StatusMapping.of(table());

    private NexorStatuses() {
    }

    private static Map<String, LeadStatus> table() {
        Map<String, LeadStatus> keys = new LinkedHashMap<>();
        keys.put("new", LeadStatus.OPEN);
        keys.put("contacted", LeadStatus.CONTACTED);
        keys.put("engaged", LeadStatus.CONTACTED);
        keys.put("qualified", LeadStatus.QUALIFIED);
        keys.put("won", LeadStatus.WON);
        keys.put("lost", LeadStatus.LOST);
        return keys;
    }
}
