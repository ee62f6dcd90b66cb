package dev.leadbridge.core.error;

/**
 * Makes text that echoes user or server input fit one line of an error message: control, line-separator and
 * invisible formatting characters are escaped ({@code \n}, {@code \r}, {@code \t}, <code>&#92;u0007</code>), and a
 * long value is shortened to its first {@value #KEEP} characters followed by {@code …(100000 chars)}. A quoted value
 * ({@code 'like this'}) counts as one value even with spaces inside; elsewhere a value is a run without whitespace.
 * Applying it twice gives the same text. Used once where messages are built ({@link LeadbridgeException} and the
 * command line's error lines), so every path gets it.
 */
public final class SafeText {

    /** A value with more characters than this is shortened. */
    public static final int MAX_VALUE = 160;
    /** How many characters of a shortened value are kept. */
    public static final int KEEP = 80;
    /** A message part longer than this (after shortening its values) is cut, keeping {@link #KEEP_MESSAGE}. */
    static final int MAX_MESSAGE = 2000;
    /** How many characters of a cut message are kept. */
    static final int KEEP_MESSAGE = 1000;

    private static final char ELLIPSIS = '\u2026';

    private SafeText() {
    }

    /**
     * A message made safe for one line: escaped, every long value shortened, and the whole cut when still very long.
     * Null stays null.
     */
    public static String message(String text) {
        if (text == null) {
            return null;
        }
        String s = shortenValues(escape(text));
        return s.codePointCount(0, s.length()) > MAX_MESSAGE ? shorten(s, KEEP_MESSAGE) : s;
    }

    /** One value made safe: escaped, and shortened when longer than {@link #MAX_VALUE}. Null stays null. */
    public static String value(String text) {
        if (text == null) {
            return null;
        }
        String s = escape(text);
        return s.codePointCount(0, s.length()) > MAX_VALUE ? shorten(s, KEEP) : s;
    }

    /** Escapes control, line and paragraph separator and format (invisible) characters; nothing else changes. */
    static String escape(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escaped = escaped(c);
            if (escaped != null && sb == null) {
                sb = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (sb != null) {
                if (escaped != null) {
                    sb.append(escaped);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? text : sb.toString();
    }

    private static String escaped(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                break;
        }
        int type = Character.getType(c);
        if (type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.FORMAT) {
            return String.format("\\u%04x", (int) c);
        }
        return null;
    }

    /**
     * Shortens the inside of every {@code '...'} longer than {@link #MAX_VALUE}, and between them every run without
     * whitespace longer than that.
     */
    private static String shortenValues(String text) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), 4096));
        int plain = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'' && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
                int close = closingQuote(text, i + 1);
                if (close > 0) {
                    sb.append(shortenRuns(text.substring(plain, i)));
                    String inner = text.substring(i + 1, close);
                    sb.append('\'').append(tooLong(inner) ? shorten(inner, KEEP) : inner).append('\'');
                    i = close + 1;
                    plain = i;
                    continue;
                }
            }
            i++;
        }
        return sb.append(shortenRuns(text.substring(plain))).toString();
    }

    private static int closingQuote(String text, int from) {
        for (int j = from; j < text.length(); j++) {
            if (text.charAt(j) == '\'' && (j + 1 == text.length() || !Character.isLetterOrDigit(text.charAt(j + 1)))) {
                return j;
            }
        }
        return -1;
    }

    /** Shortens every run of characters without whitespace (or an ellipsis) longer than {@link #MAX_VALUE}. */
    private static String shortenRuns(String text) {
        StringBuilder sb = null;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            boolean boundary = i == text.length() || isDelimiter(text.charAt(i));
            if (!boundary) {
                continue;
            }
            if (i - start > MAX_VALUE && tooLong(text.substring(start, i))) {
                if (sb == null) {
                    sb = new StringBuilder(text.length()).append(text, 0, start);
                }
                sb.append(shorten(text.substring(start, i), KEEP));
            } else if (sb != null) {
                sb.append(text, start, i);
            }
            if (sb != null && i < text.length()) {
                sb.append(text.charAt(i));
            }
            start = i + 1;
        }
        return sb == null ? text : sb.toString();
    }

    private static boolean isDelimiter(char c) {
        return c == ELLIPSIS || Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static boolean tooLong(String value) {
        return value.length() > MAX_VALUE && value.codePointCount(0, value.length()) > MAX_VALUE;
    }

    /** The first {@code keep} code points and {@code …(N chars)}, N counting code points. */
    private static String shorten(String value, int keep) {
        int total = value.codePointCount(0, value.length());
        int end = value.offsetByCodePoints(0, keep);
        return value.substring(0, end) + ELLIPSIS + "(" + total + " chars)";
    }
}
