package dev.leadbridge.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void escapesLineBreaksTabsAndOtherControlCharactersSoAMessageStaysOneLine() {
        String message = SafeText.message("lead id 'ab\r\nX-Injected: 1\u0007\t\u202Eend' is unknown");

        assertThat(message).isEqualTo("lead id 'ab\\r\\nX-Injected: 1\\u0007\\t\\u202eend' is unknown")
                .doesNotContain("\n", "\r", "\u0007", "\u202E");
    }

    @Test
    void leavesOrdinaryTextAndNonAsciiLettersAlone() {
        String text = "connection 'acme-ws' failed: lead 'Zoë Müller 李' not found (HTTP 404); check the id";

        assertThat(SafeText.message(text)).isEqualTo(text);
    }

    @Test
    void shortensALongQuotedValueToItsFirst80CharactersAndItsLength() {
        String id = "acme-ws:" + "x".repeat(99_992);

        String message = SafeText.message("cannot get lead '" + id + "': lead id '" + id + "' is too long");

        String shown = "'acme-ws:" + "x".repeat(72) + "\u2026(100000 chars)'";
        assertThat(message).isEqualTo("cannot get lead " + shown + ": lead id " + shown + " is too long");
    }

    @Test
    void shortensALongQuotedValueWithSpacesAndALongUnquotedRun() {
        String words = "word ".repeat(100).trim();
        String run = "y".repeat(500);

        String message = SafeText.message("value '" + words + "' and " + run + " end");

        assertThat(message).isEqualTo("value '" + words.substring(0, 80) + "\u2026(499 chars)' and "
                + "y".repeat(80) + "\u2026(500 chars) end");
    }

    @Test
    void keepsValuesUpToTheLimitWhole() {
        String path = "/tmp/" + "d".repeat(SafeText.MAX_VALUE - 5);
        String text = "configuration file '" + path + "' does not exist; see " + path;

        assertThat(SafeText.message(text)).isEqualTo(text);
    }

    @Test
    void givesTheSameTextWhenAppliedTwice() {
        String once = SafeText.message("a '" + "z\n".repeat(5000) + "' b " + "q".repeat(3000) + " " + "w ".repeat(3000));

        assertThat(SafeText.message(once)).isEqualTo(once);
        assertThat(once.length()).isLessThan(1200);
    }

    @Test
    void cutsAVeryLongMessageOfShortWords() {
        String message = SafeText.message("w ".repeat(10_000));

        assertThat(message).hasSize(1000 + "\u2026(20000 chars)".length()).endsWith("\u2026(20000 chars)");
    }

    @Test
    void escapesAndShortensASingleValue() {
        assertThat(SafeText.value("req-1\r\n")).isEqualTo("req-1\\r\\n");
        assertThat(SafeText.value("r".repeat(1000))).isEqualTo("r".repeat(80) + "\u2026(1000 chars)");
        assertThat(SafeText.value(null)).isNull();
        assertThat(SafeText.message(null)).isNull();
    }

    @Test
    void everyLeadbridgeExceptionMessageIsOneShortLineIncludingServerGivenDetails() {
        ErrorDetails details = new ErrorDetails("octanist", "acme", 404, "NOT\nFOUND", "r".repeat(100_000));

        LeadNotFoundException e = new LeadNotFoundException("lead 'a\r\nb" + "c".repeat(100_000) + "' not found",
                details);

        assertThat(e.getMessage()).doesNotContain("\n", "\r").hasSizeLessThan(400)
                .startsWith("lead 'a\\r\\nb" + "c".repeat(74) + "\u2026(100006 chars)' not found [")
                .contains("code=NOT\\nFOUND", "requestId=" + "r".repeat(80) + "\u2026(100000 chars)");
    }
}
