package dev.leadbridge.core;

import java.util.Map;

/**
 * A named object a lead points to, such as its campaign, workflow or assignee: an id, a name and whatever else
 * the provider said about it.
 *
 * @param id         the provider's id of the object, may be null
 * @param name       its display name, may be null
 * @param attributes further attributes as the provider gave them (JSON-like values), never null
 */
public record Reference(String id, String name, Map<String, Object> attributes) {

    /** Makes a deeply unmodifiable copy of the attributes. */
    public Reference {
        attributes = JsonValues.freezeMap(attributes);
    }

    /** A reference with only an id and a name. */
    public static Reference of(String id, String name) {
        return new Reference(id, name, Map.of());
    }
}
