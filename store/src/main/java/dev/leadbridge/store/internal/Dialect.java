package dev.leadbridge.store.internal;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;

/**
 * What differs between the two databases: how instants, decimals and JSON are written and read, and where Flyway
 * finds the migrations. Instants are kept to the microsecond on both (PostgreSQL's precision); on SQLite they are
 * ISO-8601 UTC text with six fraction digits, so text order is time order.
 */
public enum Dialect {
    /** SQLite: text for instants, decimals and JSON. */
    SQLITE("sqlite", "?"),
    /** PostgreSQL: timestamptz, numeric and jsonb. */
    POSTGRESQL("postgresql", "CAST(? AS jsonb)");

    private static final DateTimeFormatter TEXT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
            .appendLiteral('Z')
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    /** The instants whose text {@link #text} writes by hand: years 0 to 9999. */
    private static final long MIN_FAST = LocalDate.of(0, 1, 1).toEpochDay() * 86_400L;
    private static final long MAX_FAST = LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400L;

    private final String migrations;
    private final String jsonParameter;

    Dialect(String migrations, String jsonParameter) {
        this.migrations = migrations;
        this.jsonParameter = jsonParameter;
    }

    /** The Flyway location of this dialect's migrations. */
    public String migrationLocation() {
        return "classpath:db/leadbridge/" + migrations;
    }

    /** The SQL placeholder of a JSON parameter. */
    public String json() {
        return jsonParameter;
    }

    /** The instant as the store keeps it: truncated to the microsecond. */
    public static Instant stored(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The SQLite text of an instant, {@code uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'}. Years 0 to 9999 are written by hand
     * (the formatter builds a zoned date-time per call, and this runs several times for every lead written); the
     * text is the formatter's, which writes the other years.
     */
    public static String text(Instant instant) {
        if (instant == null) {
            return null;
        }
        long seconds = instant.getEpochSecond();
        if (seconds < MIN_FAST || seconds >= MAX_FAST) {
            return TEXT.format(stored(instant));
        }
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(days);
        char[] out = new char[27];
        digits(out, 0, date.getYear(), 4);
        out[4] = '-';
        digits(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        out[19] = '.';
        digits(out, 20, instant.getNano() / 1000, 6);
        out[26] = 'Z';
        return new String(out);
    }

    /**
     * Reads the text {@link #text} writes (or null); the usual 27-character form by hand, as it is read for every
     * stored lead a write compares with, anything else with {@link Instant#parse}.
     */
    static Instant parseText(String text) {
        if (text == null) {
            return null;
        }
        if (text.length() != 27 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != '.'
                || text.charAt(26) != 'Z') {
            return Instant.parse(text);
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 2);
        int day = number(text, 8, 2);
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        int second = number(text, 17, 2);
        int micros = number(text, 20, 6);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59 || micros < 0) {
            return Instant.parse(text);
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400L + hour * 3600L + minute * 60L + second, micros * 1000L);
    }

    /** The decimal number of {@code width} digits at {@code at}, or -1 when one is not a digit. */
    private static int number(String text, int at, int width) {
        int value = 0;
        for (int i = at; i < at + width; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** Binds an instant (or null). */
    public void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        if (this == SQLITE) {
            if (instant == null) {
                ps.setNull(index, Types.VARCHAR);
            } else {
                ps.setString(index, text(instant));
            }
        } else if (instant == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(stored(instant), ZoneOffset.UTC));
        }
    }

    /** Reads an instant (or null). */
    public Instant getInstant(ResultSet rs, String column) throws SQLException {
        if (this == SQLITE) {
            return parseText(rs.getString(column));
        }
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Binds a decimal exactly (or null). */
    public void setDecimal(PreparedStatement ps, int index, BigDecimal value) throws SQLException {
        if (this == SQLITE) {
            ps.setString(index, value == null ? null : value.toPlainString());
        } else {
            ps.setBigDecimal(index, value);
        }
    }

    /** Reads a decimal exactly (or null). */
    public BigDecimal getDecimal(ResultSet rs, String column) throws SQLException {
        if (this == SQLITE) {
            String text = rs.getString(column);
            return text == null ? null : new BigDecimal(text);
        }
        return rs.getBigDecimal(column);
    }
}
