package dev.leadbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.core.error.SafeText;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private static final String KEY = "sk-workspace_" + "K3y".repeat(30);

    @Test
    void replacesEveryKnownSecretAsWritten() {
        Redactor redactor = new Redactor();
        redactor.add(KEY);

        assertThat(redactor.redact("header Bearer " + KEY + " refused")).isEqualTo("header Bearer **** refused");
    }

    @Test
    void replacesASecretThatAShortenedValueCutInTwo() {
        Redactor redactor = new Redactor();
        redactor.add(KEY);
        String shortened = SafeText.message("value '" + "x".repeat(60) + KEY + "' is odd");

        String shown = redactor.redact(shortened);

        assertThat(shortened).contains("x".repeat(60) + KEY.substring(0, 20) + "\u2026").doesNotContain(KEY);
        assertThat(shown).isEqualTo("value '" + "x".repeat(60) + "****\u2026(" + (60 + KEY.length()) + " chars)' is odd")
                .doesNotContain(KEY.substring(0, 8));
    }

    @Test
    void redactsEvenAShortBeginningOfASecretBeforeAnEllipsisButNotOrdinaryText() {
        Redactor redactor = new Redactor();
        redactor.add(KEY);

        assertThat(redactor.redact("waiting\u2026 sk-w\u2026")).isEqualTo("waiting\u2026 ****\u2026");
    }
}
