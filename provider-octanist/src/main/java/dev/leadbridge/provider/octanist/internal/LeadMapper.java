package dev.leadbridge.provider.octanist.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.leadbridge.core.Attribution;
import dev.leadbridge.core.Consent;
import dev.leadbridge.core.GoogleAds;
import dev.leadbridge.core.JsonValues;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.error.MalformedResponseException;
import dev.leadbridge.core.http.ProviderHttpClient;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mapstruct.Context;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.Named;
import org.mapstruct.ReportingPolicy;

/**
 * Maps the wire lead ({@link LeadDto}) to the canonical {@link Lead}. Status via the connection's
 * {@code StatusMapping} (unseen values give {@code UNKNOWN} with {@code statusRaw} kept); timestamps with offsets
 * converted to UTC (a timestamp without offset is read as UTC); click ids under their Octanist field names;
 * {@code googleAds*} into {@code attribution.googleAds}; consent flags as booleans (the strings {@code true}/
 * {@code granted} and {@code false}/{@code denied} are accepted too); {@code labelId} as the one label;
 * {@code custom} parsed from its JSON text, where text that is not a JSON object is kept whole under
 * {@value #CUSTOM_TEXT_KEY}; UTM values found in {@code custom} fill attribution gaps. Everything else, including
 * {@code selectedConversionEventId}, {@code currency} and unknown fields, stays in {@code raw}.
 */
@Mapper(unmappedTargetPolicy = ReportingPolicy.ERROR)
abstract class LeadMapper {

    /** The {@code custom} key under which text that is not a JSON object is kept. */
    static final String CUSTOM_TEXT_KEY = "_text";

    private static final ObjectReader STRICT_JSON = ProviderHttpClient.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Maps one wire lead. @throws MalformedResponseException when a value has the wrong type or format */
    @Mapping(target = "id", ignore = true)
    @Mapping(target = "connection", expression = "java(ctx.connection())")
    @Mapping(target = "provider", expression = "java(ctx.provider())")
    @Mapping(target = "nativeId", source = "id")
    @Mapping(target = "personKey", ignore = true)
    @Mapping(target = "firstName", ignore = true)
    @Mapping(target = "lastName", ignore = true)
    @Mapping(target = "phoneE164", ignore = true)
    @Mapping(target = "company", ignore = true)
    @Mapping(target = "title", ignore = true)
    @Mapping(target = "status", source = "status", qualifiedByName = "category")
    @Mapping(target = "statusRaw", source = "status")
    @Mapping(target = "attribution", expression = "java(attribution(dto, ctx))")
    @Mapping(target = "consent", expression = "java(consent(dto, ctx))")
    @Mapping(target = "campaign", ignore = true)
    @Mapping(target = "workflow", ignore = true)
    @Mapping(target = "assignee", ignore = true)
    @Mapping(target = "labels", source = "labelId", qualifiedByName = "labels")
    @Mapping(target = "custom", source = "custom", qualifiedByName = "custom")
    @Mapping(target = "createdAt", source = "createdAt", qualifiedByName = "instant")
    @Mapping(target = "updatedAt", source = "updatedAt", qualifiedByName = "instant")
    @Mapping(target = "qualifiedAt", source = "qualifiedAt", qualifiedByName = "instant")
    @Mapping(target = "expiresAt", source = "expiresAt", qualifiedByName = "instant")
    @Mapping(target = "raw", expression = "java(ctx.raw())")
    @Mapping(target = "defaultRegion", expression = "java(ctx.defaultRegion())")
    abstract Lead toLead(LeadDto dto, @Context ReadContext ctx);

    /** Reads one lead object: converts it to the wire DTO, then maps it. */
    Lead read(JsonNode node, ReadContext ctx) {
        return toLead(dto(node, ctx), ctx);
    }

