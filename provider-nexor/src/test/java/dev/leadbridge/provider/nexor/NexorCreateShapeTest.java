package dev.leadbridge.provider.nexor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.core.Attribution;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.api.CreateShape;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NexorCreateShapeTest {

    private final CreateShape shape = CreateShape.find("nexor").orElseThrow();

    @Test
    void isRegisteredForTheServiceLoader() {
        assertThat(shape).isInstanceOf(NexorCreateShape.class);
    }

    @Test
    void aFullNameWithoutFirstAndLastNameGoesIntoFirstNameUnsplit() {
        Set<String> dropped = new LinkedHashSet<>();

        NewLead fitted = shape.fit(NewLead.builder().name("Cleo Maria Vance").email("c@example.com").build(), dropped);

        assertThat(fitted.firstName()).isEqualTo("Cleo Maria Vance");
        assertThat(fitted.lastName()).isNull();
        assertThat(fitted.name()).isNull();
        assertThat(dropped).isEmpty();
        assertThat(shape.refusal(fitted)).isEmpty();
    }

    @Test
    void keepsFirstAndLastNameAndNamesEveryFieldItCannotHold() {
        Set<String> dropped = new LinkedHashSet<>();
        NewLead lead = NewLead.builder().name("Ann Lee").firstName("Ann").lastName("Lee").company("Acme")
                .value(new BigDecimal("12.50")).note("call back").status(LeadStatus.WON).source("web")
                .attribution(new Attribution("https://x.example", null, "google", null, null, Map.of("gclid", "g1"),
                        null))
                .build();

        NewLead fitted = shape.fit(lead, dropped);

        assertThat(fitted.firstName()).isEqualTo("Ann");
        assertThat(fitted.lastName()).isEqualTo("Lee");
        assertThat(fitted.attribution().utmSource()).isEqualTo("google");
        assertThat(fitted.attribution().clickIds()).containsEntry("gclid", "g1");
        assertThat(dropped).containsExactlyInAnyOrder("company", "value", "note", "status", "source",
                "attribution.website");
    }

    @Test
    void refusesALeadWithoutFirstName() {
        NewLead fitted = shape.fit(NewLead.builder().email("no-name@example.com").build(), new LinkedHashSet<>());

        assertThat(shape.refusal(fitted)).contains(
                "Nexor requires first_name (firstName, or name when the source has no firstName)");
    }
}
