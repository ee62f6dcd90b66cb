package dev.leadbridge.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.core.Attribution;
import dev.leadbridge.core.Consent;
import dev.leadbridge.core.GoogleAds;
import dev.leadbridge.core.JsonValues;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.Reference;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON forms of a lead's nested values as the store keeps them (the same shapes as the JSON export:
 * {@code attribution}, {@code consent}, references as {@code {id, name, ...}}, {@code labels}, {@code custom},
 * {@code raw}), and the content hash that tells whether a lead changed. Decimals stay exact both ways.
 */
public final class LeadCodec {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** Cloned for each hash: cheaper than looking the algorithm up among the providers every time. */
    private static final MessageDigest SHA_256 = newSha256();

    private LeadCodec() {
    }

    /**
     * One lead's nested values as JSON text, and the hash of its content (every canonical field except
     * {@code raw}).
     *
     * @param attribution the attribution object
     * @param consent     the consent object
     * @param campaign    the campaign reference or null
     * @param workflow    the workflow reference or null
     * @param assignee    the assignee reference or null
     * @param labels      the labels array
     * @param custom      the custom object
     * @param raw         the provider's JSON
     * @param contentHash hex SHA-256 of the canonical content
     */
    public record Encoded(String attribution, String consent, String campaign, String workflow, String assignee,
                          String labels, String custom, String raw, String contentHash) {
    }

    /**
     * Encodes the nested values of a lead and hashes its content. Attribution, consent and labels are written as
     * text directly (no tree, no generator: this runs for every lead every sync writes); the text is the same as
     * the trees of {@link #attribution(Attribution)} etc. give, so the hashes already stored stay valid.
     */
    public static Encoded encode(Lead lead) {
        String attribution = attributionJson(lead.attribution());
        String consent = consentJson(lead.consent());
        String campaign = lead.campaign() == null ? null : write(reference(lead.campaign()));
        String workflow = lead.workflow() == null ? null : write(reference(lead.workflow()));
        String assignee = lead.assignee() == null ? null : write(reference(lead.assignee()));
        String labels = labelsJson(lead.labels());
        String custom = lead.custom() != null && lead.custom().isEmpty() ? "{}"
                : write(JsonValues.toTree(lead.custom()));
        String raw = write(lead.raw());
        StringBuilder content = new StringBuilder(512);
        for (Object part : new Object[] {lead.id(), lead.connection(), lead.provider(), lead.nativeId(),
            lead.personKey(), lead.name(), lead.firstName(), lead.lastName(), lead.email(), lead.phone(),
            lead.phoneE164(), lead.company(), lead.title(), lead.status(), lead.statusRaw(), lead.source(),
            lead.value() == null ? null : lead.value().toPlainString(), lead.note(), lead.lossReason(),
            lead.conversionName(), attribution, consent, campaign, workflow, assignee, labels, custom,
            Dialect.text(lead.createdAt()), Dialect.text(lead.updatedAt()), Dialect.text(lead.qualifiedAt()),
            Dialect.text(lead.expiresAt())}) {
            content.append(part == null ? "\u0000" : part.toString()).append('\u0001');
        }
        return new Encoded(attribution, consent, campaign, workflow, assignee, labels, custom, raw,
                sha256(content.toString()));
    }

    /** The JSON of an attribution, as {@link #attribution(Attribution)}'s tree writes. */
    static String attributionJson(Attribution a) {
        StringBuilder out = new StringBuilder(256).append('{');
        field(out, "website", a.website()).append(',');
        field(out, "path", a.path()).append(',');
        field(out, "utmSource", a.utmSource()).append(',');
        field(out, "utmMedium", a.utmMedium()).append(',');
        field(out, "utmCampaign", a.utmCampaign()).append(",\"clickIds\":{");
        boolean first = true;
        for (Map.Entry<String, String> e : a.clickIds().entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            field(out, e.getKey(), e.getValue());
        }
        GoogleAds ads = a.googleAds();
        out.append("},\"googleAds\":{");
        field(out, "campaignId", ads.campaignId()).append(',');
        field(out, "campaignName", ads.campaignName()).append(',');
        field(out, "adGroupId", ads.adGroupId()).append(',');
        field(out, "adGroupName", ads.adGroupName()).append(',');
        field(out, "adId", ads.adId());
        return out.append("}}").toString();
    }

    /** The JSON of a consent, as {@link #consent(Consent)}'s tree writes. */
    static String consentJson(Consent c) {
        return "{\"adStorage\":" + c.adStorage() + ",\"adUserData\":" + c.adUserData()
                + ",\"adPersonalization\":" + c.adPersonalization() + ",\"analyticsStorage\":"
                + c.analyticsStorage() + "}";
    }

