package dev.leadbridge.core;

import java.util.Objects;

/**
 * One key of a sort: a field and a direction. Whatever the direction, leads without a value for the field come last.
 *
 * @param field     the field
 * @param ascending true for ascending, false for descending
 */
public record SortKey(SortField field, boolean ascending) {

    /** Rejects a null field. */
    public SortKey {
        Objects.requireNonNull(field, "field");
    }

    /** Ascending on {@code field}. */
    public static SortKey asc(SortField field) {
        return new SortKey(field, true);
    }

    /** Descending on {@code field}. */
    public static SortKey desc(SortField field) {
        return new SortKey(field, false);
    }
}
