package dev.leadbridge.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a lead came from: the page, the UTM parameters, the click ids and the Google Ads ids.
 *
 * @param website     the site the lead was captured on
 * @param path        the page path
 * @param utmSource   {@code utm_source}
 * @param utmMedium   {@code utm_medium}
 * @param utmCampaign {@code utm_campaign}
 * @param clickIds    click and analytics ids by the provider's field name ({@code gclid}, {@code fbc}, ...); only present ones
 * @param googleAds   Google Ads ids, never null
 */
public record Attribution(String website, String path, String utmSource, String utmMedium, String utmCampaign,
                          Map<String, String> clickIds, GoogleAds googleAds) {

    /** Attribution with nothing known. */
    public static final Attribution EMPTY = new Attribution(null, null, null, null, null, Map.of(), GoogleAds.EMPTY);

    /** Copies the click ids (dropping null or blank values) and replaces a null {@code googleAds} by the empty value. */
    public Attribution {
        Map<String, String> ids = null;  // most leads carry no click id: no map then
        if (clickIds != null) {
            for (Map.Entry<String, String> e : clickIds.entrySet()) {
                String k = e.getKey();
                String v = e.getValue();
                if (k != null && v != null && !v.isBlank()) {
                    if (ids == null) {
                        ids = new LinkedHashMap<>();
                    }
                    ids.put(k, v);
                }
            }
        }
        clickIds = ids == null ? Collections.emptyMap() : Collections.unmodifiableMap(ids);
        googleAds = Objects.requireNonNullElse(googleAds, GoogleAds.EMPTY);
    }

    /** Returns a copy with the UTM values replaced where this one has none. */
    public Attribution withUtmDefaults(String source, String medium, String campaign) {
        if ((utmSource != null || source == null) && (utmMedium != null || medium == null)
                && (utmCampaign != null || campaign == null)) {
            return this;  // nothing to fill: no copy (it copied the click ids again, for every lead read)
        }
        return new Attribution(website, path, utmSource != null ? utmSource : source,
                utmMedium != null ? utmMedium : medium, utmCampaign != null ? utmCampaign : campaign,
                clickIds, googleAds);
    }
}
