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
}
