package dev.leadbridge.testkit.octanist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/** Builds empty lead objects and converts a current lead object to the legacy (v1.0.0) shape. */
final class LeadShapes {

    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private LeadShapes() {
    }

    /** A lead id: {@code lead_} and 12 random lower-case alphanumerics. */
    static String newId(Random random) {
        StringBuilder id = new StringBuilder("lead_");
        for (int i = 0; i < 12; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    /** A current-shape lead with every field present and null. */
    static ObjectNode blankCurrent() {
        ObjectNode lead = JsonNodeFactory.instance.objectNode();
        for (String field : LeadFields.CURRENT) {
            lead.putNull(field);
        }
        return lead;
    }

    /** The field list of the given shape. */
    static List<String> fields(boolean legacy) {
        return legacy ? LeadFields.LEGACY : LeadFields.CURRENT;
    }

    /**
     * Converts a current-shape lead to the legacy shape: only the legacy fields, {@code currency} added,
     * {@code won} written as {@code win}, timestamps without milliseconds.
     */
    static ObjectNode toLegacy(ObjectNode current, String currency) {
        ObjectNode lead = JsonNodeFactory.instance.objectNode();
        for (String field : LeadFields.LEGACY) {
            JsonNode value = field.equals("currency") ? JsonNodeFactory.instance.textNode(currency)
                    : current.get(field);
            if (value == null || value.isNull()) {
                lead.putNull(field);
            } else if (field.equals("status") && value.asText().equals("won")) {
                lead.put(field, "win");
            } else if (LeadFields.TIMESTAMPS.contains(field)) {
                Instant instant = Timestamps.parse(value.asText());
                lead.put(field, instant == null ? value.asText() : Timestamps.format(instant, true));
            } else {
                lead.set(field, value.deepCopy());
            }
        }
        return lead;
    }
}
