package dev.leadbridge.provider.nexor.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.core.BulkCreateResult;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.canonical.UnreadableFields;
import dev.leadbridge.core.UnreadableField;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.RateLimitStatus;
import dev.leadbridge.core.api.ApiKey;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.InvalidLeadIdException;
import dev.leadbridge.core.error.InvalidRequestException;
import dev.leadbridge.core.error.LeadbridgeException;
import dev.leadbridge.core.http.HttpErrors;
import dev.leadbridge.core.http.ProviderHttpClient;
import dev.leadbridge.core.spi.NativeIds;
import dev.leadbridge.core.spi.ProviderSettings;
import dev.leadbridge.core.spi.StatusMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The Nexor wire client behind {@code NexorProvider}: the Feign client, request bodies and answer readers. Internal
 * API: not for direct use, may change without notice. Thread-safe.
 */
public final class NexorClient {

    /** The most leads Nexor accepts in one bulk create request. */
    public static final int MAX_BULK_SIZE = 1000;

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final ErrorDetails details;
    private final NexorApi api;
    private final NexorLeadReader reader;
    private final NexorBulkReader bulkReader;
    private final NexorRequests requests;
    private final int bulkSize;
    private final AtomicReference<RateLimitStatus> rateLimit = new AtomicReference<>();
    /** The error body of the last failed call on this thread; read only after a bulk create failed as a whole. */
    private final ThreadLocal<JsonNode> lastErrorBody = new ThreadLocal<>();

    /**
     * Creates the client; nothing is sent until the first call.
     *
     * @param settings connection, base URL, key (sent only in {@code X-API-Key}), timeouts, status table with the
     *                 connection's overrides, region, clock
     * @param bulkSize leads per bulk request, 1 to {@value #MAX_BULK_SIZE}
     */
    public NexorClient(ProviderSettings settings, int bulkSize) {
        if (bulkSize < 1 || bulkSize > MAX_BULK_SIZE) {
            throw new IllegalArgumentException("bulk size must be 1 to " + MAX_BULK_SIZE + ", was " + bulkSize);
        }
        this.details = settings.details();
        this.bulkSize = bulkSize;
        StatusMapping statusKeys = settings.statuses();
        NexorReadContext ctx = new NexorReadContext(details, statusKeys);
        this.reader = new NexorLeadReader(settings.connection(), settings.providerId(), settings.defaultRegion(), ctx);
        this.bulkReader = new NexorBulkReader(reader, ctx);
        this.requests = new NexorRequests(details, statusKeys);
        ApiKey apiKey = settings.apiKey();
        this.api = settings.http(NexorApi.class)
                .auth(template -> template.header("X-API-Key", apiKey.reveal()))
                .errorBody(json -> {
                    lastErrorBody.set(json);
                    return NexorErrors.read(json);
                })
                .onResponse(headers -> {
                    RateLimitStatus status = HttpErrors.rateLimit(headers);
                    if (status != null) {
                        rateLimit.set(status);
                    }
                })
                .build();
    }

    /** {@code GET /leads/{id}}. */
    public Lead get(String nativeId) {
        String id = requireLeadId(nativeId);
        return reader.readAnswer(call(() -> api.get(id)));
    }

    /** The fields of the wrong type in a lead this client read: its raw object checked again, no request. */
    public List<UnreadableField> unreadable(Lead lead) {
        return UnreadableFields.reread(lead.raw(), NexorLeadReader::unreadable);
    }

    /** {@code POST /leads} with one lead; returns the lead of the answer. */
    public Lead create(NewLead lead) {
        ObjectNode body = requests.createBody(Objects.requireNonNull(lead, "lead"));
        return reader.readAnswer(call(() -> api.create(body)));
    }

