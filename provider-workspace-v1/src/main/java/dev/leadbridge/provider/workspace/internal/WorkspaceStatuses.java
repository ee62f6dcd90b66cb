package dev.leadbridge.provider.workspace.internal;

import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.spi.StatusMapping;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * workspace-v1's default status table: raw status (any case) to canonical category; the first raw value of a
 * category is the one written. A connection overrides single values with {@code status.<raw> = CATEGORY}.
 */
public final class WorkspaceStatuses {

    /**
     * {@code new}; {@code contacted}, {@code follow_up}, {@code unresponsive}; {@code qualified},
     * {@code negotiating}; {@code converted}; {@code lost}.
     */
    public static final StatusMapping DEFAULTS = StatusMapping.of(table());

    private WorkspaceStatuses() {
    }

    private static Map<String, LeadStatus> table() {
        Map<String, LeadStatus> m = new LinkedHashMap<>();
        m.put("new", LeadStatus.OPEN);
        m.put("contacted", LeadStatus.CONTACTED);
        m.put("follow_up", LeadStatus.CONTACTED);
        m.put("unresponsive", LeadStatus.CONTACTED);
        m.put("qualified", LeadStatus.QUALIFIED);
        m.put("negotiating", LeadStatus.QUALIFIED);
        m.put("converted", LeadStatus.WON);
        m.put("lost", LeadStatus.LOST);
        return m;
    }
}
