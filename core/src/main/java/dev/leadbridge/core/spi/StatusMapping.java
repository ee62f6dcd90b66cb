package dev.leadbridge.core.spi;

import dev.leadbridge.core.LeadStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps a provider's raw status values to canonical categories, case-insensitively. Unmapped values give
 * {@link LeadStatus#UNKNOWN}, never an exception. Connections can override single values
 * ({@code connections.<name>.status.<raw> = CATEGORY}). Immutable.
 */
public final class StatusMapping {

    private final Map<String, LeadStatus> byRaw;

    private StatusMapping(Map<String, LeadStatus> byRaw) {
        this.byRaw = Collections.unmodifiableMap(byRaw);
    }

    /** A mapping from raw values (any case) to categories; the first raw value given per category is its preferred one. */
    public static StatusMapping of(Map<String, LeadStatus> byRaw) {
        Map<String, LeadStatus> copy = new LinkedHashMap<>();
        byRaw.forEach((raw, status) -> copy.put(raw.toLowerCase(Locale.ROOT), status));
        return new StatusMapping(copy);
    }

    /**
     * This mapping with overrides from connection options of the form {@code status.<raw> = CATEGORY}.
     *
     * @throws IllegalArgumentException naming the key whose category is not a {@link LeadStatus}
     */
    public StatusMapping withOverrides(Map<String, String> options) {
        Map<String, LeadStatus> copy = new LinkedHashMap<>(byRaw);
        options.forEach((key, value) -> {
            if (key.startsWith("status.")) {
                String raw = key.substring("status.".length()).toLowerCase(Locale.ROOT);
                try {
                    copy.put(raw, LeadStatus.valueOf(value.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("'" + key + "' must be one of OPEN, CONTACTED, QUALIFIED, WON,"
                            + " LOST, UNKNOWN, was '" + value + "'");
                }
            }
        });
        return new StatusMapping(copy);
    }

    /** The category of a raw value; {@link LeadStatus#UNKNOWN} for null or unmapped values. */
    public LeadStatus categoryOf(String raw) {
        if (raw == null) {
            return LeadStatus.UNKNOWN;
        }
        return byRaw.getOrDefault(raw.trim().toLowerCase(Locale.ROOT), LeadStatus.UNKNOWN);
    }

    /** The raw values (lower-case) that map to {@code category}, in declaration order; empty when none does. */
    public Set<String> rawValuesOf(LeadStatus category) {
        Set<String> raws = new LinkedHashSet<>();
        byRaw.forEach((raw, status) -> {
            if (status == category) {
                raws.add(raw);
            }
        });
        return raws;
    }
}
