package dev.leadbridge.client.internal;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/** The most recent ids, forgetting the oldest beyond a capacity; drops leads seen twice when pages shift. */
final class RecentIds {

    private final int capacity;
    private final Set<String> ids = new LinkedHashSet<>();

    RecentIds(int capacity) {
        this.capacity = capacity;
    }

    /** Adds the id; false when it was already among the recent ones. */
    boolean add(String id) {
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
