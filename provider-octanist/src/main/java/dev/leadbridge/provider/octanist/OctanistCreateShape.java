package dev.leadbridge.provider.octanist;

import dev.leadbridge.core.Attribution;
import dev.leadbridge.core.GoogleAds;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.api.CreateShape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an Octanist create holds: one name, email, phone, note, custom, website, path, UTM values, Octanist's own
 * click-id fields and consent; new leads start {@code OPEN}. It needs one of name, email, phone or custom.
 */
public final class OctanistCreateShape implements CreateShape {

    private static final List<String> CLICK_IDS = List.of("gclid", "dclid", "wbraid", "gbraid", "ga4cid", "ga4sid",
            "fbc", "fbp", "msclkid", "ttclid", "twclid", "rdt_cid", "sccid", "epik", "li_fat_id");

    /** Used by {@link java.util.ServiceLoader}. */
    public OctanistCreateShape() {
    }

    @Override
    public String providerId() {
        return OctanistProvider.PROVIDER_ID;
    }

    @Override
    public NewLead fit(NewLead lead, Set<String> dropped) {
        Attribution a = lead.attribution();
        Map<String, String> clickIds = new LinkedHashMap<>();
        a.clickIds().forEach((k, v) -> {
            if (CLICK_IDS.contains(k)) {
                clickIds.put(k, v);
            } else {
                dropped.add("attribution.clickIds." + k);
            }
        });
        if (!GoogleAds.EMPTY.equals(a.googleAds())) {
            dropped.add("attribution.googleAds");
        }
        if (lead.status() != null && lead.status() != LeadStatus.OPEN) {
            dropped.add("status");
        }
        return NewLead.builder()
                .name(CreateShape.singleName(lead, dropped))
                .email(lead.email())
                .phone(lead.phone())
                .note(lead.note())
                .custom(lead.custom())
                .consent(lead.consent())
                .attribution(new Attribution(a.website(), a.path(), a.utmSource(), a.utmMedium(), a.utmCampaign(),
                        clickIds, GoogleAds.EMPTY))
                .company(CreateShape.drop(lead.company(), "company", dropped))
                .title(CreateShape.drop(lead.title(), "title", dropped))
                .source(CreateShape.drop(lead.source(), "source", dropped))
                .value(CreateShape.drop(lead.value(), "value", dropped))
                .campaignId(CreateShape.drop(lead.campaignId(), "campaign", dropped))
                .workflowId(CreateShape.drop(lead.workflowId(), "workflow", dropped))
                .build();
    }

    @Override
    public Optional<String> refusal(NewLead lead) {
        boolean empty = lead.name() == null && lead.email() == null && lead.phone() == null
                && lead.custom().isEmpty();
        return empty ? Optional.of("an Octanist lead needs at least one of name, email, phone or custom")
                : Optional.empty();
    }
}
