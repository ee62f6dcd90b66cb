package dev.leadbridge.provider.workspace.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.UnreadableField;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.RateLimitStatus;
import dev.leadbridge.core.api.ApiKey;
import dev.leadbridge.core.canonical.Paging;
import dev.leadbridge.core.canonical.UnreadableFields;
import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.InvalidLeadIdException;
import dev.leadbridge.core.error.InvalidRequestException;
import dev.leadbridge.core.error.LeadNotFoundException;
import dev.leadbridge.core.error.MalformedResponseException;
import dev.leadbridge.core.error.OperationNotSupportedException;
import dev.leadbridge.core.http.ProviderHttpClient;
import dev.leadbridge.core.spi.NativeIds;
import dev.leadbridge.core.spi.ProviderSettings;
import dev.leadbridge.core.spi.StatusMapping;
import dev.leadbridge.provider.workspace.internal.dto.WorkspacePaginationDto;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The workspace-v1 HTTP client behind the public provider: one Feign target (the API base, or the chatbot scope
 * {@code <base>/chatbots/<chatbotId>} when a chatbot id is configured), reading answers of both lead models into
 * canonical leads and every failure into a typed error. Not part of the public API. Thread-safe.
 */
public final class WorkspaceClient {

    /** The largest page the API returns ({@code limit} ≤ 100). */
    public static final int MAX_PAGE_SIZE = 100;

