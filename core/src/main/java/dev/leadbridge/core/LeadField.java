package dev.leadbridge.core;

/**
 * The canonical fields of {@link Lead} that a {@link LeadQuery} can project. Identity fields ({@code id},
 * {@code connection}, {@code provider}, {@code nativeId}, {@code personKey}) and {@code raw} are always returned.
 */
public enum LeadField {
    /** {@link Lead#name()}. */ NAME("name"),
    /** {@link Lead#firstName()}. */ FIRST_NAME("firstName"),
    /** {@link Lead#lastName()}. */ LAST_NAME("lastName"),
    /** {@link Lead#email()}. */ EMAIL("email"),
    /** {@link Lead#phone()} and {@link Lead#phoneE164()}. */ PHONE("phone"),
    /** {@link Lead#company()}. */ COMPANY("company"),
    /** {@link Lead#title()}. */ TITLE("title"),
    /** {@link Lead#status()} and {@link Lead#statusRaw()}. */ STATUS("status"),
    /** {@link Lead#source()}. */ SOURCE("source"),
    /** {@link Lead#value()}. */ VALUE("value"),
    /** {@link Lead#note()}. */ NOTE("note"),
    /** {@link Lead#lossReason()}. */ LOSS_REASON("lossReason"),
    /** {@link Lead#conversionName()}. */ CONVERSION_NAME("conversionName"),
    /** {@link Lead#attribution()}. */ ATTRIBUTION("attribution"),
    /** {@link Lead#consent()}. */ CONSENT("consent"),
    /** {@link Lead#campaign()}. */ CAMPAIGN("campaign"),
    /** {@link Lead#workflow()}. */ WORKFLOW("workflow"),
    /** {@link Lead#assignee()}. */ ASSIGNEE("assignee"),
    /** {@link Lead#labels()}. */ LABELS("labels"),
    /** {@link Lead#custom()}. */ CUSTOM("custom"),
    /** {@link Lead#createdAt()}. */ CREATED_AT("createdAt"),
    /** {@link Lead#updatedAt()}. */ UPDATED_AT("updatedAt"),
    /** {@link Lead#qualifiedAt()}. */ QUALIFIED_AT("qualifiedAt"),
    /** {@link Lead#expiresAt()}. */ EXPIRES_AT("expiresAt");

    private final String jsonName;

    LeadField(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The field's name in the canonical JSON. */
    public String jsonName() {
        return jsonName;
    }

    /**
     * The field with this canonical JSON name or enum name, case-insensitively.
     *
     * @throws IllegalArgumentException naming the unknown field
     */
    public static LeadField parse(String name) {
        for (LeadField f : values()) {
            if (f.jsonName.equalsIgnoreCase(name) || f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown lead field '" + name + "'");
    }
}
