package dev.leadbridge.core;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What to list: filters (all AND-combined), a sort, a page size and a projection. Its meaning is defined here, on the
 * canonical {@link Lead}, by {@link #matches(Lead)} and {@link #comparator()}; a provider pushes down to its server
 * what it can and Leadbridge applies the rest on the client, so one query returns the same leads from any provider.
 * An empty sort means the provider's natural order. Immutable; build with {@link #builder()}.
 *
 * @param statuses    canonical statuses to keep; empty keeps all
 * @param sources     provider source values to keep (exact match); empty keeps all
 * @param createdAt   range of {@link Lead#createdAt()}, null for any
 * @param updatedAt   range of {@link Lead#updatedAt()}, null for any
 * @param qualifiedAt range of {@link Lead#qualifiedAt()}, null for any
 * @param value       range of {@link Lead#value()}, null for any
 * @param search      free text matched case-insensitively as a substring of name, email or phone; null for none
 * @param clickIds    click id name ({@code gclid}, {@code fbc}, ...) to whether it must be present (true) or absent
 * @param utmSource   required {@code utm_source}, exact; null for any
 * @param utmMedium   required {@code utm_medium}, exact; null for any
 * @param utmCampaign required {@code utm_campaign}, exact; null for any
 * @param sort        sort keys, most significant first; empty for the provider's natural order
 * @param pageSize    leads per page requested from the provider, 1 to 1000 (providers cap it at their maximum)
 * @param fields      the fields to return; empty returns all
 */
public record LeadQuery(Set<LeadStatus> statuses, Set<String> sources, Range<Instant> createdAt,
                        Range<Instant> updatedAt, Range<Instant> qualifiedAt, Range<BigDecimal> value, String search,
                        Map<String, Boolean> clickIds, String utmSource, String utmMedium, String utmCampaign,
                        List<SortKey> sort, int pageSize, Set<LeadField> fields) {

    /** The page size used when none is given. */
    public static final int DEFAULT_PAGE_SIZE = 100;

    /** Every lead, in the provider's natural order. */
    public static final LeadQuery ALL = builder().build();

    /** Validates and copies. */
    public LeadQuery {
        statuses = statuses == null || statuses.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(statuses));
        sources = sources == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(sources));
        clickIds = clickIds == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(clickIds));
        sort = sort == null ? List.of() : List.copyOf(sort);
        fields = fields == null || fields.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(fields));
        search = search == null || search.isBlank() ? null : search.trim();
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("pageSize must be between 1 and 1000, was " + pageSize);
        }
        long distinct = sort.stream().map(SortKey::field).distinct().count();
        if (distinct != sort.size()) {
            throw new IllegalArgumentException("a sort field may appear only once: " + sort);
        }
    }

    /** A new builder with no filters, natural order and the default page size. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this query's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.statuses.addAll(statuses);
        b.sources.addAll(sources);
        b.createdAt = createdAt;
        b.updatedAt = updatedAt;
        b.qualifiedAt = qualifiedAt;
        b.value = value;
        b.search = search;
        b.clickIds.putAll(clickIds);
        b.utmSource = utmSource;
        b.utmMedium = utmMedium;
        b.utmCampaign = utmCampaign;
        b.sort.addAll(sort);
        b.pageSize = pageSize;
        b.fields.addAll(fields);
        return b;
    }

    /** Whether {@code lead} passes every filter of this query: the canonical meaning of each filter. */
    public boolean matches(Lead lead) {
        if (!statuses.isEmpty() && !statuses.contains(lead.status())) {
            return false;
        }
        if (!sources.isEmpty() && !sources.contains(lead.source())) {
            return false;
        }
        if (!inRange(createdAt, lead.createdAt()) || !inRange(updatedAt, lead.updatedAt())
                || !inRange(qualifiedAt, lead.qualifiedAt()) || !inRange(value, lead.value())) {
            return false;
        }
        if (search != null && !containsIgnoreCase(lead.name(), search) && !containsIgnoreCase(lead.email(), search)
                && !containsIgnoreCase(lead.phone(), search)) {
            return false;
        }
        if (!clickIds.isEmpty() && !clickIdsMatch(lead)) {
            return false;
        }
        Attribution a = lead.attribution();
        return (utmSource == null || utmSource.equals(a.utmSource()))
                && (utmMedium == null || utmMedium.equals(a.utmMedium()))
                && (utmCampaign == null || utmCampaign.equals(a.utmCampaign()));
    }

    private boolean clickIdsMatch(Lead lead) {
        for (Map.Entry<String, Boolean> e : clickIds.entrySet()) {
            if (lead.attribution().clickIds().containsKey(e.getKey()) != e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The canonical order of this query's sort: per key, strings compare case-insensitively (then exactly), statuses
     * in pipeline order, and leads without a value come last in either direction; remaining ties are broken by
     * {@link Lead#id()} ascending, so the order is total and the same on every machine.
     */
    public Comparator<Lead> comparator() {
        return comparator(sort);
    }

    /** The canonical order of the given sort keys, as {@link #comparator()} describes. */
    public static Comparator<Lead> comparator(List<SortKey> sort) {
        Comparator<Lead> result = null;
        for (SortKey key : sort) {
            Comparator<Lead> c = keyComparator(key);
            result = result == null ? c : result.thenComparing(c);
        }
        Comparator<Lead> byId = Comparator.comparing(Lead::id);
        return result == null ? byId : result.thenComparing(byId);
    }

    /**
     * Returns {@code lead} with only the projected fields kept (identity and raw always stay); the lead itself when
     * no projection is set.
     */
    public Lead project(Lead lead) {
        if (fields.isEmpty()) {
            return lead;
        }
        Lead.Builder b = Lead.builder().id(lead.id()).connection(lead.connection()).provider(lead.provider())
                .nativeId(lead.nativeId()).personKey(lead.personKey()).raw(lead.raw()).status(LeadStatus.UNKNOWN);
        for (LeadField f : fields) {
            switch (f) {
                case NAME -> b.name(lead.name());
                case FIRST_NAME -> b.firstName(lead.firstName());
                case LAST_NAME -> b.lastName(lead.lastName());
                case EMAIL -> b.email(lead.email());
                case PHONE -> b.phone(lead.phone()).phoneE164(lead.phoneE164());
                case COMPANY -> b.company(lead.company());
                case TITLE -> b.title(lead.title());
                case STATUS -> b.status(lead.status()).statusRaw(lead.statusRaw());
                case SOURCE -> b.source(lead.source());
                case VALUE -> b.value(lead.value());
                case NOTE -> b.note(lead.note());
                case LOSS_REASON -> b.lossReason(lead.lossReason());
                case CONVERSION_NAME -> b.conversionName(lead.conversionName());
                case ATTRIBUTION -> b.attribution(lead.attribution());
                case CONSENT -> b.consent(lead.consent());
                case CAMPAIGN -> b.campaign(lead.campaign());
                case WORKFLOW -> b.workflow(lead.workflow());
                case ASSIGNEE -> b.assignee(lead.assignee());
                case LABELS -> b.labels(lead.labels());
                case CUSTOM -> b.custom(lead.custom());
                case CREATED_AT -> b.createdAt(lead.createdAt());
                case UPDATED_AT -> b.updatedAt(lead.updatedAt());
                case QUALIFIED_AT -> b.qualifiedAt(lead.qualifiedAt());
                case EXPIRES_AT -> b.expiresAt(lead.expiresAt());
                default -> throw new IllegalStateException("unhandled field " + f);
            }
        }
        return b.build();
    }

    /**
     * The fields a provider must return for this query to be answered on the client: the projection plus every field a
     * filter or sort key reads. Empty when the projection is empty (all fields).
     */
    public Set<LeadField> fieldsNeeded() {
        if (fields.isEmpty()) {
            return Set.of();
        }
        EnumSet<LeadField> needed = EnumSet.copyOf(fields);
        if (!statuses.isEmpty()) needed.add(LeadField.STATUS);
        if (!sources.isEmpty()) needed.add(LeadField.SOURCE);
        if (createdAt != null) needed.add(LeadField.CREATED_AT);
        if (updatedAt != null) needed.add(LeadField.UPDATED_AT);
        if (qualifiedAt != null) needed.add(LeadField.QUALIFIED_AT);
        if (value != null) needed.add(LeadField.VALUE);
        if (search != null) needed.addAll(EnumSet.of(LeadField.NAME, LeadField.EMAIL, LeadField.PHONE));
        if (!clickIds.isEmpty() || utmSource != null || utmMedium != null || utmCampaign != null) {
            needed.add(LeadField.ATTRIBUTION);
        }
        for (SortKey k : sort) {
            needed.add(switch (k.field()) {
                case CREATED_AT -> LeadField.CREATED_AT;
                case UPDATED_AT -> LeadField.UPDATED_AT;
                case QUALIFIED_AT -> LeadField.QUALIFIED_AT;
                case VALUE -> LeadField.VALUE;
                case NAME -> LeadField.NAME;
                case EMAIL -> LeadField.EMAIL;
                case STATUS -> LeadField.STATUS;
            });
        }
        return Collections.unmodifiableSet(needed);
    }

    private static <T extends Comparable<? super T>> boolean inRange(Range<T> range, T value) {
        return range == null || range.contains(value);
    }

    private static boolean containsIgnoreCase(String text, String part) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    private static Comparator<Lead> keyComparator(SortKey key) {
        Comparator<Lead> c = switch (key.field()) {
            case CREATED_AT -> nullsLast(Lead::createdAt, Comparator.naturalOrder(), key.ascending());
            case UPDATED_AT -> nullsLast(Lead::updatedAt, Comparator.naturalOrder(), key.ascending());
            case QUALIFIED_AT -> nullsLast(Lead::qualifiedAt, Comparator.naturalOrder(), key.ascending());
            case VALUE -> nullsLast(Lead::value, Comparator.naturalOrder(), key.ascending());
            case NAME -> nullsLast(Lead::name, TEXT_ORDER, key.ascending());
            case EMAIL -> nullsLast(Lead::email, TEXT_ORDER, key.ascending());
            case STATUS -> nullsLast(Lead::status, Comparator.naturalOrder(), key.ascending());
        };
        return c;
    }

    /** Case-insensitive first, then exact, so the order is total. */
    private static final Comparator<String> TEXT_ORDER = Comparator
            .comparing((String s) -> s.toLowerCase(Locale.ROOT)).thenComparing(Comparator.naturalOrder());

    private static <T> Comparator<Lead> nullsLast(Function<Lead, T> getter, Comparator<? super T> order,
                                                  boolean ascending) {
        Comparator<? super T> directed = ascending ? order : Collections.reverseOrder(order);
        return Comparator.comparing(getter, Comparator.nullsLast(directed));
    }

    /** Builds a {@link LeadQuery}. Not thread-safe. */
    public static final class Builder {
        private final Set<LeadStatus> statuses = EnumSet.noneOf(LeadStatus.class);
        private final Set<String> sources = new LinkedHashSet<>();
        private Range<Instant> createdAt;
        private Range<Instant> updatedAt;
        private Range<Instant> qualifiedAt;
        private Range<BigDecimal> value;
        private String search;
        private final Map<String, Boolean> clickIds = new LinkedHashMap<>();
        private String utmSource;
        private String utmMedium;
        private String utmCampaign;
        private final java.util.ArrayList<SortKey> sort = new java.util.ArrayList<>();
        private int pageSize = DEFAULT_PAGE_SIZE;
        private final Set<LeadField> fields = EnumSet.noneOf(LeadField.class);

        private Builder() {
        }

        /** Keeps leads in any of these statuses (adds to earlier calls). */
        public Builder status(LeadStatus... statuses) {
            for (LeadStatus s : statuses) {
                this.statuses.add(Objects.requireNonNull(s, "status"));
            }
            return this;
        }

        /** Keeps leads in any of these statuses (adds to earlier calls). */
        public Builder statuses(java.util.Collection<LeadStatus> statuses) {
            statuses.forEach(this::status);
            return this;
        }

        /** Keeps leads with any of these source values (adds to earlier calls). */
        public Builder source(String... sources) {
            for (String s : sources) {
                this.sources.add(Objects.requireNonNull(s, "source"));
            }
            return this;
        }

        /** Keeps leads created within {@code range}. */
        public Builder createdAt(Range<Instant> range) {
            this.createdAt = range;
            return this;
        }

        /** Keeps leads updated within {@code range}. */
        public Builder updatedAt(Range<Instant> range) {
            this.updatedAt = range;
            return this;
        }

        /** Keeps leads qualified within {@code range}. */
        public Builder qualifiedAt(Range<Instant> range) {
            this.qualifiedAt = range;
            return this;
        }

        /** Keeps leads whose value lies within {@code range}. */
        public Builder value(Range<BigDecimal> range) {
            this.value = range;
            return this;
        }

        /** Keeps leads whose name, email or phone contains {@code text}, case-insensitively. */
        public Builder search(String text) {
            this.search = text;
            return this;
        }

        /** Keeps leads where click id {@code name} (e.g. {@code gclid}) is present ({@code true}) or absent. */
        public Builder clickId(String name, boolean present) {
            this.clickIds.put(Objects.requireNonNull(name, "name"), present);
            return this;
        }

        /** Keeps leads with exactly this {@code utm_source}. */
        public Builder utmSource(String value) {
            this.utmSource = value;
            return this;
        }

        /** Keeps leads with exactly this {@code utm_medium}. */
        public Builder utmMedium(String value) {
            this.utmMedium = value;
            return this;
        }

        /** Keeps leads with exactly this {@code utm_campaign}. */
        public Builder utmCampaign(String value) {
            this.utmCampaign = value;
            return this;
        }

        /** Adds a sort key after the ones already given. */
        public Builder sortBy(SortField field, boolean ascending) {
            this.sort.add(new SortKey(field, ascending));
            return this;
        }

        /** Replaces the sort keys. */
        public Builder sort(List<SortKey> keys) {
            this.sort.clear();
            this.sort.addAll(keys);
            return this;
        }

        /** Leads per page requested from the provider. */
        public Builder pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        /** Returns only these fields (identity and raw always come back); adds to earlier calls. */
        public Builder fields(LeadField... fields) {
            this.fields.addAll(List.of(fields));
            return this;
        }

        /** Builds the query. @throws IllegalArgumentException for a page size out of range or a repeated sort field */
        public LeadQuery build() {
            return new LeadQuery(statuses, sources, createdAt, updatedAt, qualifiedAt, value, search, clickIds,
                    utmSource, utmMedium, utmCampaign, sort, pageSize, fields);
        }
    }
}
