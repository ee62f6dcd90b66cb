package dev.leadbridge.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
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

    /** Jackson's parser with its defaults, as the providers' mapper has them, for {@link #objectFromJson}. */
    private static final JsonFactory JSON = new JsonFactory();

    private JsonValues() {
    }

    /** Converts a tree to plain values; an object becomes an ordered unmodifiable map. */
    public static Object fromTree(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            LinkedHashMap<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                map.put(e.getKey(), fromTree(e.getValue()));
            }
            return new FrozenMap(map);
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

    /**
     * The plain values of JSON text that is one object, read without building a tree: what {@link #mapFromTree}
     * gives for the same text read as a tree. Null when the text is not a lone JSON object (invalid JSON, another
     * value, trailing content) or holds a decimal number, whose normalisation is the tree's: the caller then reads
     * the text as a tree (a provider's {@code custom} text, for example, is read for every lead).
     */
    public static Map<String, Object> objectFromJson(String text) {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Object value = plainValue(parser);
            if (value == null || parser.nextToken() != null) {
                return null;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) value;
            return map;
        } catch (IOException e) {
            return null;  // not JSON: the tree path gives the caller's answer and its error
        }
    }

    /** The value at the parser's current token as a plain value; null for a decimal number (not handled here). */
    private static Object plainValue(JsonParser parser) throws IOException {
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                LinkedHashMap<String, Object> map = new LinkedHashMap<>();
                for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                    parser.nextToken();
                    Object value = parser.currentToken() == JsonToken.VALUE_NULL ? NULL : plainValue(parser);
                    if (value == null) {
                        return null;
                    }
                    map.put(name, value == NULL ? null : value);
                }
                return new FrozenMap(map);
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    Object value = t == JsonToken.VALUE_NULL ? NULL : plainValue(parser);
                    if (value == null) {
                        return null;
                    }
                    list.add(value == NULL ? null : value);
                }
                return Collections.unmodifiableList(list);
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NUMBER_INT -> {
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? parser.getBigIntegerValue()
                        : (Object) parser.getLongValue();
            }
            default -> {
                return null;  // a decimal number (or anything unexpected): the tree path decides
            }
        }
    }

    /** Stands for a JSON null inside {@link #plainValue} (whose null means "not handled here"). */
    private static final Object NULL = new Object();

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

    /**
     * Makes a deeply unmodifiable copy of a map of JSON-like values; null gives an empty map. A map this class built
     * (from a tree, from JSON text or by an earlier freeze) is already that, and is returned as it is.
     */
    public static Map<String, Object> freezeMap(Map<String, ?> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        if (map instanceof FrozenMap frozen) {
            return frozen;
        }
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, freeze(v)));
        return new FrozenMap(copy);
    }

    private static Object freeze(Object value) {
        if (value instanceof FrozenMap) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), freeze(v)));
            return new FrozenMap(copy);
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
