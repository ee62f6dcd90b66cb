package dev.leadbridge.provider.workspace.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbridge.core.Attribution;
import dev.leadbridge.core.JsonValues;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.canonical.UnreadableFields;
import dev.leadbridge.core.canonical.Utm;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.MalformedResponseException;
import dev.leadbridge.core.http.ProviderHttpClient;
import dev.leadbridge.core.spi.StatusMapping;
import dev.leadbridge.provider.workspace.internal.dto.WorkspaceLeadDto;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads one workspace-v1 lead (either model) into the canonical {@link Lead}: plain fields by {@link WorkspaceLeadMapper},
 * then the status category, the custom data ({@code metadata} and {@code customFields} merged, {@code customFields}
 * winning on a shared key), the UTM values of the custom data as attribution, the identity and the raw JSON.
 * Unknown fields never fail; a plain field (text or timestamp) of the wrong type is read as null and recorded in the
 * page's {@link UnreadableFields} ({@code raw} keeps it); a structured field of the wrong type ({@code metadata},
 * {@code tags}, ...) is a {@link MalformedResponseException}. Thread-safe.
 */
final class WorkspaceLeadReader {

    /** The plain fields checked by kind before binding: a wrong kind is read as null, not a failed page. */
    private static final Map<String, UnreadableFields.Kind> KINDS = kinds();

    private final String providerId;
    private final String connection;
    private final StatusMapping statuses;
    private final String defaultRegion;
    private final ErrorDetails details;
    private final AtomicBoolean upperCaseStatuses;

    /**
     * @param upperCaseStatuses set to whether the last status read was spelled in upper case (the newer model)
     */
    WorkspaceLeadReader(String providerId, String connection, StatusMapping statuses, String defaultRegion,
               ErrorDetails details, AtomicBoolean upperCaseStatuses) {
        this.providerId = providerId;
        this.connection = connection;
        this.statuses = statuses;
        this.defaultRegion = defaultRegion;
        this.details = details;
        this.upperCaseStatuses = upperCaseStatuses;
    }

    /**
     * The canonical lead for a lead JSON object.
     *
     * @throws MalformedResponseException when the node is not a lead object with an id, or a field has the wrong type
     */
    Lead read(JsonNode node) {
        return read(node, new UnreadableFields());
    }

    /** The canonical lead for a lead JSON object of a listing page, recording fields read as null in {@code unreadable}. */
    Lead read(JsonNode node, UnreadableFields unreadable) {
        if (node == null || !node.isObject()) {
            throw new MalformedResponseException("expected a lead object but the provider sent "
                    + describe(node), details);
        }
        JsonNode id = node.get("id");
        JsonNode readable = unreadable.scrub(node, id == null ? null : id.asText(), KINDS);
        WorkspaceLeadDto wire = ProviderHttpClient.convert(readable, WorkspaceLeadDto.class, details);
        if (wire.id() == null || wire.id().isBlank()) {
            throw new MalformedResponseException("a lead in the provider's answer has no id", details);
        }
        Lead.Builder lead = Lead.builder();
        try {
            WorkspaceLeadMapper.INSTANCE.fill(wire, lead);
        } catch (DateTimeParseException e) {
            throw new MalformedResponseException("lead '" + wire.id() + "' has a timestamp that is not ISO-8601: '"
                    + e.getParsedString() + "'", details, e);
        }
        Map<String, Object> custom = custom(wire);
        noteStatusSpelling(wire.status());
        return lead.connection(connection)
                .provider(providerId)
                .status(statuses.categoryOf(wire.status()))
                .custom(custom)
                .attribution(attribution(custom))
                .raw(node.deepCopy())
                .defaultRegion(defaultRegion)
                .build();
    }

    private static Map<String, UnreadableFields.Kind> kinds() {
        Map<String, UnreadableFields.Kind> kinds = new LinkedHashMap<>();
        for (String text : new String[] {"name", "email", "phone", "company", "source", "status", "notes",
                "assignedAgentId", "workspaceId", "chatbotId"}) {
            kinds.put(text, UnreadableFields.Kind.TEXT);
        }
        kinds.put("createdAt", UnreadableFields.Kind.TIMESTAMP);
        kinds.put("updatedAt", UnreadableFields.Kind.TIMESTAMP);
        return Map.copyOf(kinds);
    }

    private Map<String, Object> custom(WorkspaceLeadDto wire) {
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.putAll(objectOrEmpty(wire.metadata(), "metadata", wire.id()));
        custom.putAll(objectOrEmpty(wire.customFields(), "customFields", wire.id()));
        return custom;
    }

    private Map<String, Object> objectOrEmpty(JsonNode node, String field, String id) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new MalformedResponseException("lead '" + id + "' has a '" + field + "' that is not an object but "
                    + describe(node), details);
        }
        return JsonValues.mapFromTree(node);
    }

    private static Attribution attribution(Map<String, Object> custom) {
        return Utm.fillFromMetadata(Attribution.EMPTY, custom);
    }

    private void noteStatusSpelling(String status) {
        if (status == null) {
            return;
        }
        String upper = status.toUpperCase(Locale.ROOT);
        String lower = status.toLowerCase(Locale.ROOT);
        if (!upper.equals(lower)) {
            upperCaseStatuses.set(status.equals(upper));
        }
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return Objects.toString(node.getNodeType()).toLowerCase(Locale.ROOT);
    }
}
