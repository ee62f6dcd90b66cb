package dev.leadbridge.core.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

class InstantsTest {

    @Test
    void aUtcTimestampIsReadAsItIs() {
        assertThat(Instants.parse("2024-03-01T10:15:30Z")).isEqualTo(Instant.parse("2024-03-01T10:15:30Z"));
        assertThat(Instants.parse("2024-03-01T10:15:30.123456Z")).isEqualTo(Instant.parse("2024-03-01T10:15:30.123456Z"));
    }

    @Test
    void anOffsetIsConvertedToUtcNeverDropped() {
        assertThat(Instants.parse("2024-03-01T11:15:30+01:00")).isEqualTo(Instant.parse("2024-03-01T10:15:30Z"));
        assertThat(Instants.parse("2024-03-01T11:15:30+0100")).isEqualTo(Instant.parse("2024-03-01T10:15:30Z"));
        assertThat(Instants.parse("2024-03-01T05:15:30-05")).isEqualTo(Instant.parse("2024-03-01T10:15:30Z"));
    }

    @Test
    void aTimestampWithoutOffsetIsReadAsUtcAndASpaceMayStandForTheT() {
        assertThat(Instants.parse("2024-03-01T10:15:30")).isEqualTo(Instant.parse("2024-03-01T10:15:30Z"));
        assertThat(Instants.parse(" 2024-03-01 10:15:30.5+00:00 ")).isEqualTo(Instant.parse("2024-03-01T10:15:30.5Z"));
    }

    @Test
    void nullOrBlankIsNoInstantAndAnythingElseIsAParseError() {
        assertThat(Instants.parse(null)).isNull();
        assertThat(Instants.parse("  ")).isNull();
        assertThatThrownBy(() -> Instants.parse("yesterday")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Instants.parse("2024-02-30T10:00:00Z")).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void theFastPathForUtcTimestampsAgreesWithInstantParseOnAwkwardDates() {
        String[] valid = {"1970-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z", "0000-01-01T00:00:00Z",
            "0000-02-29T12:00:00Z", "0001-03-01T00:00:00Z", "1600-02-29T00:00:00Z", "1900-02-28T23:59:59Z",
            "1900-03-01T00:00:00Z", "2000-02-29T00:00:00.000Z", "2023-12-31T23:59:59.999999999Z",
            "2024-02-29T10:15:30.1Z", "2024-03-01T00:00:00.12Z", "2100-02-28T01:02:03.123456Z",
            "9999-12-31T23:59:59.999999999Z", "2026-11-29T09:39:31.618Z", "2027-02-27T09:39:31.618Z"};
        for (String s : valid) {
            assertThat(Instants.utcInstant(s)).as(s).isEqualTo(Instant.parse(s));
            assertThat(Instants.parse(s)).as(s).isEqualTo(Instant.parse(s));
        }
        String[] invalid = {"2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2024-04-31T00:00:00Z",
            "2024-00-10T00:00:00Z", "2024-13-10T00:00:00Z", "2024-01-00T00:00:00Z", "2024-01-32T00:00:00Z",
            "2024-01-01T24:00:00Z", "2024-01-01T23:60:00Z", "2024-01-01T23:59:60Z",
            "2024-01-01T23:59:59.1234567890Z", "2024-01-01T2a:59:59Z"};
        for (String s : invalid) {
            assertThat(Instants.utcInstant(s)).as(s).isNull();
            assertThatThrownBy(() -> Instants.parse(s)).as(s).isInstanceOf(DateTimeParseException.class);
        }
    }
}
