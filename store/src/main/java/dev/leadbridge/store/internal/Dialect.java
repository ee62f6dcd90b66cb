package dev.leadbridge.store.internal;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
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

    private final String migrations;
    private final String jsonParameter;

    Dialect(String migrations, String jsonParameter) {
        this.migrations = migrations;
        this.jsonParameter = jsonParameter;
    }

    /** The Flyway location of this dialect's migrations. */
    public String migrationLocation() {
        return "classpath:db/migration/" + migrations;
    }

    /** The SQL placeholder of a JSON parameter. */
    public String json() {
        return jsonParameter;
    }

    /** The instant as the store keeps it: truncated to the microsecond. */
    public static Instant stored(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** The SQLite text of an instant. */
    public static String text(Instant instant) {
        return instant == null ? null : TEXT.format(stored(instant));
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
            String text = rs.getString(column);
            return text == null ? null : Instant.parse(text);
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
