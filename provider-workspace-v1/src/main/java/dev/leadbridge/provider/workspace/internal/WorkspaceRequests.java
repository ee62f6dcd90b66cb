package dev.leadbridge.provider.workspace.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.core.Attribution;
import dev.leadbridge.core.Consent;
import dev.leadbridge.core.GoogleAds;
import dev.leadbridge.core.JsonValues;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.canonical.Utm;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.InvalidRequestException;
import dev.leadbridge.core.error.OperationNotSupportedException;
import dev.leadbridge.core.spi.StatusMapping;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the JSON bodies of create ({@code POST}) and update ({@code PUT}), checking before any request what the
 * API requires and what it can store. The API stores name, email, phone, source, status and the free-form
 * {@code metadata}; UTM values of the attribution travel as {@code utm_*} keys of {@code metadata}, where the reader
 * finds them again. A canonical status is sent as its preferred raw value (the first one of its category in the
 * mapping: OPEN {@code new}, CONTACTED {@code contacted}, QUALIFIED {@code qualified}, WON {@code converted}, LOST
 * {@code lost}).
 */
final class WorkspaceRequests {

    /** The body fields create and update send themselves; provider fields may not repeat them. */
    private static final Set<String> STANDARD_FIELDS = Set.of("name", "email", "phone", "source", "status",
            "metadata");

    private static final Set<LeadUpdate.Field> UPDATABLE = EnumSet.of(LeadUpdate.Field.NAME, LeadUpdate.Field.EMAIL,
            LeadUpdate.Field.PHONE, LeadUpdate.Field.SOURCE, LeadUpdate.Field.STATUS, LeadUpdate.Field.CUSTOM);

    private final String providerId;
    private final StatusMapping statuses;
    private final ErrorDetails details;

    WorkspaceRequests(String providerId, StatusMapping statuses, ErrorDetails details) {
        this.providerId = providerId;
        this.statuses = statuses;
        this.details = details;
    }

