package dev.leadbridge.provider.octanist.internal;

import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.spi.StatusMapping;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Octanist's default status table: raw status (any case) to canonical category; the first raw value of a category
 * is the one written. A connection overrides single values with {@code status.<raw> = CATEGORY}.
 */
public final class OctanistStatuses {

    /** {@code open}, {@code qualified}, {@code won} (and legacy {@code win}), {@code lost}. */
    public static final StatusMapping DEFAULTS = StatusMapping.of(table());

    private OctanistStatuses() {
    }

    private static Map<String, LeadStatus> table() {
        Map<String, LeadStatus> m = new LinkedHashMap<>();
        m.put("open", LeadStatus.OPEN);
        m.put("qualified", LeadStatus.QUALIFIED);
        m.put("won", LeadStatus.WON);
        m.put("win", LeadStatus.WON);
        m.put("lost", LeadStatus.LOST);
        return m;
    }
}
