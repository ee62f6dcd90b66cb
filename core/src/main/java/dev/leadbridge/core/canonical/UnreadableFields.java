package dev.leadbridge.core.canonical;

import dev.leadbridge.core.UnreadableField;
import dev.leadbridge.core.error.SafeText;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
