package dev.leadbridge.provider.octanist.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.UnreadableField;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.api.ApiKey;
import dev.leadbridge.core.canonical.Paging;
import dev.leadbridge.core.canonical.UnreadableFields;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.InvalidLeadIdException;
import dev.leadbridge.core.error.InvalidRequestException;
import dev.leadbridge.core.error.LeadbridgeException;
import dev.leadbridge.core.error.MalformedResponseException;
import dev.leadbridge.core.error.OutcomeUnknownException;
import dev.leadbridge.core.error.ProviderUnavailableException;
import dev.leadbridge.core.http.JsonBody;
import dev.leadbridge.core.http.ProviderHttpClient;
import dev.leadbridge.core.spi.NativeIds;
import dev.leadbridge.core.spi.ProviderSettings;
import dev.leadbridge.core.spi.StatusMapping;
import dev.leadbridge.provider.octanist.internal.dto.OctanistPaginationDto;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Octanist HTTP client behind {@code OctanistProvider}: one Feign client, the tolerant reader and the mapper.
 * Internal: not part of the public API and may change without notice. Thread-safe.
 */
public final class OctanistClient {

    private final OctanistApi api;
    private final OctanistLeadReader reader;
    private final String connection;
    private final String providerId;
    private final StatusMapping statusMapping;
    private final String defaultRegion;
    private final ErrorDetails details;
    private final OctanistListingPins pins;

    /**
     * Creates the client; no request is made.
     *
     * @param settings    connection, base URL, key (sent as {@code X-API-KEY}), timeouts, status table, region, clock
     * @param pinListings whether listings pin a createdAt upper bound at their first page
     */
    public OctanistClient(ProviderSettings settings, boolean pinListings) {
        this.providerId = settings.providerId();
        this.connection = settings.connection();
        this.statusMapping = settings.statuses();
        this.defaultRegion = settings.defaultRegion();
        this.details = settings.details();
        this.reader = new OctanistLeadReader(connection, providerId, statusMapping, defaultRegion, details);
        this.pins = pinListings ? new OctanistListingPins(settings.clock()) : null;
        ApiKey apiKey = settings.apiKey();
        this.api = settings.http(OctanistApi.class)
                .auth(template -> template.header("X-API-KEY", apiKey.reveal()))
                .errorBody(OctanistErrors::read)
                .build();
    }

    /** GET /leads/{id}. @throws InvalidLeadIdException before any request when the id is not a safe path segment */
    public Lead get(String nativeId) {
        String id = NativeIds.requirePathSafe(nativeId, details);
        JsonNode body = ProviderHttpClient.call(details, () -> api.get(id));
        return reader.read(OctanistResponses.singleLead(body, details), new UnreadableFields());
    }

    /** The fields of the wrong type in a lead this client read: its raw object read again, no request. */
    public List<UnreadableField> unreadable(Lead lead) {
        return UnreadableFields.reread(lead.raw(), reader::read);
    }

    /** One page of GET /leads for the pushed-down part of {@code query}; no request when no lead can match. */
    public LeadPage fetchPage(LeadQuery query, int page) {
        return fetchPage(query, page, Map.of());
    }

    /**
     * One page of GET /leads for the pushed-down part of {@code query} and the given extra native filters (decoded
     * parameter names and values, e.g. {@code labelId=label_xyz}, appended as given); no request when no lead can
     * match.
     */
    public LeadPage fetchPage(LeadQuery query, int page, Map<String, String> extraFilters) {
        Instant pin = pins == null ? null : pins.pin(query, extraFilters, page);
        OctanistListRequest.Plan plan = OctanistListRequest.plan(query, page, pin, statusMapping);
        if (plan.nothingMatches()) {
            return new LeadPage(List.of(), page, plan.limit(), 0, 0L, false, null);
        }
        Map<String, Object> params = plan.encoded();
        extraFilters.forEach((k, v) -> params.put(OctanistListRequest.encode(k), OctanistListRequest.encode(v)));
        JsonBody body = ProviderHttpClient.call(details, () -> api.list(params));
        OctanistPageReader.Page read = readPage(body);
        List<Lead> leads = read.leads();
        UnreadableFields unreadable = read.unreadable();
        OctanistPaginationDto pagination = read.pagination();
        Integer totalPages = pagination == null ? null : pagination.totalPages();
        Long total = pagination == null ? null : pagination.total();
        boolean hasMore = Paging.hasMore(pagination == null ? null : pagination.hasMore(), totalPages, page,
                leads.size(), plan.limit());
        return new LeadPage(leads, page, plan.limit(), totalPages, total, hasMore, null, null, unreadable.list());
    }

