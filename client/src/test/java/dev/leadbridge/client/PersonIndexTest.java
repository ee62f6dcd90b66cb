package dev.leadbridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.core.Lead;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PersonIndexTest {

    private static Lead lead(String connection, String id, String email, String phone, String region) {
        return Lead.builder().connection(connection).provider("p").nativeId(id).email(email).phone(phone)
                .defaultRegion(region).build();
    }

    @Test
    void theSameEmailInAnotherCaseAtTwoProvidersIsOnePerson() {
        Lead a = lead("acme", "1", "Ann.Lee@Example.COM ", null, null);
        Lead b = lead("globex", "2", "ann.lee@example.com", null, null);
        Lead c = lead("globex", "3", "bob@example.com", null, null);
        Map<String, List<Lead>> people = PersonIndex.groupByPerson(List.of(a, b, c));
        assertThat(people).hasSize(2);
        assertThat(people.get(a.personKey())).containsExactly(a, b);
        assertThat(PersonIndex.acrossConnections(List.of(a, b, c))).containsOnlyKeys(a.personKey());
    }

    @Test
    void withoutEmailTheE164PhoneIdentifiesThePersonAndLeadsWithNeitherAreLeftOut() {
        Lead national = lead("acme", "1", null, "020 123 4567", "NL");
        Lead international = lead("globex", "2", null, "+31 20 123 4567", null);
        Lead nobody = lead("globex", "3", null, null, null);
        assertThat(national.personKey()).isEqualTo(international.personKey()).isNotNull();
        assertThat(PersonIndex.groupByPerson(List.of(national, international, nobody))).hasSize(1);
        assertThat(PersonIndex.personKey(null, "020 123 4567", "NL")).isEqualTo(national.personKey());
    }

    @Test
    void differentPeopleNeverShareAKey() {
        Lead ann = lead("a", "1", "ann@example.com", "+31 20 123 4567", null);
        Lead annsPhoneOnly = lead("a", "2", null, "+31 20 123 4567", null);
        Lead bob = lead("a", "3", "bob@example.com", "+31 20 123 4567", null);
        assertThat(List.of(ann.personKey(), annsPhoneOnly.personKey(), bob.personKey())).doesNotHaveDuplicates();
    }
}
