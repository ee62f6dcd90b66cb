package dev.leadbridge.core.canonical;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The most recent lead ids of a listing, forgetting the oldest beyond a capacity: drops a lead seen again when
 * page-number paging shifts under inserts, in bounded memory. Not thread-safe.
 */
public final class RecentIds {

    /** The smallest window, whatever the page size. */
    public static final int MIN_WINDOW = 10_000;

    private final int capacity;
    private final Set<String> ids = new LinkedHashSet<>();

    private RecentIds(int capacity) {
        this.capacity = capacity;
    }

    /** A window of ten pages of {@code pageSize}, at least {@link #MIN_WINDOW} ids. */
    public static RecentIds forPageSize(int pageSize) {
        return new RecentIds(Math.max(MIN_WINDOW, 10 * pageSize));
    }

    /** Adds the id; false when it was already among the recent ones. */
    public boolean add(String id) {
        if (!ids.add(id)) {
            return false;
        }
        if (ids.size() > capacity) {
            Iterator<String> oldest = ids.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }
}
