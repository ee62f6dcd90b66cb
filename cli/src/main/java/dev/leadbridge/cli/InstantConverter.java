package dev.leadbridge.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads an instant: ISO-8601 in UTC ({@code 2026-01-01T00:00:00Z}), with an offset ({@code 2026-01-01T01:00:00+01:00},
 * converted to UTC) or a plain date ({@code 2026-01-01}, midnight UTC). Years outside 0000-9999 are refused: no
 * provider can be asked for them, so they are a usage error rather than a request.
 */
final class InstantConverter implements ITypeConverter<Instant> {

    private static final Instant FIRST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    @Override
    public Instant convert(String value) {
        Instant instant = parse(value.trim());
        if (instant == null) {
            throw new TypeConversionException("'" + value + "' is not an ISO-8601 instant such as 2026-01-01T00:00:00Z");
        }
        if (instant.isBefore(FIRST) || instant.isAfter(LAST)) {
            throw new TypeConversionException("'" + value + "' is outside the years 0000 to 9999 (UTC); pass an"
                    + " instant such as 2026-01-01T00:00:00Z");
        }
        return instant;
    }

    private static Instant parse(String v) {
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            // try the other forms
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            // try the other forms
        }
        try {
            return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