    /** The JSON array of labels. */
    static String labelsJson(List<String> labels) {
        if (labels.isEmpty()) {
            return "[]";
        }
        StringBuilder out = new StringBuilder(64).append('[');
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            quote(out, labels.get(i));
        }
        return out.append(']').toString();
    }

    private static StringBuilder field(StringBuilder out, String name, String value) {
        quote(out, name).append(':');
        return quote(out, value);
    }

    /**
     * Appends a JSON string (or {@code null}) escaped as Jackson's generator escapes by default: quote, backslash
     * and the control characters below U+0020 (backspace, tab, newline, form feed and return as two-character
     * escapes, the others as six-character ones with upper-case hex digits), nothing else. Written by hand because the encoding runs for every lead written and a generator per value costs
     * more than the text; {@code LeadCodecTest} checks it against Jackson's own output.
     */
    static StringBuilder quote(StringBuilder out, String value) {
        if (value == null) {
            return out.append("null");
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                out.append(c);
                continue;
            }
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.append('"');
    }

    /** Reads an attribution written by {@link #encode}. */
    public static Attribution attribution(String json) {
        JsonNode n = read(json);
        if (n == null || !n.isObject()) {
            return Attribution.EMPTY;
        }
        Map<String, String> clickIds = new LinkedHashMap<>();
        JsonNode ids = n.path("clickIds");
        for (Iterator<Map.Entry<String, JsonNode>> it = ids.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            clickIds.put(e.getKey(), e.getValue().asText());
        }
        JsonNode g = n.path("googleAds");
        GoogleAds ads = new GoogleAds(text(g, "campaignId"), text(g, "campaignName"), text(g, "adGroupId"),
                text(g, "adGroupName"), text(g, "adId"));
        return new Attribution(text(n, "website"), text(n, "path"), text(n, "utmSource"), text(n, "utmMedium"),
                text(n, "utmCampaign"), clickIds, ads);
    }

    /** Reads a consent written by {@link #encode}. */
    public static Consent consent(String json) {
        JsonNode n = read(json);
        if (n == null || !n.isObject()) {
            return Consent.UNKNOWN;
        }
        return new Consent(bool(n, "adStorage"), bool(n, "adUserData"), bool(n, "adPersonalization"),
                bool(n, "analyticsStorage"));
    }

    /** Reads a reference written by {@link #encode}, or null. */
    public static Reference reference(String json) {
        JsonNode n = read(json);
        if (n == null || !n.isObject()) {
            return null;
        }
        ObjectNode rest = ((ObjectNode) n).deepCopy();
        String id = text(n, "id");
        String name = text(n, "name");
        rest.remove("id");
        rest.remove("name");
        return new Reference(id, name, JsonValues.mapFromTree(rest));
    }

    /** Reads labels written by {@link #encode}. */
    public static List<String> labels(String json) {
        JsonNode n = read(json);
        List<String> labels = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(e -> labels.add(e.asText()));
        }
        return labels;
    }

    /** Reads the custom map written by {@link #encode}. */
    public static Map<String, Object> custom(String json) {
        return JsonValues.mapFromTree(read(json));
    }

    /** Reads the raw JSON written by {@link #encode}. */
    public static JsonNode raw(String json) {
        JsonNode n = read(json);
        return n == null ? NODES.objectNode() : n;
    }

    /** The canonical status of a column value. */
    public static LeadStatus status(String value) {
        try {
            return value == null ? LeadStatus.UNKNOWN : LeadStatus.valueOf(value);
        } catch (IllegalArgumentException e) {
            return LeadStatus.UNKNOWN;
        }
    }

    /** The tree of an attribution (the shape {@link #attributionJson} writes directly). */
    static ObjectNode attribution(Attribution a) {
        ObjectNode n = NODES.objectNode();
        n.put("website", a.website());
        n.put("path", a.path());
        n.put("utmSource", a.utmSource());
        n.put("utmMedium", a.utmMedium());
        n.put("utmCampaign", a.utmCampaign());
        ObjectNode ids = n.putObject("clickIds");
        a.clickIds().forEach(ids::put);
        ObjectNode g = n.putObject("googleAds");
        GoogleAds ads = a.googleAds();
        g.put("campaignId", ads.campaignId());
        g.put("campaignName", ads.campaignName());
        g.put("adGroupId", ads.adGroupId());
        g.put("adGroupName", ads.adGroupName());
        g.put("adId", ads.adId());
        return n;
    }

    /** The tree of a consent (the shape {@link #consentJson} writes directly). */
    static ObjectNode consent(Consent c) {
        ObjectNode n = NODES.objectNode();
        n.put("adStorage", c.adStorage());
        n.put("adUserData", c.adUserData());
        n.put("adPersonalization", c.adPersonalization());
        n.put("analyticsStorage", c.analyticsStorage());
        return n;
    }

    private static ObjectNode reference(Reference r) {
        ObjectNode n = NODES.objectNode();
        n.put("id", r.id());
        n.put("name", r.name());
        r.attributes().forEach((k, v) -> {
            if (!k.equals("id") && !k.equals("name")) {
                n.set(k, JsonValues.toTree(v));
            }
        });
        return n;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Boolean bool(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asBoolean();
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    private static JsonNode read(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the store holds JSON that cannot be read", e);
        }
    }

    private static String sha256(String text) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            digest = newSha256();
        }
        return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
