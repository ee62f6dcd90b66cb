package dev.leadbridge.testkit.workspace;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;

/**
 * The two lead shapes the workspace-v1 API is known to return: the documented one ({@link #DOCS}) and the
 * newer one seen in the public client ({@link #NEWER}). Holds each shape's statuses, custom-data field
 * name, id format and field order.
 */
enum LeadModel {

    /** Docs model: lowercase statuses, {@code metadata}, {@code workspaceId}, ids {@code lead_} + 16 hex. */
    DOCS(List.of("new", "contacted", "qualified", "converted", "lost", "follow_up"), "metadata"),

    /** Newer model: uppercase statuses, {@code customFields}, many extra nullable fields, cuid-like ids. */
    NEWER(List.of("NEW", "CONTACTED", "QUALIFIED", "NEGOTIATING", "CONVERTED", "LOST", "UNRESPONSIVE"),
            "customFields");

    /** Priorities of the newer model, in declaration (sort) order. */
    static final List<String> PRIORITIES = List.of("LOW", "MEDIUM", "HIGH", "URGENT");

    private static final String HEX = "0123456789abcdef";
    private static final String BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz";

    private final List<String> statuses;
    private final String customDataField;

    LeadModel(List<String> statuses, String customDataField) {
        this.statuses = statuses;
        this.customDataField = customDataField;
    }

    List<String> statuses() {
        return statuses;
    }

    String defaultStatus() {
        return statuses.get(0);
    }

    /** {@code metadata} or {@code customFields}. */
    String customDataField() {
        return customDataField;
    }

    /** The model's spelling of {@code status}, matched case-insensitively, or empty when unknown. */
    Optional<String> canonicalStatus(String status) {
        return statuses.stream().filter(s -> s.equalsIgnoreCase(status)).findFirst();
    }

    /** Rank of a status or priority in its declaration order, or -1 when unknown. */
    int rank(String field, String value) {
        List<String> order = field.equals("priority") ? PRIORITIES : statuses;
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).equalsIgnoreCase(value)) {
                return i;
            }
        }
        return -1;
    }

    /** A fresh id in this model's format, not taken yet. */
    String newId(Random random, Instant at, Predicate<String> taken) {
        while (true) {
            String id = this == DOCS ? "lead_" + randomChars(random, HEX, 16) : cuid(random, at);
            if (!taken.test(id)) {
                return id;
            }
        }
    }

    /** A cuid-like id: {@code c}, 8 base-36 timestamp chars, 16 random base-36 chars (25 in all). */
    static String cuid(Random random, Instant at) {
        String time = Long.toString(Math.max(0, at.toEpochMilli()), 36);
        if (time.length() < 8) {
            time = "0".repeat(8 - time.length()) + time;
        } else if (time.length() > 8) {
            time = time.substring(time.length() - 8);
        }
        return "c" + time + randomChars(random, BASE36, 16);
    }

    /**
     * A lead skeleton with every field of this model in the provider's order: ids and timestamps set,
     * everything else null (status set to the default, custom data an empty object, tags empty).
     */
    ObjectNode skeleton(String id, String chatbotId, String chatbotName, String workspaceId, String createdAt) {
        ObjectNode lead = JsonNodeFactory.instance.objectNode();
        lead.put("id", id);
        if (this == DOCS) {
            lead.putNull("name");
            lead.putNull("email");
            lead.putNull("phone");
            lead.putNull("source");
            lead.put("status", defaultStatus());
            lead.putObject("metadata");
            lead.put("createdAt", createdAt);
            lead.put("updatedAt", createdAt);
            lead.put("workspaceId", workspaceId);
            return lead;
        }
        lead.put("chatbotId", chatbotId);
        lead.putNull("conversationId");
        lead.putNull("name");
        lead.putNull("email");
        lead.putNull("phone");
        lead.putNull("company");
        lead.putNull("message");
        lead.putNull("source");
        lead.put("status", defaultStatus());
        lead.put("priority", "MEDIUM");
        lead.putNull("assignedAgentId");
        lead.putNull("notes");
        lead.putArray("tags");
        lead.putObject("customFields");
        lead.putNull("followUpDate");
        lead.putNull("lastContactAt");
        lead.putNull("convertedAt");
        lead.put("createdAt", createdAt);
        lead.put("updatedAt", createdAt);
        lead.putNull("discord");
        lead.putNull("preferredMethod");
        lead.putNull("urgency");
        ObjectNode chatbot = lead.putObject("chatbots");
        chatbot.put("id", chatbotId);
        chatbot.put("name", chatbotName);
        return lead;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static String randomChars(Random random, String alphabet, int count) {
        StringBuilder sb = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
