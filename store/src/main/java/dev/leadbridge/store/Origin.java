package dev.leadbridge.store;

import java.util.Locale;

/** How the store first learned of a lead; stored lower-case in the {@code origin} column. */
public enum Origin {
    /** From a listing of its connection (a sync). */
    LIST,
    /** From a read by id (a Nexor refresh, a {@code --full} confirmation, {@code get}). */
    GET,
    /** From a webhook event. */
    WEBHOOK,
    /** Created through Leadbridge. */
    CREATE;

    /** The column value: {@code list}, {@code get}, {@code webhook} or {@code create}. */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The origin of a column value. */
    static Origin ofColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