    /** Ids are URL-safe tokens: letters, digits, {@code -} and {@code _} (docs {@code lead_<hex>}, real cuids). */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]+");

    private static final String INVALID_ID_FORMAT = "INVALID_ID_FORMAT";
    private static final String CHATBOT_NOT_FOUND = "CHATBOT_NOT_FOUND";

    private final String providerId;
    private final String chatbotId;
    private final ErrorDetails details;
    private final StatusMapping statuses;
    private final WorkspaceApi api;
    private final WorkspaceLeadReader reader;
    private final WorkspaceRequests bodies;
    private final WorkspaceRateLimitTracker rateLimits = new WorkspaceRateLimitTracker();
    private final AtomicBoolean upperCaseStatuses = new AtomicBoolean(false);

    /**
     * Creates the client; nothing is sent until the first call.
     *
     * @param settings  connection, base URL (e.g. {@code https://pollybot.app/api/v1}), key (sent only as
     *                  {@code Authorization: Bearer <key>}), timeouts, status table with overrides, region, clock
     * @param chatbotId the chatbot scope (already checked to be path-safe), or null for workspace-level paths
     */
    public WorkspaceClient(ProviderSettings settings, String chatbotId) {
        this.providerId = settings.providerId();
        this.chatbotId = chatbotId;
        this.details = settings.details();
        this.statuses = settings.statuses();
        ApiKey apiKey = settings.apiKey();
        String target = chatbotId == null ? settings.baseUrl() : settings.baseUrl() + "/chatbots/" + chatbotId;
        this.api = settings.http(WorkspaceApi.class, target)
                .auth(template -> {
                    template.removeHeader("Authorization");
                    template.header("Authorization", "Bearer " + apiKey.reveal());
                })
                .errorBody(new WorkspaceErrors())
                .onResponse(rateLimits)
                .build();
        this.reader = new WorkspaceLeadReader(providerId, settings.connection(), statuses, settings.defaultRegion(),
                details, upperCaseStatuses);
        this.bodies = new WorkspaceRequests(providerId, statuses, details);
    }

    /**
     * Checks a native id before it goes into a path: {@link NativeIds#requirePathSafe} and the URL-safe token
     * alphabet (letters, digits, {@code -}, {@code _}).
     *
     * @throws InvalidLeadIdException otherwise
     */
    public String requireValidId(String id) {
        NativeIds.requirePathSafe(id, details);
        if (!ID.matcher(id).matches()) {
            throw new InvalidLeadIdException("lead id '" + id + "' is not a workspace-v1 id: ids are URL-safe tokens"
                    + " of letters, digits, '-' and '_'", details);
        }
        return id;
    }

    /** {@code GET /leads/{id}}. */
    public Lead get(String nativeId) {
        String id = requireValidId(nativeId);
        return reader.read(leadOf(call(id, false, () -> api.get(id)).body()));
    }

    /** The fields of the wrong type in a lead this client read: its raw object read again, no request. */
    public List<UnreadableField> unreadable(Lead lead) {
        return UnreadableFields.reread(lead.raw(), reader::read);
    }

    /** One page of {@code GET /leads} with what {@link WorkspaceQueryPushdown} sends; the leads in the server's order. */
    public LeadPage list(LeadQuery query, int page) {
        int limit = Math.min(query.pageSize(), MAX_PAGE_SIZE);
        Map<String, Object> params = WorkspaceQueryPushdown.parameters(query, page, limit, statuses, upperCaseStatuses.get());
        Answer answer = call(null, true, () -> api.list(params));
        JsonNode container = container(answer.body());
        JsonNode items = container.isArray() ? container : container.get("leads");
        if (items == null || !items.isArray()) {
            throw new MalformedResponseException("the listing has no 'leads' array", details);
        }
        List<Lead> leads = new ArrayList<>(items.size());
        UnreadableFields unreadable = new UnreadableFields();
        items.forEach(item -> leads.add(reader.read(item, unreadable)));
        JsonNode paginationNode = container.isObject() ? container.get("pagination") : null;
        WorkspacePaginationDto pagination = paginationNode == null || paginationNode.isNull()
                ? new WorkspacePaginationDto(null, null, null, null, null, null)
                : paginationNode.isObject() ? ProviderHttpClient.convert(paginationNode, WorkspacePaginationDto.class, details)
                : malformed("the listing's 'pagination' is not an object");
        boolean hasMore = Paging.hasMore(pagination.hasNext(), pagination.totalPages(), page, leads.size(), limit);
        return new LeadPage(leads, page, limit, pagination.totalPages(), pagination.total(), hasMore,
                answer.rateLimit(), null, unreadable.list());
    }

    /**
     * {@code POST /chatbots/{chatbotId}/leads}.
     *
     * @throws OperationNotSupportedException when no chatbot id is configured (the API creates only under a chatbot)
     */
    public Lead create(NewLead lead) {
        if (chatbotId == null) {
            throw new OperationNotSupportedException("provider '" + providerId + "' creates leads only under a"
                    + " chatbot (POST /chatbots/{chatbotId}/leads): set the connection option 'chatbot-id'", details);
        }
        ObjectNode body = bodies.create(Objects.requireNonNull(lead, "lead"), upperCaseStatuses.get());
        return reader.read(leadOf(call(null, false, () -> api.create(body)).body()));
    }

    /** {@code PUT /leads/{id}} with only the changed fields; an empty update reads the lead instead. */
    public Lead update(String nativeId, LeadUpdate update) {
        String id = requireValidId(nativeId);
        ObjectNode body = bodies.update(Objects.requireNonNull(update, "update"), upperCaseStatuses.get());
        if (body.isEmpty()) {
            return get(id);
        }
        return reader.read(leadOf(call(id, false, () -> api.update(id, body)).body()));
    }

    /** {@code DELETE /leads/{id}}. */
    public void delete(String nativeId) {
        String id = requireValidId(nativeId);
        call(id, false, () -> api.delete(id));
    }

    /** The rate-limit budget of the latest response that reported one. */
    public Optional<RateLimitStatus> rateLimitStatus() {
        return rateLimits.latest();
    }

    /**
     * Runs a call, turning the provider's {@code INVALID_ID_FORMAT} into {@link InvalidLeadIdException}, an unknown
     * chatbot into {@link ConfigurationException}, and a 404 of the listing (no such route) into a
     * {@link ConfigurationException} too.
     */
    private Answer call(String id, boolean listing, Supplier<JsonNode> call) {
        rateLimits.begin();
        try {
            JsonNode body = ProviderHttpClient.call(details, call);
            return new Answer(body, rateLimits.take());
        } catch (InvalidLeadIdException e) {
            throw e;
        } catch (InvalidRequestException e) {
            if (INVALID_ID_FORMAT.equals(e.providerCode())) {
                throw new InvalidLeadIdException(id == null
                        ? "the provider rejected an id's format (INVALID_ID_FORMAT); check the connection's chatbot-id"
                        : "the provider rejected the format of lead id '" + id + "' (INVALID_ID_FORMAT)",
                        e.details(), e);
            }
            throw e;
        } catch (LeadNotFoundException e) {
            if (CHATBOT_NOT_FOUND.equals(e.providerCode())) {
                throw new ConfigurationException("the provider knows no chatbot '" + chatbotId + "' in this"
                        + " workspace; check the connection's chatbot-id", e.details(), e);
            }
            if (listing) {
                throw new ConfigurationException("the provider has no lead listing at this address (HTTP 404);"
                        + " check the connection's base-url (documented: https://pollybot.app/api/v1)"
                        + (chatbotId == null ? "" : " and chatbot-id"), e.details(), e);
            }
            throw e;
        } finally {
            rateLimits.take();
        }
    }

    /** A success body and the rate-limit budget its response reported (or null). */
    private record Answer(JsonNode body, RateLimitStatus rateLimit) {
    }

    /** The {@code data} of a success body (or, as the public client allows, the body itself). */
    private JsonNode container(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new MalformedResponseException("the provider's answer is not a JSON object", details);
        }
        JsonNode success = body.get("success");
        if (success != null && success.isBoolean() && !success.booleanValue()) {
            JsonNode code = body.get("code");
            throw new MalformedResponseException("the provider answered with success=false"
                    + (code != null && code.isTextual() ? " (" + code.asText() + ")" : "") + " and a success status",
                    details);
        }
        JsonNode data = body.get("data");
        if (data == null || data.isNull()) {
            return body;
        }
        if (!data.isObject() && !data.isArray()) {
            throw new MalformedResponseException("the provider's 'data' is neither an object nor a list", details);
        }
        return data;
    }

    private JsonNode leadOf(JsonNode body) {
        JsonNode lead = container(body);
        if (!lead.isObject() || !lead.has("id")) {
            throw new MalformedResponseException("the provider's answer holds no lead object", details);
        }
        return lead;
    }

    private <T> T malformed(String message) {
        throw new MalformedResponseException(message, details);
    }

    @Override
    public String toString() {
        return "WorkspaceClient[" + details.connection() + (chatbotId == null ? "" : ", chatbot=" + chatbotId) + "]";
    }
}
