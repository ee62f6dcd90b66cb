package dev.leadbridge.provider.nexor.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.InvalidRequestException;
import dev.leadbridge.core.error.LeadbridgeException;
import dev.leadbridge.core.error.MalformedResponseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the answer to one bulk {@code POST /leads}, whose shape Nexor does not document, into one outcome per sent
 * item. Accepted: a top-level array, or an object with an array under {@code results}, {@code leads}, {@code data}
 * or {@code items}; entries matched to items by their {@code index} when any entry has one, else by position (only
 * when there is exactly one entry per item). An entry failed when {@code success} is false or it has an
 * {@code error} and no lead; its lead is {@code entry.lead}, or the entry itself when it has an {@code id}. What
 * cannot be read this way is a {@link MalformedResponseException} for the items concerned, never a guessed success.
 */
final class NexorBulkReader {

    /** The keys searched, in order, for the per-item array. */
    static final List<String> RESULT_KEYS = List.of("results", "leads", "data", "items");

    /**
     * The outcome of one item: exactly one of {@code lead} and {@code error} is set.
     *
     * @param lead  the created lead, or null
     * @param error why the item failed, or null
     */
    record Outcome(Lead lead, LeadbridgeException error) {
    }

    private final NexorLeadReader reader;
    private final NexorReadContext ctx;

    NexorBulkReader(NexorLeadReader reader, NexorReadContext ctx) {
        this.reader = reader;
        this.ctx = ctx;
    }

    /**
     * One outcome per item of a chunk of {@code size} items.
     *
     * @param body   the answer body
     * @param size   how many items the chunk sent
     * @param status the answer's HTTP status when known, else null
     */
    List<Outcome> read(JsonNode body, int size, Integer status) {
        ErrorDetails where = ctx.details().withResponse(status, null, null);
        Outcome[] outcomes = new Outcome[size];
        JsonNode results = results(body);
        if (results == null) {
            return all(size, malformed("the bulk answer has no per-item results", where));
        }
        boolean indexed = false;
        for (JsonNode entry : results) {
            indexed |= entry.path("index").isIntegralNumber();
        }
        if (!indexed && results.size() != size) {
            return all(size, malformed("the bulk answer has " + results.size() + " results for " + size
                    + " leads and no indexes", where));
        }
        for (int position = 0; position < results.size(); position++) {
            JsonNode entry = results.get(position);
            int index = indexed ? entry.path("index").asInt(-1) : position;
            if (indexed && !entry.path("index").isIntegralNumber() || index < 0 || index >= size
                    || outcomes[index] != null) {
                continue;
            }
            outcomes[index] = outcome(entry, where);
        }
        for (int i = 0; i < size; i++) {
            if (outcomes[i] == null) {
                outcomes[i] = new Outcome(null, malformed("the bulk answer says nothing about this lead", where));
            }
        }
        return Arrays.asList(outcomes);
    }

    private Outcome outcome(JsonNode entry, ErrorDetails where) {
        if (!entry.isObject()) {
            return new Outcome(null, malformed("a bulk result is not an object", where));
        }
        JsonNode success = entry.get("success");
        JsonNode lead = entry.get("lead");
        boolean hasLead = lead != null && lead.isObject();
        JsonNode error = entry.get("error");
        boolean hasError = error != null && !error.isNull();
        if (success != null && success.isBoolean() && !success.booleanValue() || hasError && !hasLead) {
            String message = NexorErrors.message(entry);
            String code = entry.path("code").isTextual() ? entry.get("code").asText() : null;
            return new Outcome(null, new InvalidRequestException("Nexor rejected this lead"
                    + (message == null ? "" : ": " + message), where.withResponse(where.httpStatus(), code, null)));
        }
        JsonNode leadObject = hasLead ? lead : entry.has("id") ? entry : null;
        if (leadObject == null) {
            return new Outcome(null, malformed("a bulk result has neither a lead nor an error", where));
        }
        try {
            JsonNode variables = hasLead ? entry.get("variables") : null;
            JsonNode run = hasLead ? entry.get("workflow_run") : null;
            return new Outcome(reader.read(leadObject, variables, run), null);
        } catch (MalformedResponseException e) {
            return new Outcome(null, e);
        }
    }

    private static JsonNode results(JsonNode body) {
        if (body == null) {
            return null;
        }
        if (body.isArray()) {
            return body;
        }
        if (body.isObject()) {
            for (String key : RESULT_KEYS) {
                if (body.path(key).isArray()) {
                    return body.get(key);
                }
            }
        }
        return null;
    }

    private static List<Outcome> all(int size, LeadbridgeException error) {
        List<Outcome> outcomes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            outcomes.add(new Outcome(null, error));
        }
        return outcomes;
    }

    private static MalformedResponseException malformed(String what, ErrorDetails where) {
        return new MalformedResponseException(what + "; whether this lead was created is unknown", where);
    }
}
