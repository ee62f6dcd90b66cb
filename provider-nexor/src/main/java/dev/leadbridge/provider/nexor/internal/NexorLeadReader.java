package dev.leadbridge.provider.nexor.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.canonical.UnreadableFields;
import dev.leadbridge.core.error.MalformedResponseException;
import dev.leadbridge.core.http.ProviderHttpClient;
import dev.leadbridge.provider.nexor.internal.dto.NexorLeadDto;
import dev.leadbridge.provider.nexor.internal.dto.NexorRunDto;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads Nexor answers that carry one lead into canonical leads: unwraps {@code body.lead} when present, else takes
 * the body itself (the two documented {@code GET /leads/{id}} shapes), and checks every type on the way: a plain
 * field (text, timestamp) of the wrong type is read as null ({@code raw} keeps it), a structured one fails the read.
 */
final class NexorLeadReader {

    /** Sibling keys of a wrapped answer that belong to the lead and are kept in its {@code raw}. */
    private static final String VARIABLES = "variables";
    private static final String WORKFLOW_RUN = "workflow_run";

    /** The plain fields checked by kind before binding: a wrong kind is read as null ({@code raw} keeps it). */
    private static final Map<String, UnreadableFields.Kind> KINDS = kinds();

    private final String connection;
    private final String providerId;
    private final String defaultRegion;
    private final NexorReadContext ctx;
    private final NexorLeadMapper mapper = new NexorLeadMapperImpl();

    NexorLeadReader(String connection, String providerId, String defaultRegion, NexorReadContext ctx) {
        this.connection = connection;
        this.providerId = providerId;
        this.defaultRegion = defaultRegion;
        this.ctx = ctx;
    }

    /**
     * The lead of a whole answer ({@code {success, lead, variables | workflow_run}} or the bare lead object).
     *
     * @throws MalformedResponseException when the answer carries no readable lead
     */
    Lead readAnswer(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ctx.malformed("expected a JSON object holding a lead, got " + describe(body));
        }
        JsonNode lead = body.get("lead");
        if (lead != null && !lead.isNull()) {
            if (!lead.isObject()) {
                throw ctx.malformed("'lead' is " + describe(lead) + ", not an object");
            }
            return read(lead, body.get(VARIABLES), body.get(WORKFLOW_RUN));
        }
        return read(body, null, null);
    }

    /**
     * One lead object, with the data its answer keeps beside it for this lead.
     *
     * @param lead        the lead object
     * @param variables   the sibling {@code variables}, or null
     * @param workflowRun the sibling {@code workflow_run} (create answers), or null
     */
    Lead read(JsonNode lead, JsonNode variables, JsonNode workflowRun) {
        if (lead == null || !lead.isObject()) {
            throw ctx.malformed("expected a lead object, got " + describe(lead));
        }
        JsonNode id = lead.get("id");
        JsonNode readable = new UnreadableFields().scrub(lead, id == null ? null : id.asText(), KINDS);
        NexorLeadDto dto = ProviderHttpClient.convert(readable, NexorLeadDto.class, ctx.details());
        if (dto.id() == null || dto.id().isBlank()) {
            throw ctx.malformed("the lead has no 'id'");
        }
        NexorJson.objectOrNull(variables, VARIABLES, ctx);
        JsonNode run = NexorJson.objectOrNull(workflowRun, WORKFLOW_RUN, ctx);
        NexorRunDto createdRun = run == null ? null : ProviderHttpClient.convert(run, NexorRunDto.class, ctx.details());
        Lead.Builder builder = Lead.builder().connection(connection).provider(providerId).defaultRegion(defaultRegion);
        mapper.fill(new NexorLeadView(dto, variables, createdRun, raw(lead, variables, run)), builder, ctx);
        return builder.build();
    }

    /** Records in {@code found} the fields of the wrong type of a lead object (or a lead's raw), as {@link #read} does. */
    static void unreadable(JsonNode lead, UnreadableFields found) {
        JsonNode id = lead.get("id");
        found.scrub(lead, id == null ? null : id.asText(), KINDS);
    }

    /** The lead object, plus the answer's sibling data for it under their own keys when the lead lacks them. */
    private static JsonNode raw(JsonNode lead, JsonNode variables, JsonNode run) {
        boolean addVariables = variables != null && !variables.isNull() && !lead.has(VARIABLES);
        boolean addRun = run != null && !lead.has(WORKFLOW_RUN);
        if (!addVariables && !addRun) {
            return lead.deepCopy();
        }
        ObjectNode copy = ((ObjectNode) lead).deepCopy();
        if (addVariables) {
            copy.set(VARIABLES, variables.deepCopy());
        }
        if (addRun) {
            copy.set(WORKFLOW_RUN, run.deepCopy());
        }
        return copy;
    }

    private static Map<String, UnreadableFields.Kind> kinds() {
        Map<String, UnreadableFields.Kind> kinds = new LinkedHashMap<>();
        for (String text : new String[] {"first_name", "firstName", "last_name", "lastName", "email", "phone",
                "source", "company", "title", "campaign_id", "campaignId"}) {
            kinds.put(text, UnreadableFields.Kind.TEXT);
        }
        for (String time : new String[] {"created_at", "createdAt", "updated_at", "updatedAt"}) {
            kinds.put(time, UnreadableFields.Kind.TIMESTAMP);
        }
        return Map.copyOf(kinds);
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "no body";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
