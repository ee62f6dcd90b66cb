package dev.leadbridge.provider.octanist.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.MalformedResponseException;
import dev.leadbridge.core.http.HttpErrors;
import dev.leadbridge.core.http.ProviderHttpClient;
import dev.leadbridge.provider.octanist.internal.dto.OctanistCreatedDto;
import dev.leadbridge.provider.octanist.internal.dto.OctanistPaginationDto;
import dev.leadbridge.provider.octanist.internal.dto.OctanistUpdatedDto;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The tolerant reader of Octanist answers. Accepts the current envelope {@code {success, data, meta}} and the legacy
 * bare shapes (a bare lead object, a bare array of leads, {@code {"id":...}} from create, {@code {"success":true,
 * "leadId":...}} from update, the flat error {@code {"error":"..."}}); anything else is a
 * {@link MalformedResponseException}, never a {@code NullPointerException} or {@code ClassCastException}.
 */
final class OctanistResponses {

    private OctanistResponses() {
    }

    /**
     * One page of a list answer.
     *
     * @param leads      the lead objects, each an object with an id
     * @param pagination {@code meta.pagination}, or null (legacy bare array, or left out)
     */
    record ListBody(List<JsonNode> leads, OctanistPaginationDto pagination) {
    }

    /** The lead object of GET /leads/{id}: {@code data} of the envelope, or a legacy bare lead object. */
    static JsonNode singleLead(JsonNode body, ErrorDetails details) {
        JsonNode lead;
        if (isEnvelope(body)) {
            requireSuccess(body, details);
            lead = body.get("data");
        } else if (body.isObject() && body.has("id")) {
            lead = body;
        } else {
            throw malformed("a lead was expected, got " + describe(body), details);
        }
        return requireLead(lead, details);
    }

    /**
     * {@code meta.pagination}: read by hand when every component is absent, null or of exactly its type (what the
     * server sends), else by Jackson's data binding with its coercions and errors. Jackson's binding of this small
     * record cost 3 % of reading a whole page of 100 leads.
     */
    static OctanistPaginationDto pagination(JsonNode node, ErrorDetails details) {
        JsonNode limit = node.get("limit");
        JsonNode page = node.get("page");
        JsonNode totalPages = node.get("totalPages");
        JsonNode total = node.get("total");
        JsonNode hasMore = node.get("hasMore");
        if (isNullOr(limit, JsonNode::isInt) && isNullOr(page, n -> n.isInt() || n.isLong())
                && isNullOr(totalPages, JsonNode::isInt) && isNullOr(total, n -> n.isInt() || n.isLong())
                && isNullOr(hasMore, JsonNode::isBoolean)) {
            return new OctanistPaginationDto(isNull(limit) ? null : limit.intValue(),
                    isNull(page) ? null : page.longValue(), isNull(totalPages) ? null : totalPages.intValue(),
                    isNull(total) ? null : total.longValue(), isNull(hasMore) ? null : hasMore.booleanValue());
        }
        return ProviderHttpClient.convert(node, OctanistPaginationDto.class, details);
    }

    private static boolean isNull(JsonNode node) {
        return node == null || node.isNull();
    }

    private static boolean isNullOr(JsonNode node, Predicate<JsonNode> kind) {
        return isNull(node) || kind.test(node);
    }

    /** The leads and pagination of GET /leads: the envelope with a {@code data} array, or a legacy bare array. */
    static ListBody list(JsonNode body, ErrorDetails details) {
        JsonNode array;
        OctanistPaginationDto pagination = null;
        if (body.isArray()) {
            array = body;
        } else if (isEnvelope(body)) {
            requireSuccess(body, details);
            array = body.get("data");
            if (!array.isArray()) {
                throw malformed("'data' of a lead list must be an array, got " + describe(array), details);
            }
            JsonNode meta = body.get("meta");
            if (meta != null && !meta.isNull() && !meta.isObject()) {
                throw malformed("'meta' must be an object, got " + describe(meta), details);
            }
            JsonNode node = meta == null ? null : meta.get("pagination");
            if (node != null && !node.isNull()) {
                if (!node.isObject()) {
                    throw malformed("'meta.pagination' must be an object, got " + describe(node), details);
                }
                pagination = pagination(node, details);
            }
        } else {
            throw malformed("a list of leads was expected, got " + describe(body), details);
        }
        List<JsonNode> leads = new ArrayList<>(array.size());
        for (JsonNode lead : array) {
            leads.add(requireLead(lead, details));
        }
        return new ListBody(leads, pagination);
    }

