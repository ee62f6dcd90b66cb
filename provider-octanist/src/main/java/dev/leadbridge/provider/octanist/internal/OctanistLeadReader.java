package dev.leadbridge.provider.octanist.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbridge.core.Lead;
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
     * Reads one lead object: converts it to the wire DTO, then maps it.
     *
     * @throws MalformedResponseException when a value has the wrong type or format
     */
    Lead read(JsonNode node) {
        OctanistReadContext ctx = new OctanistReadContext(connection, providerId, statusMapping, defaultRegion, node,
                details);
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
                text(node, "googleAdsAdId", ctx), node.get("labelId"), text(node, "createdAt", ctx),
                text(node, "updatedAt", ctx), text(node, "qualifiedAt", ctx), text(node, "expiresAt", ctx));
    }

    private static String text(JsonNode lead, String field, OctanistReadContext ctx) {
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
        throw new MalformedResponseException("the provider's answer does not have the documented shape ('" + field
                + "' must be a number)", ctx.details());
    }
}
