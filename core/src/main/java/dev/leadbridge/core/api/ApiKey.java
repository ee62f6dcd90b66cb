package dev.leadbridge.core.api;

import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.error.ErrorDetails;
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
     * Wraps a key, without the whitespace around it. A key is sent in an HTTP header, which carries only visible
     * ASCII without mangling, so anything else is refused here rather than failing (or being silently altered) on
     * the first request.
     *
     * @throws IllegalArgumentException when the key is null or blank
     * @throws ConfigurationException   when the key holds a character other than visible ASCII ({@code 0x21-0x7E}):
     *                                  a space, a line break, a control or a non-ASCII character; the message says
     *                                  which kind, never the key
     */
    public static ApiKey of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("API key must not be blank");
        }
        String key = value.trim();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new ConfigurationException("the api-key contains " + kind(c) + " at character " + (i + 1)
                        + " of " + key.length() + "; an HTTP header carries only visible ASCII (0x21-0x7E), so check"
                        + " that the key was copied whole and nothing else with it", ErrorDetails.NONE);
            }
        }
        return new ApiKey(key);
    }

    private static String kind(char c) {
        if (c == '\r' || c == '\n') {
            return "a line break";
        }
        if (c == ' ' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            return "a space";
        }
        if (Character.isISOControl(c)) {
            return "a control character";
        }
        return "a non-ASCII character";
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
