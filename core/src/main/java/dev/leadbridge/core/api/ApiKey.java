package dev.leadbridge.core.api;

import java.util.Objects;

/**
 * A provider credential. Its {@link #toString()} never shows the value, so a key cannot leak through a log line or
 * an exception message by accident; only {@link #reveal()} gives it, for the one header that needs it.
 */
public final class ApiKey {

    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    /**
     * Wraps a key.
     *
     * @throws IllegalArgumentException when the key is null or blank
     */
    public static ApiKey of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("API key must not be blank");
        }
        return new ApiKey(value.trim());
    }

    /** The key itself: use only to set the authentication header. */
    public String reveal() {
        return value;
    }

    /** Replaces every occurrence of the key in {@code text} (e.g. a server message echoing it) by {@code ****}. */
    public String redact(String text) {
        return text == null ? null : text.replace(value, "****");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiKey k && k.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return "ApiKey[****]";
    }
}
