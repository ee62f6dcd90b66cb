package dev.leadbridge.core;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A partial change to an existing lead. Each field is either untouched (not in {@link #fields()}), set to a value, or
 * cleared (set to null); {@code custom} entries are merged into the lead's free-form data, key by key. A provider
 * that cannot change a field rejects the update with a typed error naming it, never ignores it. Immutable.
 */
public final class LeadUpdate {

    /** The changeable fields. */
    public enum Field {
        /** Full name. */ NAME,
        /** First name. */ FIRST_NAME,
        /** Last name. */ LAST_NAME,
        /** Email. */ EMAIL,
        /** Phone. */ PHONE,
        /** Company. */ COMPANY,
        /** Job title. */ TITLE,
        /** Source. */ SOURCE,
        /** Canonical status; see {@link #statusReason()}. */ STATUS,
        /** Monetary value. */ VALUE,
        /** Note. */ NOTE,
        /** Loss reason (with status LOST). */ LOSS_REASON,
        /** Free-form data, merged key by key. */ CUSTOM
    }

    private final Map<Field, Object> changes;
    private final String statusReason;

    private LeadUpdate(Map<Field, Object> changes, String statusReason) {
        this.changes = Collections.unmodifiableMap(new EnumMap<>(changes));
        this.statusReason = statusReason;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The fields this update touches. */
    public Set<Field> fields() {
        return changes.keySet();
    }

    /** Whether this update touches {@code field}. */
    public boolean has(Field field) {
        return changes.containsKey(field);
    }

    /** The new value of a text field (null clears it). @throws IllegalArgumentException for a non-text field */
    public String text(Field field) {
        if (field == Field.STATUS || field == Field.VALUE || field == Field.CUSTOM) {
            throw new IllegalArgumentException(field + " is not a text field");
        }
        return (String) changes.get(field);
    }

    /** The new status, or null when not set. */
    public LeadStatus status() {
        return (LeadStatus) changes.get(Field.STATUS);
    }

    /** Why the status changes (kept in the provider's history where it has one), or null. */
    public String statusReason() {
        return statusReason;
    }

    /** The new value (null clears it). */
    public BigDecimal value() {
        return (BigDecimal) changes.get(Field.VALUE);
    }

    /** The free-form entries to merge; a null entry value removes that key where the provider supports it. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> custom() {
        Object custom = changes.get(Field.CUSTOM);
        return custom == null ? Map.of() : (Map<String, Object>) custom;
    }

    /** Whether nothing is changed. */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LeadUpdate u && changes.equals(u.changes) && Objects.equals(statusReason, u.statusReason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(changes, statusReason);
    }

    @Override
    public String toString() {
        return "LeadUpdate" + changes.keySet();
    }

    /** Builds a {@link LeadUpdate}. Not thread-safe. */
    public static final class Builder {
        private final Map<Field, Object> changes = new EnumMap<>(Field.class);
        private String statusReason;

        private Builder() {
        }

        private Builder set(Field field, Object value) {
            changes.put(field, value);
            return this;
        }

        /** Sets (or with null clears) the full name. */
        public Builder name(String v) { return set(Field.NAME, v); }

        /** Sets (or with null clears) the first name. */
        public Builder firstName(String v) { return set(Field.FIRST_NAME, v); }

        /** Sets (or with null clears) the last name. */
        public Builder lastName(String v) { return set(Field.LAST_NAME, v); }

        /** Sets (or with null clears) the email. */
        public Builder email(String v) { return set(Field.EMAIL, v); }

        /** Sets (or with null clears) the phone. */
        public Builder phone(String v) { return set(Field.PHONE, v); }

        /** Sets (or with null clears) the company. */
        public Builder company(String v) { return set(Field.COMPANY, v); }

        /** Sets (or with null clears) the job title. */
        public Builder title(String v) { return set(Field.TITLE, v); }

        /** Sets (or with null clears) the source. */
        public Builder source(String v) { return set(Field.SOURCE, v); }

        /** Sets (or with null clears) the note. */
        public Builder note(String v) { return set(Field.NOTE, v); }

        /** Sets (or with null clears) the loss reason. */
        public Builder lossReason(String v) { return set(Field.LOSS_REASON, v); }

        /** Sets (or with null clears) the value. */
        public Builder value(BigDecimal v) { return set(Field.VALUE, v); }

        /** Changes the status. */
        public Builder status(LeadStatus status) {
            return set(Field.STATUS, Objects.requireNonNull(status, "status"));
        }

        /** Changes the status, giving a reason the provider keeps where it can. */
        public Builder status(LeadStatus status, String reason) {
            this.statusReason = reason;
            return status(status);
        }

        /** Merges these free-form entries (null values remove keys where the provider supports it). */
        public Builder custom(Map<String, ?> entries) {
            Map<String, Object> merged = new java.util.LinkedHashMap<>();
            Object existing = changes.get(Field.CUSTOM);
            if (existing instanceof Map<?, ?> m) {
                m.forEach((k, v) -> merged.put((String) k, v));
            }
            merged.putAll(entries);
            return set(Field.CUSTOM, Collections.unmodifiableMap(merged));
        }

        /** Builds the update. */
        public LeadUpdate build() {
            return new LeadUpdate(changes, statusReason);
        }
    }
}
