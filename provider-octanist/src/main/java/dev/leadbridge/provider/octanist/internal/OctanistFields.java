package dev.leadbridge.provider.octanist.internal;

import dev.leadbridge.core.LeadField;
import java.util.List;
import java.util.Set;

/** Octanist field names and value sets, as documented (current and staging docs). */
final class OctanistFields {

    /** Click and analytics ids, in the order of the docs; each is a lead field and an {@code [exists]} filter. */
    static final List<String> CLICK_IDS = List.of("gclid", "dclid", "wbraid", "gbraid", "ga4cid", "ga4sid", "fbc",
            "fbp", "msclkid", "ttclid", "twclid", "rdt_cid", "sccid", "epik", "li_fat_id");

    /** Consent flags, booleans in answers and (as sent by this adapter) in requests. */
    static final List<String> CONSENT = List.of("ad_storage", "ad_user_data", "ad_personalization",
            "analytics_storage");

    /** The source values the list filter accepts. */
    static final Set<String> SOURCES = Set.of("inbound", "gtm", "api", "manual", "wordpress", "import");

    /** The status values the list filter accepts ({@code win} is the legacy spelling of {@code won}). */
    static final Set<String> FILTER_STATUSES = Set.of("open", "qualified", "won", "lost");

    /** The status values PATCH accepts. */
    static final List<String> SETTABLE_STATUSES = List.of("qualified", "won", "lost");

    /** The status a lead has when created. */
    static final String INITIAL_STATUS = "open";

    private OctanistFields() {
    }

    /** The Octanist fields that carry a canonical field; empty for fields Octanist does not have. */
    static List<String> of(LeadField field) {
        return switch (field) {
            case NAME -> List.of("name");
            case EMAIL -> List.of("email");
            case PHONE -> List.of("phone");
            case STATUS -> List.of("status");
            case SOURCE -> List.of("source");
            case VALUE -> List.of("value");
            case NOTE -> List.of("note");
            case LOSS_REASON -> List.of("lossReason");
            case CONVERSION_NAME -> List.of("conversionName");
            case ATTRIBUTION -> attribution();
            case CONSENT -> CONSENT;
            case LABELS -> List.of("labelId");
            case CUSTOM -> List.of("custom");
            case CREATED_AT -> List.of("createdAt");
            case UPDATED_AT -> List.of("updatedAt");
            case QUALIFIED_AT -> List.of("qualifiedAt");
            case EXPIRES_AT -> List.of("expiresAt");
            case FIRST_NAME, LAST_NAME, COMPANY, TITLE, CAMPAIGN, WORKFLOW, ASSIGNEE -> List.of();
        };
    }

    private static List<String> attribution() {
        List<String> fields = new java.util.ArrayList<>(List.of("website", "path"));
        fields.addAll(CLICK_IDS);
        fields.addAll(List.of("utm_source", "utm_medium", "utm_campaign", "googleAdsCampaignId",
                "googleAdsCampaignName", "googleAdsAdGroupId", "googleAdsAdGroupName", "googleAdsAdId"));
        // custom too: UTM values found there fill attribution gaps
        fields.add("custom");
        return List.copyOf(fields);
    }
}
