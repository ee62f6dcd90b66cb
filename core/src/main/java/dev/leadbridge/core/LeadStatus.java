package dev.leadbridge.core;

/**
 * The canonical status category of a lead. Every provider's own status value maps to one of these;
 * a value nobody has mapped becomes {@link #UNKNOWN}, and the raw value is kept in {@link Lead#statusRaw()}.
 * The declaration order is the pipeline order, used when sorting by status.
 */
public enum LeadStatus {
    /** New, not yet worked. */
    OPEN,
    /** Contact has been made or attempted. */
    CONTACTED,
    /** Judged a real opportunity. */
    QUALIFIED,
    /** Converted into a sale. */
    WON,
    /** Closed without a sale. */
    LOST,
    /** A provider value no mapping knows. */
    UNKNOWN
}
