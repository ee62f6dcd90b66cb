package dev.leadbridge.provider.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.core.Consent;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.api.CreateShape;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkspaceCreateShapeTest {

    private final CreateShape shape = CreateShape.find("workspace-v1").orElseThrow();

    @Test
    void keepsStatusAndSourceAndDropsWhatTheCreateCannotHold() {
        Set<String> dropped = new LinkedHashSet<>();
        NewLead lead = NewLead.builder().name("Ann Lee").email("a@example.com").status(LeadStatus.QUALIFIED)
                .source("chat").note("n").consent(new Consent(true, null, null, null)).build();

        NewLead fitted = shape.fit(lead, dropped);

        assertThat(fitted.status()).isEqualTo(LeadStatus.QUALIFIED);
        assertThat(fitted.source()).isEqualTo("chat");
        assertThat(fitted.note()).isNull();
        assertThat(dropped).containsExactlyInAnyOrder("note", "consent");
        assertThat(shape.refusal(fitted)).isEmpty();
    }

    @Test
    void refusesALeadWithoutNameOrEmail() {
        NewLead fitted = shape.fit(NewLead.builder().name("Ann").build(), new LinkedHashSet<>());

        assertThat(shape.refusal(fitted)).contains("workspace-v1 requires name and email; missing: email");
    }
}
