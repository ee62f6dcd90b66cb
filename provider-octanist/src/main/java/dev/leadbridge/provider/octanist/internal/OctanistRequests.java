package dev.leadbridge.provider.octanist.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.core.JsonValues;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.InvalidRequestException;
import dev.leadbridge.core.error.OperationNotSupportedException;
import dev.leadbridge.core.http.ProviderHttpClient;
import dev.leadbridge.core.spi.StatusMapping;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds the JSON bodies of POST /leads and PATCH /leads from canonical values, rejecting before any request what
 * Octanist cannot store (never dropping it silently).
 */
final class OctanistRequests {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private static final Set<LeadUpdate.Field> UPDATABLE = EnumSet.of(LeadUpdate.Field.STATUS,
            LeadUpdate.Field.VALUE, LeadUpdate.Field.NOTE, LeadUpdate.Field.LOSS_REASON);

    private OctanistRequests() {
    }

    /**
     * The body of POST /leads: name, email, phone, {@code custom} (as JSON text; a custom holding only
     * {@code _text} is sent as that text), note, website, path, click ids, UTM values, consent flags as booleans, then
     * the provider fields as given (consent flags among them given as strings are true only for {@code "true"}, in
     * any case).
     *
     * @throws InvalidRequestException when name, email, phone and custom are all missing, or a provider field repeats
     *                                 a field the lead already sets
     * @throws OperationNotSupportedException naming the fields Octanist cannot store on create
     */
    static ObjectNode create(NewLead lead, StatusMapping mapping, ErrorDetails details) {
        List<String> unsupported = new ArrayList<>();
        String name = name(lead, unsupported);
        addIf(unsupported, lead.company() != null, "company");
        addIf(unsupported, lead.title() != null, "title");
        addIf(unsupported, lead.source() != null, "source (Octanist sets it)");
        addIf(unsupported, lead.status() != null && lead.status() != mapping.categoryOf(OctanistFields.INITIAL_STATUS),
                "status " + lead.status() + " (new leads are open; change the status with update)");
        addIf(unsupported, lead.value() != null, "value (set it with update)");
        addIf(unsupported, lead.campaignId() != null, "campaignId");
        addIf(unsupported, lead.workflowId() != null, "workflowId");
        addIf(unsupported, !lead.attribution().googleAds().isEmpty(), "attribution.googleAds");
        for (String clickId : lead.attribution().clickIds().keySet()) {
            addIf(unsupported, !OctanistFields.CLICK_IDS.contains(clickId), "click id '" + clickId + "'");
        }
        if (!unsupported.isEmpty()) {
            throw new OperationNotSupportedException("provider 'octanist' cannot store these fields of a new lead: "
                    + String.join(", ", unsupported), details);
        }
        ObjectNode body = JSON.objectNode();
        putText(body, "name", name);
        putText(body, "email", lead.email());
        putText(body, "phone", lead.phone());
        putText(body, "custom", customText(lead.custom(), details));
        putText(body, "note", lead.note());
        putText(body, "website", lead.attribution().website());
        putText(body, "path", lead.attribution().path());
        for (String clickId : OctanistFields.CLICK_IDS) {
            putText(body, clickId, lead.attribution().clickIds().get(clickId));
        }
        putText(body, "utm_source", lead.attribution().utmSource());
        putText(body, "utm_medium", lead.attribution().utmMedium());
        putText(body, "utm_campaign", lead.attribution().utmCampaign());
        putFlag(body, "ad_storage", lead.consent().adStorage());
        putFlag(body, "ad_user_data", lead.consent().adUserData());
        putFlag(body, "ad_personalization", lead.consent().adPersonalization());
        putFlag(body, "analytics_storage", lead.consent().analyticsStorage());
        for (Map.Entry<String, Object> field : lead.providerFields().entrySet()) {
            String key = field.getKey();
            if (body.has(key)) {
                throw new InvalidRequestException("provider field '" + key + "' repeats a field the new lead already"
                        + " sets; give it once", details);
            }
            if (field.getValue() == null) {
                continue;
            }
            body.set(key, OctanistFields.CONSENT.contains(key) ? consentFlag(key, field.getValue(), details)
                    : JsonValues.toTree(field.getValue()));
        }
        if (blank(body, "name") && blank(body, "email") && blank(body, "phone") && blank(body, "custom")) {
            throw new InvalidRequestException("an Octanist lead needs at least one of name, email, phone or custom",
                    details);
        }
        return body;
    }

