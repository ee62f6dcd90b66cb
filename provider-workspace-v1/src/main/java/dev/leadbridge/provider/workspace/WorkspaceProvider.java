package dev.leadbridge.provider.workspace;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.UnreadableField;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.RateLimitStatus;
import dev.leadbridge.core.SortField;
import dev.leadbridge.core.SortKey;
import dev.leadbridge.core.api.ApiKey;
import dev.leadbridge.core.api.Operation;
import dev.leadbridge.core.api.ProviderCapabilities;
import dev.leadbridge.core.api.QueryFeature;
import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.spi.AbstractLeadProvider;
import dev.leadbridge.core.spi.ProviderBuilder;
import dev.leadbridge.core.spi.ProviderSettings;
import dev.leadbridge.core.spi.StatusMapping;
import dev.leadbridge.provider.workspace.internal.WorkspaceClient;
import dev.leadbridge.provider.workspace.internal.WorkspaceStatuses;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The workspace-v1 (PollyBot) lead API as a {@link dev.leadbridge.core.api.LeadProvider}: get, list, update, delete
 * and, when a chatbot id is configured, create. Authenticates with {@code Authorization: Bearer sk-workspace_...}.
 *
 * <p><b>Paths.</b> Without a chatbot id the workspace-level routes of the operation pages are used
 * ({@code /leads}, {@code /leads/{id}}); with one, every call uses the chatbot-scoped routes of the docs' index page
 * and the public client ({@code /chatbots/{chatbotId}/leads...}), which are the only documented place to create
 * leads. Without a chatbot id, {@link #create(NewLead)} raises
 * {@link dev.leadbridge.core.error.OperationNotSupportedException} and {@link #capabilities()} lacks
 * {@link Operation#CREATE}.
 *
 * <p><b>Listing.</b> The server is asked for what it can filter ({@code status} when the wanted categories stand
 * for a single raw value, one {@code source}, {@code search} when it cannot miss a phone match); core applies the
 * whole query on the client. The server's order, createdAt descending, is the natural order; every other sort is
 * done on the client (a sort by createdAt or updatedAt is only tried on the server, unpromised, through
 * {@link #listTryingSort(LeadQuery, int)}) by {@link #stream(LeadQuery)} within {@link dev.leadbridge.core.spi.LeadStreams#DEFAULT_CLIENT_SORT_LIMIT}
 * leads. Pages are at most {@value WorkspaceClient#MAX_PAGE_SIZE} leads; a lead seen twice while leads are inserted
 * during a listing is dropped by id.
 *
 * <p><b>Rate limits.</b> The {@code X-RateLimit-*} headers of each response are exposed by
 * {@link #rateLimitStatus()} and on every {@link LeadPage#rateLimit()}; a 429 is a
 * {@link dev.leadbridge.core.error.RateLimitedException} whose wait comes from {@code Retry-After}, else from
 * {@code X-RateLimit-Reset}. This is a bare provider: retries and client-side rate limiting are added by core's
 * resilience decorators. Thread-safe.
 */
public final class WorkspaceProvider extends AbstractLeadProvider {

    /** The provider id used in configuration: {@code workspace-v1}. */
    public static final String PROVIDER_ID = "workspace-v1";
    /** The documented production API base. */
    public static final String DEFAULT_BASE_URL = "https://pollybot.app/api/v1";
    /** The connection option naming the chatbot whose routes are used (required to create leads). */
    public static final String CHATBOT_ID_OPTION = "chatbot-id";
    /** The prefix of every workspace-v1 API key. */
    public static final String API_KEY_PREFIX = "sk-workspace_";

    /** The default status table of raw statuses (case-insensitive); the first value of a category is the one written. */
    public static final StatusMapping DEFAULT_STATUS_MAPPING = WorkspaceStatuses.DEFAULTS;

    private final WorkspaceClient client;
    private final ProviderCapabilities capabilities;
    private final String baseUrl;
    private final String chatbotId;

    private WorkspaceProvider(ProviderSettings settings, String chatbotId) {
        super(PROVIDER_ID, settings.connection());
        this.baseUrl = settings.baseUrl();
        this.chatbotId = chatbotId;
        this.client = new WorkspaceClient(settings, chatbotId);
        this.capabilities = capabilities(chatbotId != null);
    }

    /** A new builder; connection name and API key are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The capabilities of a connection with ({@code canCreate}) or without a chatbot id. */
    static ProviderCapabilities capabilities(boolean canCreate) {
        Set<Operation> operations = EnumSet.of(Operation.GET, Operation.LIST, Operation.UPDATE,
                Operation.CHANGE_STATUS, Operation.DELETE);
        if (canCreate) {
            operations.add(Operation.CREATE);
        }
        return new ProviderCapabilities(operations,
                EnumSet.of(QueryFeature.STATUS, QueryFeature.SOURCE, QueryFeature.SEARCH),
                Set.of(), false, List.of(SortKey.desc(SortField.CREATED_AT)), WorkspaceClient.MAX_PAGE_SIZE, true);
    }

    /**
     * {@inheritDoc} {@link Operation#CREATE} is present only when a chatbot id is configured.
     */
    @Override
    public ProviderCapabilities capabilities() {
        return capabilities;
    }

    /**
     * {@inheritDoc} Accepts the documented {@code lead_<hex>} ids and the unprefixed ids of the live API alike;
     * anything but letters, digits, {@code -} and {@code _} is rejected before any request, as is the server's
     * {@code INVALID_ID_FORMAT}.
     */
    @Override
    public Lead get(String nativeId) {
        return client.get(nativeId);
    }

    /** The fields of the wrong type in a lead workspace-v1 sent (its {@code raw} read again); no request. */
    @Override
    public List<UnreadableField> unreadableFields(Lead lead) {
        return client.unreadable(lead);
    }

    /**
     * {@inheritDoc} The newer API was seen honouring {@code sortBy=createdAt|updatedAt} with {@code sortOrder=asc|desc}
     * (not in the docs), so a sort on one of these two is tried; a server that ignores them answers its natural
     * order, which the caller must detect.
     */
    @Override
    protected boolean triesSort(List<SortKey> sort) {
        return sort.size() == 1 && (sort.get(0).field() == SortField.UPDATED_AT
                || sort.get(0).field() == SortField.CREATED_AT);
    }

    /** Fetches one page of the server's answer to the pushed-down part of the query, in the server's order. */
    @Override
    protected LeadPage fetchPage(LeadQuery query, int page) {
        return client.list(query, page);
    }

    /**
     * {@inheritDoc} Needs a chatbot id; name and email are required and checked before the request. The attribution's
     * UTM values are stored as {@code utm_*} keys of {@code metadata} together with {@code custom}; fields the API
     * cannot store (company, title, value, note, consent, click ids, ...) are refused, naming them.
     *
     * @throws dev.leadbridge.core.error.OperationNotSupportedException without a chatbot id, or for fields the API
     *                                                                   cannot store
     * @throws dev.leadbridge.core.error.InvalidRequestException        when name or email is missing
     * @throws dev.leadbridge.core.error.ConflictException              for a duplicate email, naming the existing lead
     */
    @Override
    public Lead create(NewLead lead) {
        return client.create(lead);
    }

    /**
     * {@inheritDoc} Changes name, email, phone, source, status (sent as the category's preferred raw value) and
     * custom (merged into {@code metadata}; a null entry removes the key); any other field is refused before the
     * request, naming it.
     *
     * @throws dev.leadbridge.core.error.OperationNotSupportedException naming fields the API cannot change
     * @throws dev.leadbridge.core.error.ConflictException              for a duplicate email, naming the existing lead
     */
    @Override
    public Lead update(String nativeId, LeadUpdate update) {
        return client.update(nativeId, update);
    }

    /** Deletes the lead permanently. @throws dev.leadbridge.core.error.LeadNotFoundException when it does not exist */
    @Override
    public void delete(String nativeId) {
        client.delete(nativeId);
    }

    /** The {@code X-RateLimit-*} budget of the latest response that reported one. */
    @Override
    public Optional<RateLimitStatus> rateLimitStatus() {
        return client.rateLimitStatus();
    }

    /** Connection, base URL and chatbot id; never the API key. */
    @Override
    public String toString() {
        return "WorkspaceProvider[connection=" + connection() + ", baseUrl=" + baseUrl
                + (chatbotId == null ? "" : ", chatbotId=" + chatbotId) + "]";
    }

    /**
     * Builds a {@link WorkspaceProvider}: the settings every provider has (see {@link ProviderBuilder}; keys must
     * start with {@value #API_KEY_PREFIX}) and {@link #chatbotId(String)}. Each setting may be given once (a repeated
     * setting is an {@link IllegalStateException}); an invalid value is a {@link ConfigurationException} naming the
     * setting and never showing the API key. Not thread-safe.
     */
    public static final class Builder extends ProviderBuilder<Builder, WorkspaceProvider> {
        private static final Pattern KEY = Pattern.compile(Pattern.quote(API_KEY_PREFIX) + "[\\x21-\\x7E&&[^{}]]+");
        private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,256}");

        private String chatbotId;

        private Builder() {
            super(PROVIDER_ID, DEFAULT_BASE_URL, null);
        }

        /**
         * The chatbot whose routes ({@code /chatbots/<id>/leads...}) every call uses; required to create leads.
         * Must be a URL-safe token (letters, digits, {@code -}, {@code _}).
         */
        public Builder chatbotId(String id) {
            once("chatbotId");
            if (id == null || !TOKEN.matcher(id.trim()).matches()) {
                throw invalid("chatbot-id must be a URL-safe token of letters, digits, '-' and '_' (at most 256),"
                        + " was '" + (id == null ? null : id.length() > 64 ? id.substring(0, 64) + "..." : id)
                        + "'");
            }
            this.chatbotId = id.trim();
            return this;
        }

        /** Keys start with {@value #API_KEY_PREFIX} followed by printable characters. */
        @Override
        protected void checkApiKey(ApiKey key) {
            if (!KEY.matcher(key.reveal()).matches()) {
                throw invalid("the api-key is not a workspace-v1 key: keys start with '" + API_KEY_PREFIX
                        + "' followed by printable characters (create one in the workspace dashboard)");
            }
        }

        @Override
        protected String apiKeyFormat() {
            return "a workspace-v1 key is '" + API_KEY_PREFIX + "' followed by visible ASCII";
        }

        @Override
        protected StatusMapping defaultStatuses() {
            return DEFAULT_STATUS_MAPPING;
        }

        @Override
        protected WorkspaceProvider create(ProviderSettings settings) {
            return new WorkspaceProvider(settings, chatbotId);
        }
    }
}