    /**
     * The create body.
     *
     * @throws InvalidRequestException when name or email is missing, or a provider field repeats a standard one
     * @throws OperationNotSupportedException naming the fields the API cannot store
     */
    ObjectNode create(NewLead lead, boolean upperCase) {
        List<String> unsupported = new ArrayList<>();
        addIf(unsupported, lead.company() != null, "company");
        addIf(unsupported, lead.title() != null, "title");
        addIf(unsupported, lead.value() != null, "value");
        addIf(unsupported, lead.note() != null, "note");
        addIf(unsupported, !Consent.UNKNOWN.equals(lead.consent()), "consent");
        addIf(unsupported, lead.campaignId() != null, "campaignId");
        addIf(unsupported, lead.workflowId() != null, "workflowId");
        Attribution a = lead.attribution();
        addIf(unsupported, a.website() != null, "attribution.website");
        addIf(unsupported, a.path() != null, "attribution.path");
        addIf(unsupported, !a.clickIds().isEmpty(), "attribution.clickIds");
        addIf(unsupported, !GoogleAds.EMPTY.equals(a.googleAds()), "attribution.googleAds");
        if (!unsupported.isEmpty()) {
            throw new OperationNotSupportedException("provider '" + providerId + "' cannot store "
                    + String.join(", ", unsupported) + " when creating a lead; put such data in custom (sent as"
                    + " metadata) or, for fields of a newer API version, in providerFields", details);
        }
        String name = blankToNull(lead.name());
        if (name == null) {
            name = blankToNull(joinNames(lead.firstName(), lead.lastName()));
        }
        String email = blankToNull(lead.email());
        List<String> missing = new ArrayList<>();
        addIf(missing, name == null, "name");
        addIf(missing, email == null, "email");
        if (!missing.isEmpty()) {
            throw new InvalidRequestException("provider '" + providerId + "' requires name and email to create a"
                    + " lead; missing: " + String.join(", ", missing), details);
        }
        for (String key : lead.providerFields().keySet()) {
            if (STANDARD_FIELDS.contains(key)) {
                throw new InvalidRequestException("providerFields must not contain '" + key + "': set it through"
                        + " the lead's own field", details);
            }
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("name", name);
        body.put("email", email.trim());
        putIfPresent(body, "phone", lead.phone());
        putIfPresent(body, "source", lead.source());
        if (lead.status() != null) {
            body.put("status", rawStatus(lead.status(), upperCase));
        }
        Map<String, Object> metadata = new LinkedHashMap<>(lead.custom());
        putIfPresent(metadata, Utm.SOURCE, a.utmSource());
        putIfPresent(metadata, Utm.MEDIUM, a.utmMedium());
        putIfPresent(metadata, Utm.CAMPAIGN, a.utmCampaign());
        if (!metadata.isEmpty()) {
            body.set("metadata", JsonValues.toTree(metadata));
        }
        lead.providerFields().forEach((key, value) -> body.set(key, JsonValues.toTree(value)));
        return body;
    }

    /**
     * The partial update body: only the fields the update touches; a null value clears the field, a null custom entry
     * removes that metadata key (the server merges metadata key by key).
     *
     * @throws OperationNotSupportedException naming the fields the API cannot change
     * @throws InvalidRequestException when the update would clear the required name or email
     */
    ObjectNode update(LeadUpdate update, boolean upperCase) {
        List<String> unsupported = new ArrayList<>();
        for (LeadUpdate.Field field : update.fields()) {
            if (!UPDATABLE.contains(field)) {
                unsupported.add(field.name().toLowerCase(Locale.ROOT));
            }
        }
        if (!unsupported.isEmpty()) {
            throw new OperationNotSupportedException("provider '" + providerId + "' cannot update "
                    + String.join(", ", unsupported) + "; it can update name, email, phone, source, status and"
                    + " custom", details);
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        for (LeadUpdate.Field required : List.of(LeadUpdate.Field.NAME, LeadUpdate.Field.EMAIL)) {
            if (update.has(required)) {
                String value = blankToNull(update.text(required));
                if (value == null) {
                    throw new InvalidRequestException("provider '" + providerId + "' requires a "
                            + required.name().toLowerCase(Locale.ROOT) + "; it cannot be cleared", details);
                }
                body.put(required.name().toLowerCase(Locale.ROOT), value.trim());
            }
        }
        for (LeadUpdate.Field clearable : List.of(LeadUpdate.Field.PHONE, LeadUpdate.Field.SOURCE)) {
            if (update.has(clearable)) {
                body.put(clearable.name().toLowerCase(Locale.ROOT), update.text(clearable));
            }
        }
        if (update.has(LeadUpdate.Field.STATUS)) {
            body.put("status", rawStatus(update.status(), upperCase));
        }
        if (update.has(LeadUpdate.Field.CUSTOM) && !update.custom().isEmpty()) {
            ObjectNode metadata = body.putObject("metadata");
            update.custom().forEach((key, value) -> metadata.set(key, JsonValues.toTree(value)));
        }
        return body;
    }

    /** The preferred raw value of a category, in the case the server was seen to use. */
    private String rawStatus(LeadStatus status, boolean upperCase) {
        String raw = statuses.rawValuesOf(status).stream().findFirst().orElseThrow(() ->
                new InvalidRequestException("provider '" + providerId + "' has no status value for " + status,
                        details));
        return upperCase ? raw.toUpperCase(Locale.ROOT) : raw;
    }

    private static String joinNames(String first, String last) {
        String f = blankToNull(first);
        String l = blankToNull(last);
        if (f == null || l == null) {
            return f != null ? f.trim() : l == null ? null : l.trim();
        }
        return f.trim() + " " + l.trim();
    }

    private static void addIf(List<String> list, boolean condition, String name) {
        if (condition) {
            list.add(name);
        }
    }

    private static void putIfPresent(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
