package dev.leadbridge.core;

/**
 * The Google Ads identifiers a lead was attributed to. Every component may be null.
 *
 * @param campaignId   Google Ads campaign id
 * @param campaignName Google Ads campaign name
 * @param adGroupId    ad group id
 * @param adGroupName  ad group name
 * @param adId         ad id
 */
public record GoogleAds(String campaignId, String campaignName, String adGroupId, String adGroupName, String adId) {

    /** The value with every component null. */
    public static final GoogleAds EMPTY = new GoogleAds(null, null, null, null, null);

    /** True when no component is set. */
    public boolean isEmpty() {
        return campaignId == null && campaignName == null && adGroupId == null && adGroupName == null && adId == null;
    }
}
