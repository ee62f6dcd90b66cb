package dev.leadbridge.testkit.nexor;

import java.util.Objects;

/**
 * One status of a Nexor workflow, as {@code GET /leads/{id}} shows it in {@code current_status}.
 *
 * @param id       the status UUID
 * @param key      the machine key, e.g. {@code qualified}; unique within its workflow
 * @param label    the display label, e.g. {@code Qualified}
 * @param color    the display colour, e.g. {@code #3b82f6}; may be null
 * @param category the category, e.g. {@code active}, {@code won}, {@code lost}, {@code deferred}
 */
public record NexorStatus(String id, String key, String label, String color, String category) {

    /** Validates that id, key, label and category are present. */
    public NexorStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(category, "category");
    }

    /** Whether entering this status ends the cadence (category {@code won} or {@code lost}). */
    public boolean terminal() {
        return "won".equals(category) || "lost".equals(category);
    }
}
