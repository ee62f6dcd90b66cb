package dev.leadbridge.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonKeyTest {

    @Test
    void emailsDifferingInCaseAndWhitespaceGiveTheSameKey() {
        assertThat(PersonKey.of("  Ada.Lovelace@Example.ORG ", null))
                .isEqualTo(PersonKey.of("ada.lovelace@example.org", "+31612345678"))
                .hasSize(32).matches("[0-9a-f]{32}");
    }

    @Test
    void theKeyIsAStableHashOfTheNormalizedEmailOrPhone() {
        assertThat(PersonKey.of("a@b.co", null)).isEqualTo(PersonKey.of("A@B.CO", null))
                .isNotEqualTo(PersonKey.of(null, "+31612345678"));
        assertThat(PersonKey.of(null, "+31612345678")).isEqualTo(PersonKey.of("  ", " +31612345678 "));
    }

    @Test
    void phonesAreNormalizedToE164WithTheDefaultRegion() {
        assertThat(PersonKey.toE164("06 12345678", "nl")).isEqualTo("+31612345678");
        assertThat(PersonKey.toE164("+31 (0)6-1234 5678", null)).isEqualTo("+31612345678");
        assertThat(PersonKey.toE164("06 12345678", null)).isNull();
        assertThat(PersonKey.toE164("call me", "NL")).isNull();
        assertThat(PersonKey.toE164(" ", "NL")).isNull();
    }

    @Test
    void aLeadFromDifferentProvidersWithTheSamePhoneGetsTheSameKey() {
        Lead a = Lead.builder().connection("a").provider("octanist").nativeId("1").phone("06 12345678")
                .defaultRegion("NL").build();
        Lead b = Lead.builder().connection("b").provider("nexor").nativeId("x").phone("+31612345678").build();
        assertThat(a.personKey()).isNotNull().isEqualTo(b.personKey());
    }

    @Test
    void thereIsNoKeyWithoutEmailOrPhone() {
        assertThat(PersonKey.of(null, null)).isNull();
        assertThat(PersonKey.of(" ", "")).isNull();
        assertThat(Lead.builder().connection("a").provider("p").nativeId("1").phone("nonsense").build().personKey())
                .isNull();
    }
}
