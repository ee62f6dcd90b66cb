package dev.leadbridge.core.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.core.UnreadableField;
import dev.leadbridge.core.error.LeadbridgeException;
import dev.leadbridge.core.error.SafeText;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The tolerant reading of one lead's fields, shared by every provider's reader: a field whose value has the wrong
 * type (an epoch number for a timestamp, an object for a text, a boolean for a number) is read as null and recorded
 * here instead of failing the whole page; the lead's {@code raw} keeps the original. Not thread-safe: one page, one
 * reader.
 */
public final class UnreadableFields {

    /** How many lead ids a warning names. */
    public static final int IDS_SHOWN = 3;

    private final List<UnreadableField> fields = new ArrayList<>();
    private String current;

    /** Starts reading the lead with this native id; fields recorded from now on belong to it. */
    public void lead(String nativeId) {
        this.current = nativeId;
    }

    /** Records that {@code field} of the current lead had the wrong type and was read as null. */
    public void add(String field) {
        if (current != null) {
            fields.add(new UnreadableField(current, field));
        }
    }

    /** What a field of a lead must be for {@link #scrub}. */
    public enum Kind {
        /** a scalar (text, or a number or boolean taken as its text): an object or array is unreadable */
        TEXT,
        /** a number or a numeric text: anything else is unreadable */
        NUMBER,
        /** an ISO-8601 text ({@link Instants#parse}): a number (epoch), a boolean, an object or bad text is unreadable */
        TIMESTAMP
    }

    /**
     * The lead object with each field of {@code expected} that has the wrong kind set to null, each recorded for the
     * lead with native id {@code nativeId}; the node itself when every field is readable (the caller keeps the
     * original as {@code raw} either way). For readers that bind a whole lead object to a DTO.
     */
    public JsonNode scrub(JsonNode lead, String nativeId, Map<String, Kind> expected) {
        if (lead == null || !lead.isObject()) {
            return lead;
        }
        lead(nativeId);
        ObjectNode copy = null;
        for (Map.Entry<String, Kind> field : expected.entrySet()) {
            JsonNode value = lead.get(field.getKey());
            if (value == null || value.isNull() || readable(value, field.getValue())) {
                continue;
            }
            if (copy == null) {
                copy = ((ObjectNode) lead).deepCopy();
            }
            copy.putNull(field.getKey());
            add(field.getKey());
        }
        return copy == null ? lead : copy;
    }

    /** Whether {@code value} (not null) is of {@code kind}. */
    public static boolean readable(JsonNode value, Kind kind) {
        return switch (kind) {
            case TEXT -> value.isValueNode();
            case NUMBER -> value.isNumber() || value.isTextual() && isDecimal(value.textValue());
            case TIMESTAMP -> value.isTextual() && isTimestamp(value.textValue());
        };
    }

    private static boolean isDecimal(String text) {
        if (text.isBlank()) {
            return true;
        }
        try {
            new BigDecimal(text.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isTimestamp(String text) {
        try {
            Instants.parse(text);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /**
     * The fields of the wrong type in a lead read earlier, found again by running its reader over the lead's
     * {@code raw} ({@code read} records into the given instance); empty when {@code raw} is not an object or the
     * reader refuses it. For {@code LeadProvider.unreadableFields}: a get returns the lead alone.
     */
    public static List<UnreadableField> reread(JsonNode raw, BiConsumer<JsonNode, UnreadableFields> read) {
        if (raw == null || !raw.isObject()) {
            return List.of();
        }
        UnreadableFields found = new UnreadableFields();
        try {
            read.accept(raw, found);
        } catch (LeadbridgeException e) {
            return List.of();
        }
        return found.list();
    }

    /** What was recorded, in reading order. */
    public List<UnreadableField> list() {
        return List.copyOf(fields);
    }

    /**
     * The one warning of a connection about {@code fields}, or null when there are none: how many leads, which field
     * names, and the first few lead ids.
     */
    public static String warning(Collection<UnreadableField> fields) {
        if (fields.isEmpty()) {
            return null;
        }
        Set<String> ids = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        for (UnreadableField field : fields) {
            ids.add(field.nativeId());
            names.add(field.field());
        }
        List<String> shown = new ArrayList<>();
        for (String id : ids) {
            if (shown.size() == IDS_SHOWN) {
                break;
            }
            shown.add(SafeText.value(id));
        }
        return ids.size() + (ids.size() == 1 ? " lead had" : " leads had") + " fields of the wrong type, read as"
                + " null (the original is in raw): " + String.join(", ", names) + "; e.g. "
                + String.join(", ", shown) + (ids.size() > shown.size() ? ", ..." : "");
    }
}
