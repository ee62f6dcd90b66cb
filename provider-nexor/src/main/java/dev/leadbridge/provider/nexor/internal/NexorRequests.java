package dev.leadbridge.provider.nexor.internal;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes canonical create, update and status requests as Nexor request bodies, rejecting before any request what
 * Nexor cannot store (never dropping a value silently). Rules in {@code docs/providers/nexor.md}.
 */
final class NexorRequests {

    /** The documented status keys for each canonical status, used unless an override remaps them. */
    static final Map<LeadStatus, String> STATUS_KEYS;

    static {
        Map<LeadStatus, String> keys = new EnumMap<>(LeadStatus.class);
        keys.put(LeadStatus.OPEN, "new");
        keys.put(LeadStatus.CONTACTED, "contacted");
        keys.put(LeadStatus.QUALIFIED, "qualified");
        keys.put(LeadStatus.WON, "won");
        keys.put(LeadStatus.LOST, "lost");
        STATUS_KEYS = java.util.Collections.unmodifiableMap(keys);
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ErrorDetails details;
    private final StatusMapping statusKeys;

    NexorRequests(ErrorDetails details, StatusMapping statusKeys) {
        this.details = details;
        this.statusKeys = statusKeys;
    }

    /**
     * The {@code POST /leads} item for a new lead.
     *
     * @throws InvalidRequestException when {@code firstName} is missing or {@code name} disagrees with it
     * @throws OperationNotSupportedException when the lead sets a field Nexor's create cannot store
     */
    ObjectNode createBody(NewLead lead) {
        if (lead.firstName() == null || lead.firstName().isBlank()) {
            throw new InvalidRequestException("Nexor requires first_name: set NewLead.firstName (a full name is"
                    + " never split into first and last name)", details);
        }
        String joined = NexorLeadMapper.fullName(lead.firstName(), lead.lastName());
        if (lead.name() != null && !lead.name().equals(joined)) {
            throw new InvalidRequestException("Nexor stores only first_name and last_name, and name '" + lead.name()
                    + "' is not firstName and lastName joined ('" + joined + "'); leave name unset", details);
        }
        requireAbsent(lead.company(), "company", "set it with update() after create");
        requireAbsent(lead.title(), "title", "set it with update() after create");
        if (lead.source() != null && !lead.source().equals("api")) {
            throw unsupported("create", "source", "Nexor sets source 'api'; change it with update() after create");
        }
        if (lead.status() != null && lead.status() != LeadStatus.OPEN) {
            throw unsupported("create", "status", "new leads start in their workflow's first status; change it"
                    + " with update() after create");
        }
        requireAbsent(lead.value(), "value", null);
        requireAbsent(lead.note(), "note", null);
        if (!Consent.UNKNOWN.equals(lead.consent())) {
            throw unsupported("create", "consent", null);
        }
        Attribution attribution = lead.attribution();
        requireAbsent(attribution.website(), "attribution.website", "put it into custom");
        requireAbsent(attribution.path(), "attribution.path", "put it into custom");
        if (!GoogleAds.EMPTY.equals(attribution.googleAds())) {
            throw unsupported("create", "attribution.googleAds", "put it into custom");
        }

        ObjectNode body = NODES.objectNode();
        body.put("first_name", lead.firstName());
        putIfPresent(body, "last_name", lead.lastName());
        putIfPresent(body, "email", lead.email());
        putIfPresent(body, "phone", lead.phone());
        putIfPresent(body, "workflow_id", lead.workflowId());
        putIfPresent(body, "campaign_id", lead.campaignId());
        Map<String, Object> metadata = new LinkedHashMap<>();
        putIfPresent(metadata, Utm.SOURCE, attribution.utmSource());
        putIfPresent(metadata, Utm.MEDIUM, attribution.utmMedium());
        putIfPresent(metadata, Utm.CAMPAIGN, attribution.utmCampaign());
        metadata.putAll(attribution.clickIds());
        metadata.putAll(lead.custom());
        if (!metadata.isEmpty()) {
            body.set("metadata", JsonValues.toTree(metadata));
        }
        lead.providerFields().forEach((key, value) -> body.set(key, JsonValues.toTree(value)));
        return body;
    }

    /**
     * The {@code PUT /leads/{id}} body for the field changes of an update (empty when it changes only the status).
     *
     * @throws InvalidRequestException when it clears a field Nexor requires
     * @throws OperationNotSupportedException when it changes a field Nexor cannot store
     */
    ObjectNode updateBody(LeadUpdate update) {
        ObjectNode body = NODES.objectNode();
        if (update.has(LeadUpdate.Field.NAME)) {
            boolean both = update.has(LeadUpdate.Field.FIRST_NAME) && update.has(LeadUpdate.Field.LAST_NAME);
            String joined = both ? NexorLeadMapper.fullName(update.text(LeadUpdate.Field.FIRST_NAME),
                    update.text(LeadUpdate.Field.LAST_NAME)) : null;
            if (!both || !Objects.equals(update.text(LeadUpdate.Field.NAME), joined)) {
                throw unsupported("update", "name", "Nexor stores first_name and last_name; change firstName and"
                        + " lastName instead (a full name is never split)");
            }
        }
        if (update.has(LeadUpdate.Field.FIRST_NAME)) {
            String first = update.text(LeadUpdate.Field.FIRST_NAME);
            if (first == null || first.isBlank()) {
                throw new InvalidRequestException("Nexor requires first_name; it cannot be cleared", details);
            }
            body.put("first_name", first);
        }
        if (update.has(LeadUpdate.Field.SOURCE) && update.text(LeadUpdate.Field.SOURCE) == null) {
            throw new InvalidRequestException("Nexor's source cannot be cleared, only changed", details);
        }
        putText(body, update, LeadUpdate.Field.LAST_NAME, "last_name");
        putText(body, update, LeadUpdate.Field.EMAIL, "email");
        putText(body, update, LeadUpdate.Field.PHONE, "phone");
        putText(body, update, LeadUpdate.Field.COMPANY, "company");
        putText(body, update, LeadUpdate.Field.TITLE, "title");
        putText(body, update, LeadUpdate.Field.SOURCE, "source");
        for (LeadUpdate.Field field : new LeadUpdate.Field[] {LeadUpdate.Field.VALUE, LeadUpdate.Field.NOTE,
                LeadUpdate.Field.LOSS_REASON}) {
            if (update.has(field)) {
                throw unsupported("update", field.name().toLowerCase(java.util.Locale.ROOT), null);
            }
        }
        if (update.has(LeadUpdate.Field.CUSTOM) && !update.custom().isEmpty()) {
            body.set("metadata", JsonValues.toTree(update.custom()));
        }
        return body;
    }

    /**
     * The {@code POST /leads/{id}/status} body: the status key for {@code status} and the optional reason.
     *
     * @throws InvalidRequestException when no Nexor status key stands for {@code status}
     */
    ObjectNode statusBody(LeadStatus status, String reason) {
        ObjectNode body = NODES.objectNode();
        body.put("status_key", statusKey(status));
        putIfPresent(body, "reason", reason);
        return body;
    }

    /** The status key sent for a canonical status: the documented one unless an override maps it elsewhere. */
    String statusKey(LeadStatus status) {
        String preferred = STATUS_KEYS.get(status);
        if (preferred != null && statusKeys.categoryOf(preferred) == status) {
            return preferred;
        }
        return statusKeys.rawValuesOf(status).stream().findFirst().orElseThrow(() -> new InvalidRequestException(
                "no Nexor workflow status key stands for " + status, details));
    }

    private void requireAbsent(Object value, String field, String hint) {
        if (value != null) {
            throw unsupported("create", field, hint);
        }
    }

    private OperationNotSupportedException unsupported(String operation, String field, String hint) {
        return new OperationNotSupportedException("provider 'nexor' cannot store " + field + " on " + operation
                + (hint == null ? "" : "; " + hint), details);
    }

    private static void putText(ObjectNode body, LeadUpdate update, LeadUpdate.Field field, String wireName) {
        if (update.has(field)) {
            String value = update.text(field);
            if (value == null) {
                body.putNull(wireName);
            } else {
                body.put(wireName, value);
            }
        }
    }

    private static void putIfPresent(ObjectNode body, String key, String value) {
        if (value != null) {
            body.put(key, value);
        }
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** Whether a body has anything to send. */
    static boolean hasChanges(JsonNode body) {
        return body.size() > 0;
    }
}
