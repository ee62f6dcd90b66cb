package dev.leadbridge.provider.octanist.internal.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * The Octanist lead object on the wire, current and legacy generations alike. Fields the docs show as plain values
 * are typed; fields whose type varies between doc versions ({@code custom}, consent flags, {@code labelId}) stay
 * trees and are read by {@code OctanistLeadMapper}. Unknown fields are ignored here and kept in the lead's {@code raw}.
 */
public record OctanistLeadDto(
        String id,
        String name,
        String email,
        String phone,
        String status,
        BigDecimal value,
        String note,
        JsonNode custom,
        String lossReason,
        String conversionName,
        String source,
        String website,
        String path,
        String gclid,
        String dclid,
        String wbraid,
        String gbraid,
        String ga4cid,
        String ga4sid,
        String fbc,
        String fbp,
        String msclkid,
        String ttclid,
        String twclid,
        @JsonProperty("rdt_cid") String rdtCid,
        String sccid,
        String epik,
        @JsonProperty("li_fat_id") String liFatId,
        @JsonProperty("utm_source") String utmSource,
        @JsonProperty("utm_medium") String utmMedium,
        @JsonProperty("utm_campaign") String utmCampaign,
        @JsonProperty("ad_storage") JsonNode adStorage,
        @JsonProperty("ad_user_data") JsonNode adUserData,
        @JsonProperty("ad_personalization") JsonNode adPersonalization,
        @JsonProperty("analytics_storage") JsonNode analyticsStorage,
        String googleAdsCampaignId,
        String googleAdsCampaignName,
        String googleAdsAdGroupId,
        String googleAdsAdGroupName,
        String googleAdsAdId,
        JsonNode labelId,
        String createdAt,
        String updatedAt,
        String qualifiedAt,
        String expiresAt) {
}
