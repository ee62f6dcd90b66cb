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

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"+31 6 12345678", "+1 (415) 555-0101", "06-12345678",
            "0031612345678", "+44 (0)20 7946 0958", "020 7946 0958", "+39 06 6982 1234", "(415) 555.0101",
            "+1-555-123-4567", "12", "+", "tel:+31612345678", "+31 6 1234 5678 ext. 12", "６１２３４５６７８",
            "+49/30/1234567", " +81 3 1234 5678 ", "+1 800 FLOWERS", "+999 123456"})
    void normalisesExactlyAsLibphonenumberDoesOnTheNumberAsGiven(String phone) {
        com.google.i18n.phonenumbers.PhoneNumberUtil util = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance();
        for (String region : new String[] {null, "NL", "US", "gb", "ZZ"}) {
            String expected;
            try {
                var parsed = util.parse(phone.trim(), region == null ? "ZZ" : region.toUpperCase(java.util.Locale.ROOT));
                expected = util.isPossibleNumber(parsed)
                        ? util.format(parsed, com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat.E164)
                        : null;
            } catch (com.google.i18n.phonenumbers.NumberParseException e) {
                expected = null;
            }
            assertThat(PersonKey.toE164(phone, region)).as("%s in region %s", phone, region).isEqualTo(expected);
        }
    }
}