    /**
     * The wire DTO read field by field from the tree, with Jackson's own rules for these types (a string field takes
     * any scalar as its text, a decimal a number or a numeric string, a tree field anything) but without Jackson's
     * bean machinery, which walked the tree a second time through a parser.
     */
    static LeadDto dto(JsonNode node, ReadContext ctx) {
        return new LeadDto(text(node, "id", ctx), text(node, "name", ctx), text(node, "email", ctx),
                text(node, "phone", ctx), text(node, "status", ctx), decimal(node, "value", ctx),
                text(node, "note", ctx), node.get("custom"), text(node, "lossReason", ctx),
                text(node, "conversionName", ctx), text(node, "source", ctx), text(node, "website", ctx),
                text(node, "path", ctx), text(node, "gclid", ctx), text(node, "dclid", ctx), text(node, "wbraid", ctx),
                text(node, "gbraid", ctx), text(node, "ga4cid", ctx), text(node, "ga4sid", ctx),
                text(node, "fbc", ctx), text(node, "fbp", ctx), text(node, "msclkid", ctx), text(node, "ttclid", ctx),
                text(node, "twclid", ctx), text(node, "rdt_cid", ctx), text(node, "sccid", ctx),
                text(node, "epik", ctx), text(node, "li_fat_id", ctx), text(node, "utm_source", ctx),
                text(node, "utm_medium", ctx), text(node, "utm_campaign", ctx), node.get("ad_storage"),
                node.get("ad_user_data"), node.get("ad_personalization"), node.get("analytics_storage"),
                text(node, "googleAdsCampaignId", ctx), text(node, "googleAdsCampaignName", ctx),
                text(node, "googleAdsAdGroupId", ctx), text(node, "googleAdsAdGroupName", ctx),
                text(node, "googleAdsAdId", ctx), node.get("labelId"), text(node, "createdAt", ctx),
                text(node, "updatedAt", ctx), text(node, "qualifiedAt", ctx), text(node, "expiresAt", ctx));
    }

    private static String text(JsonNode lead, String field, ReadContext ctx) {
        JsonNode value = lead.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        throw new MalformedResponseException("the provider's answer does not have the documented shape ('" + field
                + "' must be a string, got " + (value.isArray() ? "an array" : "an object") + ")", ctx.details());
    }