    /**
     * POST /leads, then GET of the new id. An unreadable answer or a failed read-back is an
     * {@link OutcomeUnknownException}: the lead may exist. A transport failure or 5xx is thrown as it is (a
     * {@link ProviderUnavailableException}); the resilience layer's retry policy turns it into an outcome-unknown
     * error for every provider alike.
     */
    public Lead create(NewLead lead) {
        ObjectNode body = OctanistRequests.create(Objects.requireNonNull(lead, "lead"), statusMapping, details);
        String id;
        try {
            JsonNode answer = ProviderHttpClient.call(details, () -> api.create(body));
            id = OctanistResponses.createdId(answer, details);
            NativeIds.requirePathSafe(id, details);
        } catch (MalformedResponseException | InvalidLeadIdException e) {
            throw new OutcomeUnknownException("the provider's answer to creating the lead could not be read, so the"
                    + " lead may exist; look it up (e.g. by email) before trying again", e.details(), e);
        }
        try {
            return get(id);
        } catch (LeadbridgeException e) {
            throw new OutcomeUnknownException("the lead was created with id '" + id + "' but reading it back"
                    + " failed (" + e.getClass().getSimpleName() + "); do not create it again", e.details(), e);
        }
    }

    /** PATCH /leads by id, then GET of the lead; an empty update only reads the lead. */
    public Lead update(String nativeId, LeadUpdate update) {
        String id = NativeIds.requirePathSafe(nativeId, details);
        Objects.requireNonNull(update, "update");
        if (!update.isEmpty()) {
            ObjectNode body = OctanistRequests.update("id", id, update, statusMapping, details);
            JsonNode answer = ProviderHttpClient.call(details, () -> api.update(body));
            OctanistResponses.checkUpdate(answer, details);
        }
        return get(id);
    }

    /**
     * PATCH /leads identifying leads by {@code identifier} ({@code email} or {@code phone}); returns how many leads
     * were updated. Several matches without bulk updates allowed are a {@code ConflictException} (HTTP 409).
     */
    public int updateMatching(String identifier, String value, LeadUpdate update) {
        Objects.requireNonNull(update, "update");
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(identifier + " must not be blank", details);
        }
        if (update.isEmpty()) {
            throw new InvalidRequestException("the update changes nothing", details);
        }
        ObjectNode body = OctanistRequests.update(identifier, value, update, statusMapping, details);
        JsonNode answer = ProviderHttpClient.call(details, () -> api.update(body));
        return OctanistResponses.leadsUpdated(answer, details);
    }

    /**
     * The leads of one {@code GET /leads} answer, read exactly as {@link #fetchPage} reads them (straight from the
     * bytes, or as a tree when the answer is not the plain envelope; then the mapper per lead), before any filter on
     * the client. Public for the decode benchmark, which measures this path on a recorded answer.
     */
    public List<Lead> readList(JsonBody body) {
        return readPage(body).leads();
    }

    /** A page from the stream when it is the plain envelope, else from its tree (legacy shapes, typed errors). */
    private OctanistPageReader.Page readPage(JsonBody body) {
        OctanistPageReader.Page page = OctanistPageReader.read(body, reader);
        if (page != null) {
            return page;
        }
        OctanistResponses.ListBody list = OctanistResponses.list(body.tree(), details);
        UnreadableFields unreadable = new UnreadableFields();
        return new OctanistPageReader.Page(read(list, unreadable), list.pagination(), unreadable);
    }

    private List<Lead> read(OctanistResponses.ListBody list, UnreadableFields unreadable) {
        List<Lead> leads = new ArrayList<>(list.leads().size());
        for (JsonNode lead : list.leads()) {
            leads.add(reader.read(lead, unreadable));
        }
        return leads;
    }
}
