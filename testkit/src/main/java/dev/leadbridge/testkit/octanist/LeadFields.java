package dev.leadbridge.testkit.octanist;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The field names and value sets of the Octanist lead object, in the current and the legacy shape. */
final class LeadFields {

    /** Click and analytics ids: all filterable with {@code [exists]} and plain equality. */
    static final List<String> CLICK_IDS = List.of("gclid", "dclid", "wbraid", "gbraid", "ga4cid", "ga4sid", "fbc",
            "fbp", "msclkid", "ttclid", "twclid", "rdt_cid", "sccid", "epik", "li_fat_id");

    /** The current lead object (§5), in response order; dclid, wbraid, gbraid and epik from the staging docs. */
    static final List<String> CURRENT = List.of("id", "name", "email", "phone", "status", "value", "note", "custom",
            "lossReason", "conversionName", "source", "website", "path",
            "gclid", "dclid", "wbraid", "gbraid", "ga4cid", "ga4sid", "fbc", "fbp", "msclkid", "ttclid", "twclid",
            "rdt_cid", "sccid", "epik", "li_fat_id",
            "utm_source", "utm_medium", "utm_campaign",
            "ad_storage", "ad_user_data", "analytics_storage", "ad_personalization",
            "googleAdsCampaignId", "googleAdsCampaignName", "googleAdsAdGroupId", "googleAdsAdGroupName",
            "googleAdsAdId", "labelId", "selectedConversionEventId",
            "createdAt", "updatedAt", "qualifiedAt", "expiresAt");

    /** The legacy (v1.0.0) lead object: the current one without the fields added later, plus {@code currency}. */
    static final List<String> LEGACY = List.of("id", "name", "email", "phone", "status", "value", "currency", "note",
            "custom", "conversionName", "website", "path",
            "gclid", "ga4cid", "ga4sid", "fbc", "fbp", "msclkid", "li_fat_id",
            "utm_source", "utm_medium", "utm_campaign",
            "createdAt", "updatedAt", "qualifiedAt");

    /** Equality filters of the list endpoint (comma-separated values mean OR). */
    static final Set<String> EQUALITY_FILTERS = Set.of("status", "source", "labelId", "website",
            "utm_source", "utm_medium", "utm_campaign");

    /** Timestamp fields that support comparison and {@code [exists]} filters. */
    static final Set<String> DATE_FILTERS = Set.of("createdAt", "updatedAt", "qualifiedAt");

    /** All timestamp fields of the lead object. */
    static final Set<String> TIMESTAMPS = Set.of("createdAt", "updatedAt", "qualifiedAt", "expiresAt");

    /** Consent flags: booleans in responses, booleans or strings in create requests. */
    static final List<String> CONSENT = List.of("ad_storage", "ad_user_data", "analytics_storage",
            "ad_personalization");

    /** Fields a pixel session's stored attribution replaces when a create request carries {@code sessionId}. */
    static final List<String> ATTRIBUTION = List.of("website", "path",
            "gclid", "dclid", "wbraid", "gbraid", "ga4cid", "ga4sid", "fbc", "fbp", "msclkid", "ttclid", "twclid",
            "rdt_cid", "sccid", "epik", "li_fat_id", "utm_source", "utm_medium", "utm_campaign");

    /** String fields accepted by POST /api/leads besides {@code custom}, consent flags and {@code sessionId}. */
    static final List<String> CREATE_STRINGS = List.of("name", "email", "phone", "note", "website", "path",
            "gclid", "dclid", "wbraid", "gbraid", "ga4cid", "ga4sid", "fbc", "fbp", "msclkid", "ttclid", "twclid",
            "rdt_cid", "sccid", "epik", "li_fat_id", "utm_source", "utm_medium", "utm_campaign");

    /** Sort keys accepted by the list endpoint, mapped to the lead field they sort on (snake_case is legacy). */
    static final Map<String, String> SORT_KEYS = Map.ofEntries(
            Map.entry("createdAt", "createdAt"), Map.entry("updatedAt", "updatedAt"),
            Map.entry("qualifiedAt", "qualifiedAt"), Map.entry("expiresAt", "expiresAt"),
            Map.entry("created_at", "createdAt"), Map.entry("updated_at", "updatedAt"),
            Map.entry("qualified_at", "qualifiedAt"),
            Map.entry("value", "value"), Map.entry("name", "name"), Map.entry("email", "email"),
            Map.entry("phone", "phone"), Map.entry("status", "status"), Map.entry("source", "source"));

    /** Lead statuses of the current API. */
    static final Set<String> CURRENT_STATUSES = Set.of("open", "qualified", "won", "lost");

    /** Lead statuses of the legacy API ({@code win}, not {@code won}). */
    static final Set<String> LEGACY_STATUSES = Set.of("open", "qualified", "win", "lost");

    /** Lead sources of the current API. */
    static final Set<String> SOURCES = Set.of("inbound", "gtm", "api", "manual", "wordpress", "import");

    private LeadFields() {
    }
}
