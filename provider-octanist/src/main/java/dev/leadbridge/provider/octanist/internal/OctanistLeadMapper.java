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
import dev.leadbridge.core.canonical.Instants;
import dev.leadbridge.core.canonical.Utm;
import dev.leadbridge.core.error.MalformedResponseException;
import dev.leadbridge.core.http.ProviderHttpClient;
import dev.leadbridge.provider.octanist.internal.dto.OctanistLeadDto;
import java.time.DateTimeException;
import java.time.Instant;
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
 * Maps the wire lead (read from the tree by {@link OctanistLeadReader}) ({@link OctanistLeadDto}) to the canonical {@link Lead}. Status via the connection's
 * {@code StatusMapping} (unseen values give {@code UNKNOWN} with {@code statusRaw} kept); timestamps with offsets
 * converted to UTC (a timestamp without offset is read as UTC); click ids under their Octanist field names;
 * {@code googleAds*} into {@code attribution.googleAds}; consent flags as booleans (the strings {@code true}/
 * {@code granted} and {@code false}/{@code denied} are accepted too); {@code labelId} as the one label;
 * {@code custom} parsed from its JSON text, where text that is not a JSON object is kept whole under
 * {@value #CUSTOM_TEXT_KEY}; UTM values found in {@code custom} fill attribution gaps. Everything else, including
 * {@code selectedConversionEventId}, {@code currency} and unknown fields, stays in {@code raw}.
 */
@Mapper(unmappedTargetPolicy = ReportingPolicy.ERROR, unmappedSourcePolicy = ReportingPolicy.IGNORE)
abstract class OctanistLeadMapper {

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
    @Mapping(target = "custom", expression = "java(ctx.custom())")
    @Mapping(target = "createdAt", expression = "java(instant(dto.createdAt(), \"createdAt\", ctx))")
    @Mapping(target = "updatedAt", expression = "java(instant(dto.updatedAt(), \"updatedAt\", ctx))")
    @Mapping(target = "qualifiedAt", expression = "java(instant(dto.qualifiedAt(), \"qualifiedAt\", ctx))")
    @Mapping(target = "expiresAt", expression = "java(instant(dto.expiresAt(), \"expiresAt\", ctx))")
    @Mapping(target = "raw", expression = "java(ctx.raw())")
    @Mapping(target = "defaultRegion", expression = "java(ctx.defaultRegion())")
    abstract Lead toLead(OctanistLeadDto dto, @Context OctanistReadContext ctx);

    @Named("category")
    LeadStatus category(String raw, @Context OctanistReadContext ctx) {
        return ctx.statusMapping().categoryOf(raw);
    }

    /** A timestamp in UTC; text that is not ISO-8601 is read as null and recorded as unreadable. */
    Instant instant(String text, String field, OctanistReadContext ctx) {
        try {
            return Instants.parse(text);
        } catch (DateTimeException e) {
            ctx.unreadable().add(field);
            return null;
        }
    }

    @Named("labels")
    List<String> labels(JsonNode labelId, @Context OctanistReadContext ctx) {
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
     * already an object is taken as it is; null or blank gives an empty map. Read once per lead, by
     * {@link OctanistLeadReader}, into the context.
     */
    static Map<String, Object> custom(JsonNode custom) {
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
        if (cannotBeAnObject(text)) {
            return Map.of(CUSTOM_TEXT_KEY, text);
        }
        try {
            Map<String, Object> direct = JsonValues.objectFromJson(text);  // no tree unless it holds a decimal
            if (direct != null) {
                return direct;
            }
            // without a decimal, the text is not one JSON object: read as a tree, it would only fail again
            JsonNode parsed = mayHoldADecimal(text) ? STRICT_JSON.readTree(text) : null;
            if (parsed != null && parsed.isObject()) {
                return JsonValues.mapFromTree(parsed);
            }
        } catch (JsonProcessingException e) {
            // not JSON: kept as text below
        }
        return Map.of(CUSTOM_TEXT_KEY, text);
    }

    /**
     * Whether the text's first character after JSON whitespace is printable ASCII other than <code>{</code>: then no
     * JSON parser reads an object from it, and it is kept as text without being parsed twice (once here, once as a
     * tree) and without the parser's error (whose message formatting cost more than the parse) for plain notes.
     */
    static boolean cannotBeAnObject(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return c != '{' && c > ' ' && c < 0x7f;
            }
        }
        return false;
    }

    /**
     * Whether the text has a JSON decimal's mark: a point, or an exponent after a digit. Without one, no number in it
     * is a decimal, and {@link JsonValues#objectFromJson} said all there is to say about it.
     */
    static boolean mayHoldADecimal(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.' || (c == 'e' || c == 'E') && i > 0 && text.charAt(i - 1) >= '0' && text.charAt(i - 1) <= '9') {
                return true;
            }
        }
        return false;
    }

    Attribution attribution(OctanistLeadDto dto, OctanistReadContext ctx) {
        Map<String, String> clickIds = null;  // most leads carry none or one: no map until one is there
        clickIds = clickId(clickIds, "gclid", dto.gclid());
        clickIds = clickId(clickIds, "dclid", dto.dclid());
        clickIds = clickId(clickIds, "wbraid", dto.wbraid());
        clickIds = clickId(clickIds, "gbraid", dto.gbraid());
        clickIds = clickId(clickIds, "ga4cid", dto.ga4cid());
        clickIds = clickId(clickIds, "ga4sid", dto.ga4sid());
        clickIds = clickId(clickIds, "fbc", dto.fbc());
        clickIds = clickId(clickIds, "fbp", dto.fbp());
        clickIds = clickId(clickIds, "msclkid", dto.msclkid());
        clickIds = clickId(clickIds, "ttclid", dto.ttclid());
        clickIds = clickId(clickIds, "twclid", dto.twclid());
        clickIds = clickId(clickIds, "rdt_cid", dto.rdtCid());
        clickIds = clickId(clickIds, "sccid", dto.sccid());
        clickIds = clickId(clickIds, "epik", dto.epik());
        clickIds = clickId(clickIds, "li_fat_id", dto.liFatId());
        GoogleAds googleAds = new GoogleAds(dto.googleAdsCampaignId(), dto.googleAdsCampaignName(),
                dto.googleAdsAdGroupId(), dto.googleAdsAdGroupName(), dto.googleAdsAdId());
        Attribution attribution = new Attribution(dto.website(), dto.path(), dto.utmSource(), dto.utmMedium(),
                dto.utmCampaign(), clickIds, googleAds);
        return Utm.fillFromMetadata(attribution, ctx.custom());
    }

    private static Map<String, String> clickId(Map<String, String> ids, String key, String value) {
        if (value == null || value.isBlank()) {
            return ids;
        }
        Map<String, String> map = ids == null ? new LinkedHashMap<>(4) : ids;
        map.put(key, value);
        return map;
    }

    Consent consent(OctanistLeadDto dto, OctanistReadContext ctx) {
        return new Consent(flag(dto.adStorage(), "ad_storage", ctx), flag(dto.adUserData(), "ad_user_data", ctx),
                flag(dto.adPersonalization(), "ad_personalization", ctx),
                flag(dto.analyticsStorage(), "analytics_storage", ctx));
    }

    private static Boolean flag(JsonNode node, String field, OctanistReadContext ctx) {
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
}
