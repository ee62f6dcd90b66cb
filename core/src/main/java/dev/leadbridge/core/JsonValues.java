package dev.leadbridge.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conversions between Jackson trees and the plain, deeply unmodifiable JSON-like values ({@code Map}, {@code List},
 * {@code String}, {@code BigDecimal}/{@code Long}, {@code Boolean}, null) that the canonical model exposes.
 */
public final class JsonValues {

    private JsonValues() {
    }

    /** Converts a tree to plain values; an object becomes an ordered unmodifiable map. */
    public static Object fromTree(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                map.put(e.getKey(), fromTree(e.getValue()));
            }
            return Collections.unmodifiableMap(map);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(n -> list.add(fromTree(n)));
            return Collections.unmodifiableList(list);
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        return node.asText();
    }

    /** Converts an object node to an unmodifiable map; anything else gives an empty map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> mapFromTree(JsonNode node) {
        Object value = fromTree(node);
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    /** Converts plain values back to a tree. */
    public static JsonNode toTree(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        }
        if (value instanceof JsonNode n) {
            return n.deepCopy();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = f.objectNode();
            map.forEach((k, v) -> node.set(String.valueOf(k), toTree(v)));
            return node;
        }
        if (value instanceof Iterable<?> list) {
            var node = f.arrayNode();
            list.forEach(v -> node.add(toTree(v)));
            return node;
        }
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (value instanceof BigDecimal d) {
            return f.numberNode(d);
        }
        if (value instanceof BigInteger i) {
            return f.numberNode(i);
        }
        if (value instanceof Double || value instanceof Float) {
            return f.numberNode(new BigDecimal(value.toString()));
        }
        if (value instanceof Number n) {
            return f.numberNode(n.longValue());
        }
        return f.textNode(value.toString());
    }

    /** Makes a deeply unmodifiable copy of a map of JSON-like values; null gives an empty map. */
    public static Map<String, Object> freezeMap(Map<String, ?> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, freeze(v)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object freeze(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), freeze(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(freeze(v)));
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof JsonNode node) {
            return fromTree(node);
        }
        return value;
    }
}
