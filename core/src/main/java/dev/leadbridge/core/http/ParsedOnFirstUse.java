package dev.leadbridge.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * The fields of an {@link ObjectNode} made by {@link JsonBody#objectAt}: the object's bytes until something looks at
 * them, then the tree {@link JsonBody#tree()} would have made of them (the same mapper and node factory). Every map
 * operation goes to that tree, so the node behaves as any other, mutations included. Parsed at most once; safe to
 * share between threads (a lead is).
 */
final class ParsedOnFirstUse extends AbstractMap<String, JsonNode> {

    private static final ObjectReader READER = ProviderHttpClient.mapper().reader().with(new JsonNodeFactory(false));

    private byte[] bytes;
    private volatile ObjectNode parsed;

    ParsedOnFirstUse(byte[] bytes) {
        this.bytes = bytes;
    }

    private ObjectNode parsed() {
        ObjectNode node = parsed;
        if (node == null) {
            synchronized (this) {
                node = parsed;
                if (node == null) {
                    try {
                        node = (ObjectNode) READER.readTree(bytes);
                    } catch (IOException | ClassCastException e) {
                        // the reader that made this node read through these bytes as an object already
                        throw new IllegalStateException("an object's bytes no longer parse as an object", e);
                    }
                    parsed = node;
                    bytes = null;
                }
            }
        }
        return node;
    }

    @Override
    public Set<Map.Entry<String, JsonNode>> entrySet() {
        return parsed().properties();
    }

    @Override
    public int size() {
        return parsed().size();
    }

    @Override
    public JsonNode get(Object key) {
        return key instanceof String name ? parsed().get(name) : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public JsonNode put(String key, JsonNode value) {
        return parsed().replace(key, value);
    }

    @Override
    public JsonNode remove(Object key) {
        return key instanceof String name ? parsed().remove(name) : null;
    }

    @Override
    public void clear() {
        parsed().removeAll();
    }
}
