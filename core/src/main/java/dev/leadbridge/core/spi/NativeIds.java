package dev.leadbridge.core.spi;

import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.InvalidLeadIdException;

/**
 * Checks native lead ids before they are put into a request path, so that no id can change which URL is called.
 */
public final class NativeIds {

    private NativeIds() {
    }

    /**
     * Returns {@code id} when it is a safe path segment: non-blank, at most 256 characters, and made only of letters,
     * digits and {@code - _ . ~} (RFC 3986 unreserved characters), and not {@code .} or {@code ..}.
     *
     * @throws InvalidLeadIdException otherwise, naming the problem (the id is quoted, truncated to 64 characters)
     */
    public static String requirePathSafe(String id, ErrorDetails details) {
        if (id == null || id.isBlank()) {
            throw new InvalidLeadIdException("lead id must not be blank", details);
        }
        if (id.length() > 256) {
            throw new InvalidLeadIdException("lead id is longer than 256 characters", details);
        }
        if (id.equals(".") || id.equals("..")) {
            throw new InvalidLeadIdException("lead id '" + id + "' is a path segment, not an id", details);
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~';
            if (!ok) {
                throw new InvalidLeadIdException("lead id '" + quote(id) + "' contains a character that is not"
                        + " allowed in an id (only letters, digits and - _ . ~)", details);
            }
        }
        return id;
    }

    private static String quote(String id) {
        String shown = id.length() > 64 ? id.substring(0, 64) + "..." : id;
        StringBuilder sb = new StringBuilder();
        for (char c : shown.toCharArray()) {
            sb.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }
}
