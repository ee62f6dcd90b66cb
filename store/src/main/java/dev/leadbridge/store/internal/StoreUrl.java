package dev.leadbridge.store.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A store's JDBC URL, its dialect, and the form of it that may be shown: with any password (a {@code password=}
 * parameter or the password of {@code user:password@}) replaced by {@code ***}.
 *
 * @param url     the URL as given
 * @param dialect the database it names
 */
public record StoreUrl(String url, Dialect dialect) {

    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@]*:)[^@/]*@");

    /**
     * Reads a URL.
     *
     * @return the URL, or null when it names no supported database
     */
    public static StoreUrl parse(String url) {
        if (url == null) {
            return null;
        }
        String u = url.trim();
        String lower = u.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:sqlite:") && u.length() > "jdbc:sqlite:".length()) {
            return new StoreUrl(u, Dialect.SQLITE);
        }
        if (lower.startsWith("jdbc:postgresql:") && u.length() > "jdbc:postgresql:".length()) {
            return new StoreUrl(u, Dialect.POSTGRESQL);
        }
        return null;
    }

    /** The URL with passwords replaced by {@code ***}; safe in messages. */
    public String shown() {
        return redact(url);
    }

    /** Any text with URL passwords replaced by {@code ***}. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String r = PASSWORD_PARAM.matcher(text).replaceAll("$1***");
        return USER_INFO.matcher(r).replaceAll("$1***@");
    }

    /** For SQLite, the file path (without {@code file:} and URI parameters); null for an in-memory or server store. */
    public String sqliteFile() {
        if (dialect != Dialect.SQLITE) {
            return null;
        }
        String path = url.substring("jdbc:sqlite:".length());
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        return path.isEmpty() || path.equals(":memory:") || path.startsWith(":resource:") ? null : path;
    }
}
