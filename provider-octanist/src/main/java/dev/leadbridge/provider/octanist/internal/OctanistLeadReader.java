package dev.leadbridge.provider.octanist.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.canonical.UnreadableFields;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.MalformedResponseException;
import dev.leadbridge.core.spi.StatusMapping;
import dev.leadbridge.provider.octanist.internal.dto.OctanistLeadDto;
import java.math.BigDecimal;
import java.util.List;

/**
 * Reads one Octanist lead object into the canonical {@link Lead}: its fields (from its tree, or as
 * {@link OctanistPageReader} took them from the stream) to the wire DTO with precise "malformed" errors, then
 * {@link OctanistLeadMapper} for the mapping. Thread-safe.
 */
final class OctanistLeadReader {

    /** The field names {@link #dto} reads, for a reader that keeps only these from the stream. */
    static final List<String> FIELDS = List.of("id", "name", "email", "phone", "status", "value",
            "note", "custom", "lossReason", "conversionName", "source", "website", "path", "gclid", "dclid", "wbraid",
            "gbraid", "ga4cid", "ga4sid", "fbc", "fbp", "msclkid", "ttclid", "twclid", "rdt_cid", "sccid", "epik",
            "li_fat_id", "utm_source", "utm_medium", "utm_campaign", "ad_storage", "ad_user_data",
            "ad_personalization", "analytics_storage", "googleAdsCampaignId", "googleAdsCampaignName",
            "googleAdsAdGroupId", "googleAdsAdGroupName", "googleAdsAdId", "labelId", "createdAt", "updatedAt",
            "qualifiedAt", "expiresAt");

    private final OctanistLeadMapper mapper = new OctanistLeadMapperImpl();
    private final String connection;
    private final String providerId;
    private final StatusMapping statusMapping;
    private final String defaultRegion;
    private final ErrorDetails details;

    OctanistLeadReader(String connection, String providerId, StatusMapping statusMapping, String defaultRegion,
                       ErrorDetails details) {
        this.connection = connection;
        this.providerId = providerId;
        this.statusMapping = statusMapping;
        this.defaultRegion = defaultRegion;
        this.details = details;
    }

    /**
     * A lead's fields by name, wherever they were read from: null when absent, a {@code String} or a {@link JsonNode}
     * for a text, a {@link JsonNode} for anything else ({@code NullNode} for JSON null).
     */
    interface Fields {
        /** The value of the named field, or null when the lead has no such field. */
        Object get(String name);
    }

    /**
     * Reads one lead object: converts it to the wire DTO, then maps it. A text, number or timestamp field of the wrong
     * type is read as null and recorded in {@code unreadable} ({@code raw} keeps it).
     *
     * @throws MalformedResponseException when a structured value (labels, consent, ...) has the wrong type
     */
    Lead read(JsonNode node, UnreadableFields unreadable) {
        return read(node::get, node, unreadable);
    }

    /**
     * Reads one lead from its fields as {@link #read(JsonNode, UnreadableFields)} reads them from its tree, for a
     * reader that took them straight from the stream ({@link OctanistPageReader}); {@code raw} is the whole object.
     */
    Lead read(Fields fields, JsonNode raw, UnreadableFields unreadable) {
        OctanistReadContext ctx = new OctanistReadContext(connection, providerId, statusMapping, defaultRegion, raw,
                details, unreadable, OctanistLeadMapper.custom(node(fields.get("custom"))));
        Object id = fields.get("id");
        unreadable.lead(id == null ? null : id instanceof JsonNode n ? n.asText() : (String) id);
        return mapper.toLead(dto(fields, ctx), ctx);
    }

    /**
     * The wire DTO read field by field, with Jackson's own rules for these types (a string field takes any scalar as
     * its text, a decimal a number or a numeric string, a tree field anything) but without Jackson's bean machinery,
     * which walked the tree a second time through a parser.
     */
    private static OctanistLeadDto dto(Fields node, OctanistReadContext ctx) {
        return new OctanistLeadDto(text(node, "id", ctx), text(node, "name", ctx), text(node, "email", ctx),
                text(node, "phone", ctx), text(node, "status", ctx), decimal(node, "value", ctx),
                text(node, "note", ctx), node(node.get("custom")), text(node, "lossReason", ctx),
                text(node, "conversionName", ctx), text(node, "source", ctx), text(node, "website", ctx),
                text(node, "path", ctx), text(node, "gclid", ctx), text(node, "dclid", ctx), text(node, "wbraid", ctx),
                text(node, "gbraid", ctx), text(node, "ga4cid", ctx), text(node, "ga4sid", ctx),
                text(node, "fbc", ctx), text(node, "fbp", ctx), text(node, "msclkid", ctx), text(node, "ttclid", ctx),
                text(node, "twclid", ctx), text(node, "rdt_cid", ctx), text(node, "sccid", ctx),
                text(node, "epik", ctx), text(node, "li_fat_id", ctx), text(node, "utm_source", ctx),
                text(node, "utm_medium", ctx), text(node, "utm_campaign", ctx), node(node.get("ad_storage")),
                node(node.get("ad_user_data")), node(node.get("ad_personalization")),
                node(node.get("analytics_storage")), text(node, "googleAdsCampaignId", ctx),
                text(node, "googleAdsCampaignName", ctx), text(node, "googleAdsAdGroupId", ctx),
                text(node, "googleAdsAdGroupName", ctx), text(node, "googleAdsAdId", ctx), node(node.get("labelId")),
                timestamp(node, "createdAt", ctx), timestamp(node, "updatedAt", ctx),
                timestamp(node, "qualifiedAt", ctx), timestamp(node, "expiresAt", ctx));
    }

    /** A field's value as a tree: a text read from the stream becomes a text node. */
    private static JsonNode node(Object value) {
        return value == null ? null : value instanceof JsonNode n ? n : TextNode.valueOf((String) value);
    }

    /** A text field: any scalar's text, or null (recorded as unreadable) for an object or array. */
    private static String text(Fields lead, String field, OctanistReadContext ctx) {
        return text(lead, field, true, ctx);
    }

    /** A timestamp field: its text, or null (recorded as unreadable) when it is not text, e.g. epoch seconds. */
    private static String timestamp(Fields lead, String field, OctanistReadContext ctx) {
        return text(lead, field, false, ctx);
    }

    private static String text(Fields lead, String field, boolean anyScalar, OctanistReadContext ctx) {
        Object read = lead.get(field);
        if (!(read instanceof JsonNode value)) {
            return (String) read;  // absent, or text read from the stream
        }
        if (value.isNull()) {
            return null;
        }
        if (value.isTextual() || anyScalar && value.isValueNode()) {
            return value.asText();
        }
        ctx.unreadable().add(field);
        return null;
    }

    private static BigDecimal decimal(Fields lead, String field, OctanistReadContext ctx) {
        Object read = lead.get(field);
        if (read == null) {
            return null;
        }
        JsonNode value = read instanceof String text ? TextNode.valueOf(text) : (JsonNode) read;
        if (value.isNull()) {
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
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                // falls through to the error
            }
        }
        ctx.unreadable().add(field);
        return null;
    }
}
