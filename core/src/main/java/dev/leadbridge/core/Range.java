package dev.leadbridge.core;

import java.util.Objects;

/**
 * A range of comparable values with optional, inclusive or exclusive bounds, used by {@link LeadQuery} filters on
 * dates and values. A null value is never inside a bounded range.
 *
 * @param lower          lower bound, null for none
 * @param lowerInclusive whether the lower bound itself is inside
 * @param upper          upper bound, null for none
 * @param upperInclusive whether the upper bound itself is inside
 * @param <T>            the value type
 */
public record Range<T extends Comparable<? super T>>(T lower, boolean lowerInclusive, T upper, boolean upperInclusive) {

    /** Rejects a lower bound above the upper bound. */
    public Range {
        if (lower != null && upper != null && lower.compareTo(upper) > 0) {
            throw new IllegalArgumentException("range lower bound " + lower + " is above upper bound " + upper);
        }
    }

    /** Values greater than or equal to {@code lower}. */
    public static <T extends Comparable<? super T>> Range<T> atLeast(T lower) {
        return new Range<>(Objects.requireNonNull(lower, "lower"), true, null, false);
    }

    /** Values strictly greater than {@code lower}. */
    public static <T extends Comparable<? super T>> Range<T> greaterThan(T lower) {
        return new Range<>(Objects.requireNonNull(lower, "lower"), false, null, false);
    }

    /** Values less than or equal to {@code upper}. */
    public static <T extends Comparable<? super T>> Range<T> atMost(T upper) {
        return new Range<>(null, false, Objects.requireNonNull(upper, "upper"), true);
    }

    /** Values strictly less than {@code upper}. */
    public static <T extends Comparable<? super T>> Range<T> lessThan(T upper) {
        return new Range<>(null, false, Objects.requireNonNull(upper, "upper"), false);
    }

    /** Values from {@code lower} (inclusive) to {@code upper} (exclusive). */
    public static <T extends Comparable<? super T>> Range<T> closedOpen(T lower, T upper) {
        return new Range<>(Objects.requireNonNull(lower, "lower"), true, Objects.requireNonNull(upper, "upper"), false);
    }

    /** Values from {@code lower} to {@code upper}, both inclusive. */
    public static <T extends Comparable<? super T>> Range<T> closed(T lower, T upper) {
        return new Range<>(Objects.requireNonNull(lower, "lower"), true, Objects.requireNonNull(upper, "upper"), true);
    }

    /** Whether {@code value} lies in this range; null lies in no bounded range. */
    public boolean contains(T value) {
        if (value == null) {
            return lower == null && upper == null;
        }
        if (lower != null) {
            int c = value.compareTo(lower);
            if (c < 0 || (c == 0 && !lowerInclusive)) {
                return false;
            }
        }
        if (upper != null) {
            int c = value.compareTo(upper);
            return c < 0 || (c == 0 && upperInclusive);
        }
        return true;
    }
}