    /**
     * The body of PATCH /leads for the lead(s) identified by {@code identifier} ({@code id}, {@code email} or
     * {@code phone}): status, value, note and lossReason. A status change with a reason to {@code LOST} sends the
     * reason as {@code lossReason} unless the update sets one.
     *
     * @throws OperationNotSupportedException naming a field or status Octanist cannot set, or a field it cannot clear
     */
    static ObjectNode update(String identifier, String value, LeadUpdate update, StatusMapping mapping,
                             ErrorDetails details) {
        List<String> unsupported = new ArrayList<>();
        for (LeadUpdate.Field field : update.fields()) {
            addIf(unsupported, !UPDATABLE.contains(field), field.name());
        }
        if (!unsupported.isEmpty()) {
            throw new OperationNotSupportedException("provider 'octanist' cannot change " + String.join(", ",
                    unsupported) + " (it updates status, value, note and lossReason only)", details);
        }
        for (LeadUpdate.Field field : List.of(LeadUpdate.Field.VALUE, LeadUpdate.Field.NOTE,
                LeadUpdate.Field.LOSS_REASON)) {
            boolean cleared = update.has(field) && (field == LeadUpdate.Field.VALUE ? update.value() == null
                    : update.text(field) == null);
            if (cleared) {
                throw new OperationNotSupportedException("provider 'octanist' cannot clear " + field.name()
                        + " (a null in its update means 'unchanged')", details);
            }
        }
        ObjectNode body = JSON.objectNode();
        body.put(identifier, value);
        if (update.has(LeadUpdate.Field.STATUS)) {
            body.put("status", settableStatus(update.status(), mapping, details));
        }
        if (update.has(LeadUpdate.Field.VALUE)) {
            body.put("value", new BigDecimal(update.value().toPlainString()));
        }
        if (update.has(LeadUpdate.Field.NOTE)) {
            body.put("note", update.text(LeadUpdate.Field.NOTE));
        }
        if (update.has(LeadUpdate.Field.LOSS_REASON)) {
            body.put("lossReason", update.text(LeadUpdate.Field.LOSS_REASON));
        } else if (update.status() == LeadStatus.LOST && update.statusReason() != null) {
            body.put("lossReason", update.statusReason());
        }
        return body;
    }

    /** The raw value PATCH takes for {@code status}. @throws OperationNotSupportedException when there is none */
    static String settableStatus(LeadStatus status, StatusMapping mapping, ErrorDetails details) {
        for (String raw : mapping.rawValuesOf(status)) {
            String value = raw.equals("win") ? "won" : raw;
            if (OctanistFields.SETTABLE_STATUSES.contains(value)) {
                return value;
            }
        }
        throw new OperationNotSupportedException("provider 'octanist' cannot set STATUS=" + status
                + " (it sets only " + String.join(", ", OctanistFields.SETTABLE_STATUSES) + ")", details);
    }

    private static String name(NewLead lead, List<String> unsupported) {
        String first = lead.firstName();
        String last = lead.lastName();
        if (first == null && last == null) {
            return lead.name();
        }
        String joined = String.join(" ", java.util.stream.Stream.of(first, last)
                .filter(s -> s != null && !s.isBlank()).map(String::trim).toList());
        if (lead.name() == null) {
            return joined.isEmpty() ? null : joined;
        }
        if (!Objects.equals(lead.name().trim(), joined)) {
            unsupported.add("firstName/lastName differing from name (Octanist stores one name)");
        }
        return lead.name();
    }

    private static String customText(Map<String, Object> custom, ErrorDetails details) {
        if (custom.isEmpty()) {
            return null;
        }
        if (custom.size() == 1 && custom.get(OctanistLeadMapper.CUSTOM_TEXT_KEY) instanceof String text) {
            return text;
        }
        try {
            return ProviderHttpClient.mapper().writeValueAsString(JsonValues.toTree(custom));
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("custom cannot be written as JSON", details, e);
        }
    }

    private static JsonNode consentFlag(String key, Object value, ErrorDetails details) {
        if (value instanceof Boolean b) {
            return JSON.booleanNode(b);
        }
        if (value instanceof String s) {
            return JSON.booleanNode(s.trim().toLowerCase(Locale.ROOT).equals("true"));
        }
        throw new InvalidRequestException("provider field '" + key + "' must be a boolean or a string", details);
    }

    private static void putText(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    private static void putFlag(ObjectNode body, String field, Boolean value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    private static boolean blank(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())
                || (node.isContainerNode() && node.isEmpty());
    }

    private static void addIf(List<String> list, boolean condition, String item) {
        if (condition) {
            list.add(item);
        }
    }
}