    private static java.math.BigDecimal decimal(JsonNode lead, String field, ReadContext ctx) {
        JsonNode value = lead.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            String text = value.textValue().trim();
            if (text.isEmpty()) {
                return null;
            }
            try {
                return new java.math.BigDecimal(text);
            } catch (NumberFormatException e) {
                // falls through to the error
            }
        }
        throw new MalformedResponseException("the provider's answer does not have the documented shape ('" + field
                + "' must be a number)", ctx.details());
    }

    @Named("category")
    LeadStatus category(String raw, @Context ReadContext ctx) {
        return ctx.statusMapping().categoryOf(raw);
    }

    @Named("instant")
    Instant instant(String text, @Context ReadContext ctx) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.trim();
        Instant fast = utcInstant(s);
        if (fast != null) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeException e) {
            try {
                return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
            } catch (DateTimeException ignored) {
                throw new MalformedResponseException("the provider's answer has a timestamp that is not ISO-8601: '"
                        + shorten(s) + "'", ctx.details(), e);
            }
        }
    }

    /**
     * The instant of the shape Octanist sends, {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, read without a formatter; null
     * for any other shape (or an out-of-range field), which the caller then reads the general way.
     */
    static Instant utcInstant(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
                || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        int nano = 0;
        if (n > 20) {
            if (s.charAt(19) != '.' || n == 21) {
                return null;
            }
            int fraction = digits(s, 20, n - 1);
            if (fraction < 0) {
                return null;
            }
            nano = fraction;
            for (int i = n - 1 - 20; i < 9; i++) {
                nano *= 10;
            }
        } else if (s.charAt(19) != 'Z') {
            return null;
        }
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nano).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal value of {@code s[from, to)}, or -1 when it holds anything but ASCII digits. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    @Named("labels")
    List<String> labels(JsonNode labelId, @Context ReadContext ctx) {
        if (labelId == null || labelId.isNull()) {
            return List.of();
        }
        if (labelId.isTextual() || labelId.isNumber()) {
            return labelId.asText().isBlank() ? List.of() : List.of(labelId.asText());
        }
        if (labelId.isArray()) {
            List<String> labels = new ArrayList<>();
            for (JsonNode label : labelId) {
                if (!(label.isTextual() || label.isNumber() || label.isNull())) {
                    throw new MalformedResponseException("the provider's answer has a 'labelId' entry that is not"
                            + " a string", ctx.details());
                }
                if (!label.isNull() && !label.asText().isBlank()) {
                    labels.add(label.asText());
                }
            }
            return labels;
        }
        throw new MalformedResponseException("the provider's answer has a 'labelId' that is not a string",
                ctx.details());
    }

    /**
     * The lead's free-form data: {@code custom} is JSON text; when it parses to an object, that object; otherwise
     * (plain text, an array, a number, invalid JSON) the text whole under {@value #CUSTOM_TEXT_KEY}. A custom that is
     * already an object is taken as it is; null or blank gives an empty map.
     */
    @Named("custom")
    Map<String, Object> custom(JsonNode custom, @Context ReadContext ctx) {
        if (custom == null || custom.isNull() || custom.isMissingNode()) {
            return Map.of();
        }
        if (custom.isObject()) {
            return JsonValues.mapFromTree(custom);
        }
        if (!custom.isTextual()) {
            return Map.of(CUSTOM_TEXT_KEY, custom.isValueNode() ? custom.asText() : custom.toString());
        }
        String text = custom.asText();
        if (text.isBlank()) {
            return Map.of();
        }
        try {
            JsonNode parsed = STRICT_JSON.readTree(text);
            if (parsed != null && parsed.isObject()) {
                return JsonValues.mapFromTree(parsed);
            }
        } catch (JsonProcessingException e) {
            // not JSON: kept as text below
        }
        return Map.of(CUSTOM_TEXT_KEY, text);
    }

    Attribution attribution(LeadDto dto, ReadContext ctx) {
        Map<String, String> clickIds = new LinkedHashMap<>();
        clickIds.put("gclid", dto.gclid());
        clickIds.put("dclid", dto.dclid());
        clickIds.put("wbraid", dto.wbraid());
        clickIds.put("gbraid", dto.gbraid());
        clickIds.put("ga4cid", dto.ga4cid());
        clickIds.put("ga4sid", dto.ga4sid());
        clickIds.put("fbc", dto.fbc());
        clickIds.put("fbp", dto.fbp());
        clickIds.put("msclkid", dto.msclkid());
        clickIds.put("ttclid", dto.ttclid());
        clickIds.put("twclid", dto.twclid());
        clickIds.put("rdt_cid", dto.rdtCid());
        clickIds.put("sccid", dto.sccid());
        clickIds.put("epik", dto.epik());
        clickIds.put("li_fat_id", dto.liFatId());
        GoogleAds googleAds = new GoogleAds(dto.googleAdsCampaignId(), dto.googleAdsCampaignName(),
                dto.googleAdsAdGroupId(), dto.googleAdsAdGroupName(), dto.googleAdsAdId());
        Attribution attribution = new Attribution(dto.website(), dto.path(), dto.utmSource(), dto.utmMedium(),
                dto.utmCampaign(), clickIds, googleAds);
        Map<String, Object> custom = custom(dto.custom(), ctx);
        return attribution.withUtmDefaults(string(custom.get("utm_source")), string(custom.get("utm_medium")),
                string(custom.get("utm_campaign")));
    }

    Consent consent(LeadDto dto, ReadContext ctx) {
        return new Consent(flag(dto.adStorage(), "ad_storage", ctx), flag(dto.adUserData(), "ad_user_data", ctx),
                flag(dto.adPersonalization(), "ad_personalization", ctx),
                flag(dto.analyticsStorage(), "analytics_storage", ctx));
    }

    private static Boolean flag(JsonNode node, String field, ReadContext ctx) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            switch (node.asText().trim().toLowerCase(Locale.ROOT)) {
                case "true", "granted" -> {
                    return Boolean.TRUE;
                }
                case "false", "denied" -> {
                    return Boolean.FALSE;
                }
                case "" -> {
                    return null;
                }
                default -> {
                    // falls through to the error
                }
            }
        }
        throw new MalformedResponseException("the provider's answer has a '" + field + "' that is not a boolean",
                ctx.details());
    }

    private static String string(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
