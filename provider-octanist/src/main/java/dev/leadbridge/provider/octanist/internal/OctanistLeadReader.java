package dev.leadbridge.provider.octanist.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.canonical.UnreadableFields;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.MalformedResponseException;
import dev.leadbridge.core.spi.StatusMapping;
import dev.leadbridge.provider.octanist.internal.dto.OctanistLeadDto;

/**
 * Reads one Octanist lead object into the canonical {@link Lead}: the tree to the wire DTO with precise
 * "malformed" errors, then {@link OctanistLeadMapper} for the mapping. Thread-safe.
 */
final class OctanistLeadReader {

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
     * Reads one lead object: converts it to the wire DTO, then maps it. A text, number or timestamp field of the wrong
     * type is read as null and recorded in {@code unreadable} ({@code raw} keeps it).
     *
     * @throws MalformedResponseException when a structured value (labels, consent, ...) has the wrong type
     */
    Lead read(JsonNode node, UnreadableFields unreadable) {
        OctanistReadContext ctx = new OctanistReadContext(connection, providerId, statusMapping, defaultRegion, node,
                details, unreadable, OctanistLeadMapper.custom(node.get("custom")));
        JsonNode id = node.get("id");
        unreadable.lead(id == null ? null : id.asText());
        return mapper.toLead(dto(node, ctx), ctx);
    }

    /**
     * The wire DTO read field by field from the tree, with Jackson's own rules for these types (a string field takes
     * any scalar as its text, a decimal a number or a numeric string, a tree field anything) but without Jackson's
     * bean machinery, which walked the tree a second time through a parser.
     */
    static OctanistLeadDto dto(JsonNode node, OctanistReadContext ctx) {
        return new OctanistLeadDto(text(node, "id", ctx), text(node, "name", ctx), text(node, "email", ctx),
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
                text(node, "googleAdsAdId", ctx), node.get("labelId"), timestamp(node, "createdAt", ctx),
                timestamp(node, "updatedAt", ctx), timestamp(node, "qualifiedAt", ctx), timestamp(node, "expiresAt", ctx));
    }

    private static String text(JsonNode lead, String field, OctanistReadContext ctx) {
        JsonNode value = lead.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        ctx.unreadable().add(field);
        return null;
    }

    /** A timestamp field: its text, or null (recorded as unreadable) when it is not text, e.g. epoch seconds. */
    private static String timestamp(JsonNode lead, String field, OctanistReadContext ctx) {
        JsonNode value = lead.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        ctx.unreadable().add(field);
        return null;
    }

    private static java.math.BigDecimal decimal(JsonNode lead, String field, OctanistReadContext ctx) {
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
        ctx.unreadable().add(field);
        return null;
    }
}