    /** The id of the created lead: {@code data.id} of the envelope, or {@code id} of the legacy body. */
    static String createdId(JsonNode body, ErrorDetails details) {
        JsonNode node;
        if (isEnvelope(body)) {
            requireSuccess(body, details);
            node = body.get("data");
        } else if (body.isObject()) {
            node = body;
        } else {
            throw malformed("the create answer was expected, got " + describe(body), details);
        }
        if (!node.isObject()) {
            throw malformed("'data' of the create answer must be an object, got " + describe(node), details);
        }
        OctanistCreatedDto created = ProviderHttpClient.convert(node, OctanistCreatedDto.class, details);
        if (created.id() == null || created.id().isBlank()) {
            throw malformed("the create answer has no lead id", details);
        }
        return created.id();
    }

    /**
     * How many leads an update changed: {@code data.leadsUpdated} of the envelope; 1 for the legacy body
     * {@code {"success":true,"leadId":...}}, which names one lead and has no count.
     */
    static int leadsUpdated(JsonNode body, ErrorDetails details) {
        OctanistUpdatedDto updated = updated(body, details);
        if (updated.leadsUpdated() != null) {
            if (updated.leadsUpdated() < 0) {
                throw malformed("'leadsUpdated' is negative", details);
            }
            return updated.leadsUpdated();
        }
        if (updated.leadId() != null) {
            return 1;
        }
        throw malformed("the update answer says neither how many leads nor which lead it updated", details);
    }

    /** Checks an update answer: an empty body is accepted, a body saying {@code success: false} is not. */
    static void checkUpdate(JsonNode body, ErrorDetails details) {
        if (body.isMissingNode()) {
            return;
        }
        updated(body, details);
    }

    private static OctanistUpdatedDto updated(JsonNode body, ErrorDetails details) {
        JsonNode node;
        if (isEnvelope(body)) {
            requireSuccess(body, details);
            node = body.get("data");
        } else if (body.isObject()) {
            requireSuccess(body, details);
            node = body;
        } else {
            throw malformed("the update answer was expected, got " + describe(body), details);
        }
        if (!node.isObject()) {
            throw malformed("'data' of the update answer must be an object, got " + describe(node), details);
        }
        return ProviderHttpClient.convert(node, OctanistUpdatedDto.class, details);
    }

    private static boolean isEnvelope(JsonNode body) {
        return body.isObject() && body.has("data");
    }

    private static void requireSuccess(JsonNode body, ErrorDetails details) {
        JsonNode success = body.get("success");
        if (success != null && !success.isNull() && !(success.isBoolean() && success.booleanValue())) {
            HttpErrors.ErrorBody error = OctanistErrors.read(body);
            String said = error.message() == null ? "" : " (" + (error.code() == null ? "" : error.code() + ": ")
                    + error.message() + ")";
            throw new MalformedResponseException("the provider answered a success status with 'success': "
                    + success + said, details.withResponse(details.httpStatus(), error.code(), error.requestId()));
        }
    }

    private static JsonNode requireLead(JsonNode lead, ErrorDetails details) {
        if (lead == null || !lead.isObject()) {
            throw malformed("a lead must be a JSON object, got " + describe(lead), details);
        }
        JsonNode id = lead.get("id");
        if (id == null || !(id.isTextual() || id.isIntegralNumber()) || id.asText().isBlank()) {
            throw malformed("a lead has no usable 'id'", details);
        }
        return lead;
    }

    private static String text(JsonNode node) {
        return node != null && node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "an empty body";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object without the expected fields";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "something else";
        };
    }

    private static MalformedResponseException malformed(String message, ErrorDetails details) {
        return new MalformedResponseException("the provider's answer does not have the documented shape: "
                + message, details);
    }
}
