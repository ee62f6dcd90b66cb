package dev.leadbridge.core;

import dev.leadbridge.core.error.LeadbridgeException;
import java.util.List;

/**
 * The outcome of creating many leads at once: one item per input, in input order. Partial success is normal.
 *
 * @param items one outcome per input lead
 */
public record BulkCreateResult(List<Item> items) {

    /** Copies the items. */
    public BulkCreateResult {
        items = List.copyOf(items);
    }

    /** The created leads. */
    public List<Lead> created() {
        return items.stream().filter(Item::succeeded).map(Item::lead).toList();
    }

    /** The items that failed. */
    public List<Item> failures() {
        return items.stream().filter(i -> !i.succeeded()).toList();
    }

    /**
     * The outcome for one input lead: exactly one of {@code lead} and {@code error} is set.
     *
     * @param index the position of the input lead
     * @param lead  the created lead, or null
     * @param error why this item failed, or null
     */
    public record Item(int index, Lead lead, LeadbridgeException error) {

        /** Whether this item was created. */
        public boolean succeeded() {
            return error == null;
        }
    }
}
