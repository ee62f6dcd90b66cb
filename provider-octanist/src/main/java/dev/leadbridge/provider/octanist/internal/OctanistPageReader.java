package dev.leadbridge.provider.octanist.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.canonical.UnreadableFields;
import dev.leadbridge.core.http.JsonBody;
import dev.leadbridge.provider.octanist.internal.dto.OctanistPaginationDto;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a page of {@code GET /leads} straight from the answer's bytes: each lead's fields that the mapper needs are
 * taken from the stream, and its {@code raw} keeps the object's bytes until someone looks at it
 * ({@link JsonBody#objectAt}). No tree of the page is built: that tree was half of the CPU and most of the memory a
 * page cost, and an export that does not ask for {@code raw} never needed it.
 *
 * <p>Only the current envelope in its plain form is read here: an object with {@code data} (an array of lead objects,
 * each with a usable id), {@code success} absent, null or true, {@code meta} absent, null or an object. For anything
 * else (the legacy bare array, an error, a duplicate key of the envelope, a lead without an id, a value the mapper
 * refuses, a body that is not JSON) {@link #read} answers null and the caller reads the body as a tree
 * ({@link OctanistResponses#list}), which gives the same leads or the same typed error as before: this reader adds
 * no rule of its own. Thread-safe.
 */
final class OctanistPageReader {

    /** Each field the lead reader needs, by name: its slot in a lead's values. */
    private static final Map<String, Integer> SLOTS = new HashMap<>();

    static {
        for (String field : OctanistLeadReader.FIELDS) {
            SLOTS.put(field, SLOTS.size());
        }
    }

    private static final int ID = SLOTS.get("id");

    /**
     * One page as read here.
     *
     * @param leads      the page's leads, mapped
     * @param pagination {@code meta.pagination}, or null
     * @param unreadable the fields of the wrong type read as null
     */
    record Page(List<Lead> leads, OctanistPaginationDto pagination, UnreadableFields unreadable) {
    }

    private OctanistPageReader() {
    }

    /** The page, or null when the body is not the plain envelope (read it as a tree then, see the class comment). */
    static Page read(JsonBody body, OctanistLeadReader reader) {
        UnreadableFields unreadable = new UnreadableFields();
        try (JsonParser parser = body.parser()) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            List<Lead> leads = null;
            JsonNode success = null;
            JsonNode meta = null;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "data" -> {
                        if (leads != null || value != JsonToken.START_ARRAY) {
                            return null;
                        }
                        leads = leads(parser, body, reader, unreadable);
                        if (leads == null) {
                            return null;
                        }
                    }
                    case "success" -> {
                        if (success != null) {
                            return null;
                        }
                        success = tree(parser, value);
                    }
                    case "meta" -> {
                        if (meta != null) {
                            return null;
                        }
                        meta = tree(parser, value);
                    }
                    default -> parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT || leads == null || !isNullOr(success, JsonNode::isBoolean)
                    || success != null && success.isBoolean() && !success.booleanValue()
                    || !isNullOr(meta, JsonNode::isObject)) {
                return null;
            }
            JsonNode pagination = meta == null || meta.isNull() ? null : meta.get("pagination");
            if (!isNullOr(pagination, JsonNode::isObject)) {
                return null;
            }
            return new Page(leads, pagination == null || pagination.isNull() ? null
                    : OctanistResponses.pagination(pagination, body.details()), unreadable);
        } catch (IOException | RuntimeException e) {
            // not the plain envelope after all, or a lead the mapper refuses: the tree path says what is wrong
            return null;
        }
    }

    private static List<Lead> leads(JsonParser parser, JsonBody body, OctanistLeadReader reader,
                                    UnreadableFields unreadable) throws IOException {
        List<Lead> leads = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.START_OBJECT) {
                return null;
            }
            long start = parser.currentTokenLocation().getByteOffset();
            Object[] values = new Object[SLOTS.size()];
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                Integer slot = SLOTS.get(parser.currentName());
                JsonToken value = parser.nextToken();
                if (slot == null) {
                    parser.skipChildren();  // kept in raw only
                } else {
                    values[slot] = value == JsonToken.VALUE_STRING ? parser.getText() : tree(parser, value);
                }
            }
            long end = parser.currentTokenLocation().getByteOffset() + 1;
            if (start < 0 || !usableId(values[ID])) {
                return null;
            }
            leads.add(reader.read(new Slots(values), body.objectAt((int) start, (int) end), unreadable));
        }
        return leads;
    }

    /**
     * One lead's values by slot. The lead reader asks for its fields in the order of {@link OctanistLeadReader#FIELDS},
     * with the same string constants: a cursor answers those by identity without hashing; any other name is looked up.
     */
    private static final class Slots implements OctanistLeadReader.Fields {
        private final Object[] values;
        private int next;

        Slots(Object[] values) {
            this.values = values;
        }

        @Override
        public Object get(String name) {
            if (next < values.length && OctanistLeadReader.FIELDS.get(next) == name) {
                return values[next++];
            }
            Integer slot = SLOTS.get(name);
            return slot == null ? null : values[slot];
        }
    }

    /** The id rule of {@link OctanistResponses#list}: a text or an integral number, not blank. */
    private static boolean usableId(Object id) {
        if (id instanceof String text) {
            return !text.isBlank();
        }
        return id instanceof JsonNode node && node.isIntegralNumber();
    }

    /**
     * The value at the parser as the tree would hold it. Nulls, booleans and integers are made here (as Jackson's
     * tree reader makes them, with no features that change them enabled on the mapper); everything else, decimals
     * included (whose trailing zeros the tree reader strips), by Jackson itself, which costs a deserialisation
     * context per call: four consent flags per lead did.
     */
    private static JsonNode tree(JsonParser parser, JsonToken value) throws IOException {
        return switch (value) {
            case VALUE_NULL -> NullNode.getInstance();
            case VALUE_TRUE -> BooleanNode.TRUE;
            case VALUE_FALSE -> BooleanNode.FALSE;
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> IntNode.valueOf(parser.getIntValue());
                case LONG -> LongNode.valueOf(parser.getLongValue());
                default -> parser.readValueAsTree();
            };
            default -> parser.readValueAsTree();
        };
    }

    private static boolean isNullOr(JsonNode node, java.util.function.Predicate<JsonNode> kind) {
        return node == null || node.isNull() || kind.test(node);
    }
}
