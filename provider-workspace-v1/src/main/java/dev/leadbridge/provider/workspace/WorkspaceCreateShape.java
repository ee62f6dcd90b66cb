package dev.leadbridge.provider.workspace;

import dev.leadbridge.core.Attribution;
import dev.leadbridge.core.Consent;
import dev.leadbridge.core.GoogleAds;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.api.CreateShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a workspace-v1 create holds: one name, email, phone, source, status, custom (sent as {@code metadata}) and
 * the UTM values. It needs name and email (and a connection with a {@code chatbot-id}, which its capabilities say).
 */
public final class WorkspaceCreateShape implements CreateShape {

    /** Used by {@link java.util.ServiceLoader}. */
    public WorkspaceCreateShape() {
    }

    @Override
    public String providerId() {
        return WorkspaceProvider.PROVIDER_ID;
    }

    @Override
    public NewLead fit(NewLead lead, Set<String> dropped) {
        Attribution a = lead.attribution();
        CreateShape.drop(a.website(), "attribution.website", dropped);
        CreateShape.drop(a.path(), "attribution.path", dropped);
        a.clickIds().keySet().forEach(k -> dropped.add("attribution.clickIds." + k));
        if (!GoogleAds.EMPTY.equals(a.googleAds())) {
            dropped.add("attribution.googleAds");
        }
        if (!Consent.UNKNOWN.equals(lead.consent())) {
            dropped.add("consent");
        }
        LeadStatus status = lead.status() == LeadStatus.UNKNOWN ? CreateShape.drop(lead.status(), "status", dropped)
                : lead.status();
        return NewLead.builder()
                .name(CreateShape.singleName(lead, dropped))
                .email(lead.email())
                .phone(lead.phone())
                .source(lead.source())
                .status(status)
                .custom(lead.custom())
                .attribution(new Attribution(null, null, a.utmSource(), a.utmMedium(), a.utmCampaign(), Map.of(),
                        GoogleAds.EMPTY))
                .company(CreateShape.drop(lead.company(), "company", dropped))
                .title(CreateShape.drop(lead.title(), "title", dropped))
                .value(CreateShape.drop(lead.value(), "value", dropped))
                .note(CreateShape.drop(lead.note(), "note", dropped))
                .campaignId(CreateShape.drop(lead.campaignId(), "campaign", dropped))
                .workflowId(CreateShape.drop(lead.workflowId(), "workflow", dropped))
                .build();
    }

    @Override
    public Optional<String> refusal(NewLead lead) {
        List<String> missing = new ArrayList<>();
        if (lead.name() == null || lead.name().isBlank()) {
            missing.add("name");
        }
        if (lead.email() == null || lead.email().isBlank()) {
            missing.add("email");
        }
        return missing.isEmpty() ? Optional.empty()
                : Optional.of("workspace-v1 requires name and email; missing: " + String.join(", ", missing));
    }
}
