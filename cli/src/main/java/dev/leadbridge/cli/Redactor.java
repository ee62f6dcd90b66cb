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

    /** The text with every secret replaced by {@code ****}; null stays null. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String s : secrets) {
            result = result.replace(s, "****");
        }
        return result;
    }
}
