package dev.leadbridge.core;

/** The canonical fields a {@link LeadQuery} can sort on. */
public enum SortField {
    /** {@link Lead#createdAt()}. */
    CREATED_AT,
    /** {@link Lead#updatedAt()}. */
    UPDATED_AT,
    /** {@link Lead#qualifiedAt()}. */
    QUALIFIED_AT,
    /** {@link Lead#value()}. */
    VALUE,
    /** {@link Lead#name()}, case-insensitively. */
    NAME,
    /** {@link Lead#email()}, case-insensitively. */
    EMAIL,
    /** {@link Lead#status()}, in the declaration order of {@link LeadStatus}. */
    STATUS
}
