package dev.leadbridge.provider.nexor;

import dev.leadbridge.core.Attribution;
import dev.leadbridge.core.Consent;
import dev.leadbridge.core.GoogleAds;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.api.CreateShape;
import java.util.Optional;
import java.util.Set;

/**
 * What a Nexor create holds: first_name and last_name, email, phone, campaign and workflow ids, and custom data,
 * UTM values and click ids as {@code metadata}; new leads start in their workflow's first status with source
 * {@code api}. It needs first_name: the lead's firstName (and lastName) where it has them, otherwise its full name goes
 * into first_name unsplit (a name is never guessed apart).
 */
public final class NexorCreateShape implements CreateShape {

    /** Used by {@link java.util.ServiceLoader}. */
    public NexorCreateShape() {
    }

    @Override
    public String providerId() {
        return NexorProvider.PROVIDER_ID;
    }

    @Override
    public NewLead fit(NewLead lead, Set<String> dropped) {
        String first = lead.firstName();
        String last = lead.lastName();
        if (first == null && last == null) {
            first = lead.name();
        } else if (lead.name() != null && !lead.name().trim().equals(CreateShape.joinNames(first, last))) {
            dropped.add("name");
        }
        Attribution a = lead.attribution();
        CreateShape.drop(a.website(), "attribution.website", dropped);
        CreateShape.drop(a.path(), "attribution.path", dropped);
        if (!GoogleAds.EMPTY.equals(a.googleAds())) {
            dropped.add("attribution.googleAds");
        }
        if (!Consent.UNKNOWN.equals(lead.consent())) {
            dropped.add("consent");
        }
        if (lead.status() != null && lead.status() != LeadStatus.OPEN) {
            dropped.add("status");
        }
        if (lead.source() != null && !lead.source().equals("api")) {
            dropped.add("source");
        }
        return NewLead.builder()
                .firstName(first)
                .lastName(last)
                .email(lead.email())
                .phone(lead.phone())
                .campaignId(lead.campaignId())
                .workflowId(lead.workflowId())
                .custom(lead.custom())
                .attribution(new Attribution(null, null, a.utmSource(), a.utmMedium(), a.utmCampaign(),
                        a.clickIds(), GoogleAds.EMPTY))
                .company(CreateShape.drop(lead.company(), "company", dropped))
                .title(CreateShape.drop(lead.title(), "title", dropped))
                .value(CreateShape.drop(lead.value(), "value", dropped))
                .note(CreateShape.drop(lead.note(), "note", dropped))
                .build();
    }

    @Override
    public Optional<String> refusal(NewLead lead) {
        return lead.firstName() == null || lead.firstName().isBlank()
                ? Optional.of("Nexor requires first_name (firstName, or name when the source has no firstName)")
                : Optional.empty();
    }
}
