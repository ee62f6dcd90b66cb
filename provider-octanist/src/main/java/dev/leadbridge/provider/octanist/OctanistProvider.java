package dev.leadbridge.provider.octanist;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.UnreadableField;
import dev.leadbridge.core.LeadField;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.SortField;
import dev.leadbridge.core.SortKey;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.Operation;
import dev.leadbridge.core.api.ProviderCapabilities;
import dev.leadbridge.core.api.QueryFeature;
import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.spi.AbstractLeadProvider;
import dev.leadbridge.core.spi.ProviderBuilder;
import dev.leadbridge.core.spi.ProviderSettings;
import dev.leadbridge.core.spi.StatusMapping;
import dev.leadbridge.provider.octanist.internal.OctanistClient;
import dev.leadbridge.provider.octanist.internal.OctanistStatuses;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Octanist lead API ({@code https://octanist.com/api}, {@code X-API-KEY} auth) as a {@link
 * dev.leadbridge.core.api.LeadProvider}: get, list (every documented filter, multi-key sort, search and projection run
 * on the server; status and email order run on the client; Octanist-only filters through
 * {@link #filtered(Filters)}), create and update (status, value, note, loss reason; by email or phone with
 * {@link #updateByEmail} and {@link #updateByPhone}). Build one with {@link #builder()}. Thread-safe;
 * {@link #toString()} never shows the API key.
 *
 * <p>Reading: the current envelope {@code {success, data, meta}} and the legacy bare shapes are both accepted;
 * statuses {@code open}, {@code qualified}, {@code won} (legacy {@code win}), {@code lost} map to OPEN, QUALIFIED,
 * WON, LOST (overridable); {@code custom} is parsed from its JSON text, and text that is not a JSON object is kept
 * whole in {@link Lead#custom()} under the key {@value #CUSTOM_TEXT_KEY}; {@code selectedConversionEventId},
 * {@code currency} and unknown fields stay in {@link Lead#raw()}.
 *
 * <p>Stable listings: fetching page 1 of a query pins a {@code createdAt[lte]} upper bound at the clock's current
 * instant (unless the query's own createdAt upper bound is tighter), and later pages of an equal query reuse it (for
 * {@link #list(LeadQuery, int)} as for {@link #stream(LeadQuery)}; at most 256 listings for one hour each), so
 * leads created while a listing runs cannot shift its pages; they are simply not part of that listing. The pin uses
 * this machine's clock, so keep it synchronised; switch it off with {@link Builder#pinListings(boolean)}.
 */
public final class OctanistProvider extends AbstractLeadProvider {

    /** The provider id. */
    public static final String PROVIDER_ID = "octanist";

    /** The documented production API base. */
    public static final String DEFAULT_BASE_URL = "https://octanist.com/api";

    /** The key of {@link Lead#custom()} holding {@code custom} text that is not a JSON object. */
    public static final String CUSTOM_TEXT_KEY = "_text";

    /** The default status mapping: open, qualified, won, win (legacy), lost. */
    public static final StatusMapping DEFAULT_STATUS_MAPPING = OctanistStatuses.DEFAULTS;

    /**
     * What Octanist can do, the same for every connection. Sorting by status and by email runs on the client: the
     * canonical status order is not the alphabetical order of the raw values, and Octanist sorts the email as stored
     * (with any surrounding blanks) while the canonical email is trimmed.
     */
    public static final ProviderCapabilities CAPABILITIES = new ProviderCapabilities(
            EnumSet.of(Operation.GET, Operation.LIST, Operation.CREATE, Operation.UPDATE, Operation.CHANGE_STATUS),
            EnumSet.allOf(QueryFeature.class),
            EnumSet.of(SortField.CREATED_AT, SortField.UPDATED_AT, SortField.QUALIFIED_AT, SortField.VALUE,
                    SortField.NAME),
            true, List.of(SortKey.desc(SortField.CREATED_AT)), 100, true);

    private final OctanistClient client;
    private final String baseUrl;

    private OctanistProvider(ProviderSettings settings, boolean pinListings) {
        super(PROVIDER_ID, settings.connection());
        this.baseUrl = settings.baseUrl();
        this.client = new OctanistClient(settings, pinListings);
    }

    /** A new builder; {@code connection} and {@code apiKey} are required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ProviderCapabilities capabilities() {
        return CAPABILITIES;
    }

    /**
     * The lead with this Octanist id.
     *
     * @throws dev.leadbridge.core.error.InvalidLeadIdException before any request when the id is not a safe path
     *                                                          segment (letters, digits, {@code - _ . ~})
     * @throws dev.leadbridge.core.error.LeadNotFoundException  when there is none
     */
    @Override
    public Lead get(String nativeId) {
        return client.get(nativeId);
    }

    /** The fields of the wrong type in a lead Octanist sent (its {@code raw} read again); no request. */
    @Override
    public List<UnreadableField> unreadableFields(Lead lead) {
        return client.unreadable(lead);
    }

    @Override
    protected LeadPage fetchPage(LeadQuery query, int page) {
        return client.fetchPage(query, page);
    }

    /**
     * Creates a lead (POST /leads) and returns it as stored (a GET of the new id). Sends name (or firstName and
     * lastName joined by one space), email, phone, custom (as JSON text; a custom holding only
     * {@value #CUSTOM_TEXT_KEY} is sent as that text), note, website, path, click ids, UTM values, consent flags as
     * booleans and the provider fields as given (e.g. {@code sessionId}; consent flags given there as strings are
     * true only for {@code "true"}, in any case).
     *
     * @throws dev.leadbridge.core.error.InvalidRequestException       before any request when name, email, phone and
     *                                                                 custom are all missing
     * @throws dev.leadbridge.core.error.OperationNotSupportedException before any request, naming the fields Octanist
     *                                                                 cannot store (company, title, source, value,
     *                                                                 status other than OPEN, Google Ads ids, ...)
     * @throws dev.leadbridge.core.error.OutcomeUnknownException       when the lead may have been created but the
     *                                                                 answer was unreadable or reading it back failed
     *                                                                 (a lost answer is a ProviderUnavailableException,
     *                                                                 which the resilience layer reports as outcome
     *                                                                 unknown, as for every provider)
     */
    @Override
    public Lead create(NewLead lead) {
        return client.create(lead);
    }

    /**
     * Changes status (QUALIFIED, WON, LOST), value, note and loss reason of the lead with this id (PATCH /leads) and
     * returns it as stored afterwards. A change to LOST with a reason sends the reason as {@code lossReason}.
     *
     * @throws dev.leadbridge.core.error.OperationNotSupportedException before any request, naming any other field, a
     *                                                                 status Octanist cannot set (OPEN, CONTACTED,
     *                                                                 UNKNOWN) or a field the update clears
     * @throws dev.leadbridge.core.error.LeadNotFoundException          when there is no such lead
     */
    @Override
    public Lead update(String nativeId, LeadUpdate update) {
        return client.update(nativeId, update);
    }

    /**
     * Applies {@code update} to every lead with this email (PATCH /leads identifying by email, which Octanist
     * matches case-insensitively) and returns how many leads were updated.
     *
     * @throws dev.leadbridge.core.error.ConflictException     when several leads match and the organization does not
     *                                                         allow bulk updates (HTTP 409 CONFLICT)
     * @throws dev.leadbridge.core.error.LeadNotFoundException when no lead matches
     */
    public int updateByEmail(String email, LeadUpdate update) {
        return client.updateMatching("email", email, update);
    }

    /**
     * Applies {@code update} to every lead with this phone (PATCH /leads identifying by phone) and returns how many
     * leads were updated.
     *
     * @throws dev.leadbridge.core.error.ConflictException     when several leads match and the organization does not
     *                                                         allow bulk updates (HTTP 409 CONFLICT)
     * @throws dev.leadbridge.core.error.LeadNotFoundException when no lead matches
     */
    public int updateByPhone(String phone, LeadUpdate update) {
        return client.updateMatching("phone", phone, update);
    }

    /**
     * A view of this provider whose listings also apply Octanist filters that {@link LeadQuery} has no words for
     * (label, website, presence of a timestamp); they are sent to the server and checked again on the client. Get,
     * create and update are unaffected. The view shares this provider's HTTP client and listing pins.
     */
    public LeadProvider filtered(Filters filters) {
        return new FilteredView(this, Objects.requireNonNull(filters, "filters"));
    }

    @Override
    public String toString() {
        return "OctanistProvider[connection=" + connection() + ", baseUrl=" + baseUrl + "]";
    }

    /** A filtered view: listings add the native filters; everything else goes to the provider. */
    private static final class FilteredView extends AbstractLeadProvider {
        private final OctanistProvider provider;
        private final Filters filters;

        FilteredView(OctanistProvider provider, Filters filters) {
            super(PROVIDER_ID, provider.connection());
            this.provider = provider;
            this.filters = filters;
        }

        @Override
        public ProviderCapabilities capabilities() {
            return CAPABILITIES;
        }

        @Override
        public Lead get(String nativeId) {
            return provider.get(nativeId);
        }

        @Override
        public List<UnreadableField> unreadableFields(Lead lead) {
            return provider.unreadableFields(lead);
        }

        @Override
        protected LeadPage fetchPage(LeadQuery query, int page) {
            LeadQuery request = query.fields().isEmpty() ? query
                    : query.toBuilder().fields(filters.fieldsNeeded().toArray(LeadField[]::new)).build();
            LeadPage fetched = provider.client.fetchPage(request, page, filters.params());
            List<Lead> kept = fetched.leads().stream().filter(filters::matches).toList();
            return fetched.withLeads(kept);
        }

        @Override
        public Lead create(NewLead lead) {
            return provider.create(lead);
        }

        @Override
        public Lead update(String nativeId, LeadUpdate update) {
            return provider.update(nativeId, update);
        }

        @Override
        public String toString() {
            return provider + "." + filters;
        }
    }

    /**
     * Octanist list filters beyond {@link LeadQuery}: {@code labelId} and {@code website} equality (several values mean
     * any of them) and {@code [exists]} on {@code createdAt}, {@code updatedAt} and {@code qualifiedAt}, AND-combined.
     * Values the server would split or trim (a comma, surrounding blanks) are checked on the client only. Immutable;
     * build with {@link #builder()}.
     */
    public static final class Filters {
        private final Set<String> labelIds;
        private final Set<String> websites;
        private final Map<String, Boolean> timestampsPresent;

        private Filters(Builder b) {
            this.labelIds = Collections.unmodifiableSet(new LinkedHashSet<>(b.labelIds));
            this.websites = Collections.unmodifiableSet(new LinkedHashSet<>(b.websites));
            this.timestampsPresent = Collections.unmodifiableMap(new LinkedHashMap<>(b.timestampsPresent));
        }

        /** A new builder with no filter. */
        public static Builder builder() {
            return new Builder();
        }

        /** Whether {@code lead} passes these filters, read on the canonical lead. */
        public boolean matches(Lead lead) {
            if (!labelIds.isEmpty() && lead.labels().stream().noneMatch(labelIds::contains)) {
                return false;
            }
            if (!websites.isEmpty() && !websites.contains(lead.attribution().website())) {
                return false;
            }
            for (Map.Entry<String, Boolean> e : timestampsPresent.entrySet()) {
                Instant value = switch (e.getKey()) {
                    case "createdAt" -> lead.createdAt();
                    case "updatedAt" -> lead.updatedAt();
                    default -> lead.qualifiedAt();
                };
                if ((value != null) != e.getValue()) {
                    return false;
                }
            }
            return true;
        }

        /** The query parameters these filters add, decoded, in sending order. */
        Map<String, String> params() {
            Map<String, String> params = new LinkedHashMap<>();
            if (!labelIds.isEmpty() && labelIds.stream().allMatch(Filters::sendable)) {
                params.put("labelId", String.join(",", labelIds));
            }
            if (!websites.isEmpty() && websites.stream().allMatch(Filters::sendable)) {
                params.put("website", String.join(",", websites));
            }
            timestampsPresent.forEach((field, present) -> params.put(field + "[exists]", present.toString()));
            return params;
        }

        /** The canonical fields the client-side check reads. */
        Set<LeadField> fieldsNeeded() {
            Set<LeadField> fields = EnumSet.noneOf(LeadField.class);
            if (!labelIds.isEmpty()) {
                fields.add(LeadField.LABELS);
            }
            if (!websites.isEmpty()) {
                fields.add(LeadField.ATTRIBUTION);
            }
            timestampsPresent.keySet().forEach(f -> fields.add(LeadField.parse(f)));
            return fields;
        }

        private static boolean sendable(String value) {
            return !value.isEmpty() && value.equals(value.trim()) && value.indexOf(',') < 0;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Filters f && f.labelIds.equals(labelIds) && f.websites.equals(websites)
                    && f.timestampsPresent.equals(timestampsPresent);
        }

        @Override
        public int hashCode() {
            return Objects.hash(labelIds, websites, timestampsPresent);
        }

        @Override
        public String toString() {
            return "Filters[labelIds=" + labelIds + ", websites=" + websites + ", present=" + timestampsPresent + "]";
        }

        /** Builds {@link Filters}. Not thread-safe. */
        public static final class Builder {
            private final Set<String> labelIds = new LinkedHashSet<>();
            private final Set<String> websites = new LinkedHashSet<>();
            private final Map<String, Boolean> timestampsPresent = new LinkedHashMap<>();

            private Builder() {
            }

            /** Keeps leads with any of these label ids (adds to earlier calls). */
            public Builder labelId(String... ids) {
                for (String id : ids) {
                    labelIds.add(Objects.requireNonNull(id, "labelId"));
                }
                return this;
            }

            /** Keeps leads captured on any of these websites, exactly as stored (adds to earlier calls). */
            public Builder website(String... sites) {
                for (String site : sites) {
                    websites.add(Objects.requireNonNull(site, "website"));
                }
                return this;
            }

            /** Keeps leads that have ({@code true}) or lack a {@code createdAt}. */
            public Builder createdAtExists(boolean present) {
                return exists("createdAt", present);
            }

            /** Keeps leads that have ({@code true}) or lack an {@code updatedAt}. */
            public Builder updatedAtExists(boolean present) {
                return exists("updatedAt", present);
            }

            /** Keeps leads that have ({@code true}) or lack a {@code qualifiedAt}, i.e. were ever qualified. */
            public Builder qualifiedAtExists(boolean present) {
                return exists("qualifiedAt", present);
            }

            private Builder exists(String field, boolean present) {
                if (timestampsPresent.containsKey(field)) {
                    throw new IllegalStateException(field + " presence was already set");
                }
                timestampsPresent.put(field, present);
                return this;
            }

            /** Builds the filters. */
            public Filters build() {
                return new Filters(this);
            }
        }
    }

    /**
     * Builds an {@link OctanistProvider}: the settings every provider has (see {@link ProviderBuilder}) and
     * {@link #pinListings(boolean)}. Each setting may be given once (a repeated setting is an
     * {@link IllegalStateException}); a wrong or missing value is a {@link ConfigurationException}; {@code connection}
     * and {@code apiKey} are required. Not thread-safe.
     */
    public static final class Builder extends ProviderBuilder<Builder, OctanistProvider> {
        private Boolean pinListings;

        private Builder() {
            super(PROVIDER_ID, DEFAULT_BASE_URL, null);
        }

        /**
         * Whether a listing pins a {@code createdAt} upper bound at its first page, so leads created meanwhile cannot
         * shift its pages; default true.
         */
        public Builder pinListings(boolean pin) {
            once("pinListings");
            this.pinListings = pin;
            return this;
        }

        @Override
        protected StatusMapping defaultStatuses() {
            return DEFAULT_STATUS_MAPPING;
        }

        @Override
        protected OctanistProvider create(ProviderSettings settings) {
            return new OctanistProvider(settings, pinListings == null || pinListings);
        }
    }
}
