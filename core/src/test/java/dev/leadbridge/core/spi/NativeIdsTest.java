package dev.leadbridge.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.InvalidLeadIdException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NativeIdsTest {

    private static final ErrorDetails WHERE = ErrorDetails.of("octanist", "acme");

    @Test
    void acceptsUnreservedCharacters() {
        assertThat(NativeIds.requirePathSafe("lead_01.A-b~9", WHERE)).isEqualTo("lead_01.A-b~9");
        assertThat(NativeIds.requirePathSafe("x".repeat(256), WHERE)).hasSize(256);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ".", "..", "a/b", "a?b", "a%2Fb", "a b", "a#b", "\u00e9", "a\nb"})
    void rejectsIdsThatCouldChangeThePath(String id) {
        assertThatThrownBy(() -> NativeIds.requirePathSafe(id, WHERE)).isInstanceOf(InvalidLeadIdException.class)
                .hasMessageContaining("connection=acme");
    }

    @Test
    void rejectsNullAndOverlongIdsAndQuotesControlCharacters() {
        assertThatThrownBy(() -> NativeIds.requirePathSafe(null, WHERE)).isInstanceOf(InvalidLeadIdException.class);
        assertThatThrownBy(() -> NativeIds.requirePathSafe("x".repeat(257), WHERE))
                .hasMessageContaining("256");
        assertThatThrownBy(() -> NativeIds.requirePathSafe("a\u0007b", WHERE)).hasMessageContaining("a\\u0007b");
    }
}
