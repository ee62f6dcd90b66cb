package dev.leadbridge.provider.nexor.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbridge.core.JsonValues;
import dev.leadbridge.core.Reference;
import dev.leadbridge.core.canonical.Instants;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small tolerant readers of Nexor JSON values; each raises a malformed-response error for a wrong type. */
final class NexorJson {

    private NexorJson() {
    }

    /** The instant of a timestamp text, converted to UTC; null for null or blank. */
    static Instant instant(String text, String field, NexorReadContext ctx) {
        try {
            return Instants.parse(text);
        } catch (java.time.DateTimeException e) {
            throw ctx.malformed("'" + field + "' is not an ISO-8601 timestamp");
        }
    }

    /** The node as an object node, or null when absent or JSON null; anything else is malformed. */
    static JsonNode objectOrNull(JsonNode node, String field, NexorReadContext ctx) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (!node.isObject()) {
            throw ctx.malformed("'" + field + "' is not an object");
        }
        return node;
    }

    /** The object's entries as plain JSON-like values; empty for null. */
    static Map<String, Object> map(JsonNode node, String field, NexorReadContext ctx) {
        JsonNode object = objectOrNull(node, field, ctx);
        return object == null ? Map.of() : JsonValues.mapFromTree(object);
    }

    /** A scalar as text (numbers and booleans in their JSON spelling), null for null; objects and arrays are malformed. */
    static String scalarText(JsonNode node, String field, NexorReadContext ctx) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isContainerNode()) {
            throw ctx.malformed("'" + field + "' is not a text value");
        }
        return node.asText();
    }

    /** A reference from an object {@code {id, name, ...}}: the other members become its attributes. */
    static Reference reference(JsonNode node, String field, NexorReadContext ctx) {
        JsonNode object = objectOrNull(node, field, ctx);
        if (object == null) {
            return null;
        }
        String id = scalarText(object.get("id"), field + ".id", ctx);
        String name = scalarText(object.get("name"), field + ".name", ctx);
        Map<String, Object> attributes = new LinkedHashMap<>(JsonValues.mapFromTree(object));
        attributes.remove("id");
        attributes.remove("name");
        return new Reference(id, name, attributes);
    }
}
