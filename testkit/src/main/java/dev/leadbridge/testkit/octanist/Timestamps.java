package dev.leadbridge.testkit.octanist;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Formats lead timestamps the way each API generation writes them, and parses the dates clients send. */
final class Timestamps {

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** {@code 2026-03-10T12:00:00.000Z} (current API) or {@code 2026-03-10T12:00:00Z} (legacy API). */
    static String format(Instant instant, boolean legacy) {
        return legacy ? SECONDS.format(instant.truncatedTo(ChronoUnit.SECONDS))
                : MILLIS.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * Parses what a JavaScript server's {@code new Date(text)} accepts in ISO form: an instant with {@code Z} or an
     * offset, a local date-time (taken as UTC) or a date (midnight UTC). Returns null when it is none of these.
     */
    static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        if (s.isEmpty() || s.length() > 64) {
            return null;
        }
        if (s.endsWith("Z")) {
            try {
                return Instant.parse(s);
            } catch (DateTimeException ignored) {
                // try the next form
            }
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeException ignored) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException ignored) {
            // try the next form
        }
        try {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeException ignored) {
            return null;
        }
    }
}