    /**
     * Bulk {@code POST /leads} in requests of at most the bulk size; one outcome per input, partial success normal.
     * Items Nexor cannot take fail locally without being sent.
     */
    public BulkCreateResult createAll(List<NewLead> leads) {
        Objects.requireNonNull(leads, "leads");
        BulkCreateResult.Item[] items = new BulkCreateResult.Item[leads.size()];
        List<Integer> indexes = new ArrayList<>();
        List<ObjectNode> bodies = new ArrayList<>();
        for (int i = 0; i < leads.size(); i++) {
            try {
                bodies.add(requests.createBody(Objects.requireNonNull(leads.get(i), "lead " + i)));
                indexes.add(i);
            } catch (LeadbridgeException e) {
                items[i] = new BulkCreateResult.Item(i, null, e);
            }
        }
        for (int from = 0; from < bodies.size(); from += bulkSize) {
            int to = Math.min(from + bulkSize, bodies.size());
            List<NexorBulkReader.Outcome> outcomes = sendChunk(bodies.subList(from, to));
            for (int k = 0; k < outcomes.size(); k++) {
                int index = indexes.get(from + k);
                items[index] = new BulkCreateResult.Item(index, outcomes.get(k).lead(), outcomes.get(k).error());
            }
        }
        return new BulkCreateResult(List.of(items));
    }

    private List<NexorBulkReader.Outcome> sendChunk(List<ObjectNode> chunk) {
        ArrayNode body = JsonNodeFactory.instance.arrayNode().addAll(chunk);
        lastErrorBody.remove();
        try {
            JsonNode answer = ProviderHttpClient.call(details, () -> api.create(body));
            return bulkReader.read(answer, chunk.size(), null);
        } catch (InvalidRequestException e) {
            // Nexor may refuse a chunk whose every item failed with a 4xx that still lists per-item results
            JsonNode errorBody = lastErrorBody.get();
            if (errorBody != null && !(e instanceof InvalidLeadIdException) && hasResults(errorBody)) {
                return bulkReader.read(errorBody, chunk.size(), e.httpStatus());
            }
            return sameFor(chunk.size(), e);
        } catch (LeadbridgeException e) {
            return sameFor(chunk.size(), e);
        } finally {
            lastErrorBody.remove();
        }
    }

    private <T> T call(Supplier<T> call) {
        try {
            return ProviderHttpClient.call(details, call);
        } finally {
            lastErrorBody.remove();
        }
    }

    private static boolean hasResults(JsonNode body) {
        return body.isArray() || NexorBulkReader.RESULT_KEYS.stream().anyMatch(k -> body.path(k).isArray());
    }

    private static List<NexorBulkReader.Outcome> sameFor(int size, LeadbridgeException e) {
        List<NexorBulkReader.Outcome> outcomes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            outcomes.add(new NexorBulkReader.Outcome(null, e));
        }
        return outcomes;
    }

    /**
     * Applies an update: {@code PUT /leads/{id}} for field changes, then {@code POST /leads/{id}/status} for a
     * status change, then {@code GET /leads/{id}} for the result. Everything is checked before the first request.
     */
    public Lead update(String nativeId, LeadUpdate update) {
        String id = requireLeadId(nativeId);
        Objects.requireNonNull(update, "update");
        ObjectNode fields = requests.updateBody(update);
        ObjectNode status = update.has(LeadUpdate.Field.STATUS)
                ? requests.statusBody(update.status(), update.statusReason()) : null;
        if (NexorRequests.hasChanges(fields)) {
            call(() -> api.update(id, fields));
        }
        if (status != null) {
            call(() -> api.setStatus(id, status));
        }
        return get(id);
    }

    /** The {@code X-RateLimit-*} values of the last answer that had them. */
    public Optional<RateLimitStatus> rateLimitStatus() {
        return Optional.ofNullable(rateLimit.get());
    }

    /**
     * Returns the id when it can be a Nexor lead id: path-safe and a UUID.
     *
     * @throws InvalidLeadIdException otherwise, before any request
     */
    public String requireLeadId(String nativeId) {
        String id = NativeIds.requirePathSafe(nativeId, details);
        if (!UUID.matcher(id).matches()) {
            String shown = id.length() > 64 ? id.substring(0, 64) + "..." : id;
            throw new InvalidLeadIdException("Nexor lead ids are UUIDs (8-4-4-4-12 hex digits), got '" + shown + "'",
                    details);
        }
        return id;
    }
}
