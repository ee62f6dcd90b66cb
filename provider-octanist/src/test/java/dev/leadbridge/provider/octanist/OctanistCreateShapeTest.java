package dev.leadbridge.provider.octanist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.core.Attribution;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.api.CreateShape;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OctanistCreateShapeTest {

    private final CreateShape shape = CreateShape.find("octanist").orElseThrow();

    @Test
    void joinsFirstAndLastNameIntoTheOneNameOctanistStores() {
        Set<String> dropped = new LinkedHashSet<>();

        NewLead fitted = shape.fit(NewLead.builder().firstName("Ann").lastName("Lee").build(), dropped);

        assertThat(fitted.name()).isEqualTo("Ann Lee");
        assertThat(fitted.firstName()).isNull();
        assertThat(dropped).isEmpty();
    }

    @Test
    void dropsClickIdsOctanistHasNoFieldForByName() {
        Set<String> dropped = new LinkedHashSet<>();
        NewLead lead = NewLead.builder().email("a@example.com").company("Acme")
                .attribution(new Attribution(null, "/p", null, null, null, Map.of("gclid", "g", "foo", "f"), null))
                .build();

        NewLead fitted = shape.fit(lead, dropped);

        assertThat(fitted.attribution().clickIds()).containsOnlyKeys("gclid");
        assertThat(fitted.attribution().path()).isEqualTo("/p");
        assertThat(dropped).containsExactlyInAnyOrder("attribution.clickIds.foo", "company");
    }

    @Test
    void refusesALeadWithoutNameEmailPhoneOrCustom() {
        NewLead fitted = shape.fit(NewLead.builder().note("only a note").build(), new LinkedHashSet<>());

        assertThat(shape.refusal(fitted)).contains("an Octanist lead needs at least one of name, email, phone or custom");
    }
}
