package dev.leadbridge.cli;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Replaces every known secret (the API keys of the configuration, as written and as expanded) by {@code ****} in
 * text bound for the user: a last line of defence, since the library already never puts a key into a message.
 * Thread-safe.
 */
public final class Redactor {

    /** Secrets shorter than this are not redacted: they would mangle ordinary text and are no real keys. */
    static final int MIN_SECRET_LENGTH = 4;

    private final List<String> secrets = new CopyOnWriteArrayList<>();

    /** Adds a secret; blank and very short values are ignored. */
    public void add(String secret) {
        if (secret == null) {
            return;
        }
        String s = secret.trim();
        if (s.length() >= MIN_SECRET_LENGTH && !secrets.contains(s)) {
            secrets.add(s);
            secrets.sort(Comparator.comparingInt(String::length).reversed());
        }
    }

    /**
     * The text with every secret replaced by {@code ****}; null stays null. A secret cut short where a long value was
     * shortened ({@code abcd…(120 chars)}, see {@link dev.leadbridge.core.error.SafeText}) is replaced too: the
     * part of it just before the ellipsis.
     */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String s : secrets) {
            result = result.replace(s, "****");
        }
        return result.indexOf(ELLIPSIS) < 0 ? result : redactCutSecrets(result);
    }

    private static final char ELLIPSIS = '\u2026';

    /** Replaces a beginning of a secret (at least {@link #MIN_SECRET_LENGTH} long) that ends where an ellipsis is. */
    private String redactCutSecrets(String text) {
        StringBuilder sb = new StringBuilder(text);
        for (int at = sb.indexOf(String.valueOf(ELLIPSIS)); at >= 0;
             at = sb.indexOf(String.valueOf(ELLIPSIS), at + 1)) {
            int longest = 0;
            for (String s : secrets) {
                for (int k = Math.min(s.length() - 1, at); k >= MIN_SECRET_LENGTH && k > longest; k--) {
                    if (sb.substring(at - k, at).equals(s.substring(0, k))) {
                        longest = k;
                        break;
                    }
                }
            }
            if (longest > 0) {
                sb.replace(at - longest, at, "****");
                at = at - longest + 4;
            }
        }
        return sb.toString();
    }
}
