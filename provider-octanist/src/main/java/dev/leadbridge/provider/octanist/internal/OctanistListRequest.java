package dev.leadbridge.provider.octanist.internal;

import dev.leadbridge.core.LeadField;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.Range;
import dev.leadbridge.core.SortKey;
import dev.leadbridge.core.spi.StatusMapping;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link LeadQuery} page into the query parameters of GET /leads, pushing down only what keeps the server's
 * answer a superset of the canonical answer (the client re-applies the whole query):
 * <ul>
 *   <li>statuses: {@code status=} the raw values of the categories, comma-joined (OR); {@code win} is sent as
 *       {@code won}; a query for categories no raw value maps to needs no request at all; a query naming
 *       {@code UNKNOWN} (unseen raw values) or a category mapped to an undocumented raw value is filtered on the
 *       client only;</li>
 *   <li>sources: {@code source=a,b} when every value is a documented source, else on the client;</li>
 *   <li>ranges: {@code <field>[gte|gt|lte|lt]=}; a bound finer than milliseconds is widened to the enclosing
 *       millisecond with the inclusive operator;</li>
 *   <li>search: {@code search=}; UTM: {@code utm_source=} etc. unless the value holds a comma or surrounding
 *       blanks (the server splits and trims);</li>
 *   <li>click ids: {@code <id>[exists]=true} only; absence runs on the client, because the server may count an
 *       empty string as present while the canonical lead drops blank click ids;</li>
 *   <li>sort: {@code field:dir} comma-joined (createdAt, updatedAt, qualifiedAt, value, name; status and email are
 *       sorted on the client), {@code createdAt:desc} when the query has none; projection:
 *       {@code fields=id,...} of every field {@link LeadQuery#fieldsNeeded()} names;</li>
 *   <li>listing pin: when given, {@code createdAt[lte]=<pin>} unless the query's own upper bound is tighter.</li>
 * </ul>
 */
final class OctanistListRequest {

    /** The largest page the server returns. */
    static final int MAX_LIMIT = 100;

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * The parameters of one list request.
     *
     * @param limit          the page size sent
     * @param nothingMatches true when no lead can match, so no request is needed
     * @param params         decoded parameter names and values, in sending order
     */
    record Plan(int limit, boolean nothingMatches, Map<String, String> params) {

        /** The parameters percent-encoded for Feign's {@code @QueryMap(encoded = true)}. */
        Map<String, Object> encoded() {
            Map<String, Object> out = new LinkedHashMap<>();
            params.forEach((k, v) -> out.put(encode(k), encode(v)));
            return out;
        }
    }

    private OctanistListRequest() {
    }

    /**
     * The request for page {@code page} of {@code query}; {@code pin} is the listing's createdAt upper bound, or null.
     */
    static Plan plan(LeadQuery query, int page, Instant pin, StatusMapping statusMapping) {
        int limit = Math.min(query.pageSize(), MAX_LIMIT);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("limit", Integer.toString(limit));
        p.put("page", Integer.toString(page));
        p.put("sort", sort(query.sort()));
        if (query.search() != null) {
            p.put("search", query.search());
        }
        String fields = fields(query.fieldsNeeded());
        if (fields != null) {
            p.put("fields", fields);
        }
        StatusFilter status = status(query.statuses(), statusMapping);
        if (status.nothingMatches()) {
            return new Plan(limit, true, Map.of());
        }
        if (status.value() != null) {
            p.put("status", status.value());
        }
        if (!query.sources().isEmpty() && OctanistFields.SOURCES.containsAll(query.sources())) {
            p.put("source", String.join(",", query.sources()));
        }
        instantRange(p, "createdAt", pinned(query.createdAt(), pin));
        instantRange(p, "updatedAt", query.updatedAt());
        instantRange(p, "qualifiedAt", query.qualifiedAt());
        valueRange(p, query.value());
        equality(p, "utm_source", query.utmSource());
        equality(p, "utm_medium", query.utmMedium());
        equality(p, "utm_campaign", query.utmCampaign());
        for (String clickId : OctanistFields.CLICK_IDS) {
            if (Boolean.TRUE.equals(query.clickIds().get(clickId))) {
                p.put(clickId + "[exists]", "true");
            }
        }
        return new Plan(limit, false, p);
    }

    /** A status filter: the comma-joined raw values to send, none (null), or the knowledge that nothing matches. */
    record StatusFilter(boolean nothingMatches, String value) {
    }

    static StatusFilter status(Set<LeadStatus> statuses, StatusMapping mapping) {
        if (statuses.isEmpty() || statuses.contains(LeadStatus.UNKNOWN)) {
            return new StatusFilter(false, null);
        }
        Set<String> raws = new LinkedHashSet<>();
        for (LeadStatus status : LeadStatus.values()) {
            if (statuses.contains(status)) {
                raws.addAll(mapping.rawValuesOf(status));
            }
        }
        if (raws.isEmpty()) {
            return new StatusFilter(true, null);
        }
        Set<String> values = new LinkedHashSet<>();
        for (String raw : raws) {
            String value = raw.equals("win") ? "won" : raw;
            if (!OctanistFields.FILTER_STATUSES.contains(value)) {
                return new StatusFilter(false, null);
            }
            values.add(value);
        }
        return new StatusFilter(false, String.join(",", values));
    }

    private static String sort(List<SortKey> sort) {
        if (sort.isEmpty()) {
            return "createdAt:desc";
        }
        StringBuilder sb = new StringBuilder();
        for (SortKey key : sort) {
            String field = switch (key.field()) {
                case CREATED_AT -> "createdAt";
                case UPDATED_AT -> "updatedAt";
                case QUALIFIED_AT -> "qualifiedAt";
                case VALUE -> "value";
                case NAME -> "name";
                case EMAIL, STATUS -> throw new IllegalStateException(key.field()
                        + " order differs from the server's; it is sorted on the client");
            };
            sb.append(sb.length() == 0 ? "" : ",").append(field).append(key.ascending() ? ":asc" : ":desc");
        }
        return sb.toString();
    }

    private static String fields(Set<LeadField> needed) {
        if (needed.isEmpty()) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        names.add("id");
        for (LeadField field : LeadField.values()) {
            if (needed.contains(field)) {
                names.addAll(OctanistFields.of(field));
            }
        }
        return String.join(",", names);
    }

    private static Range<Instant> pinned(Range<Instant> range, Instant pin) {
        if (pin == null) {
            return range;
        }
        if (range == null) {
            return Range.atMost(pin);
        }
        if (range.upper() != null && !range.upper().isAfter(pin)) {
            return range;
        }
        Instant lower = range.lower();
        if (lower != null && lower.isAfter(pin)) {
            return range; // the query asks only for leads newer than the pin: nothing to protect
        }
        return new Range<>(lower, range.lowerInclusive(), pin, true);
    }

    private static void instantRange(Map<String, String> p, String field, Range<Instant> range) {
        if (range == null) {
            return;
        }
        if (range.lower() != null) {
            Instant floor = range.lower().truncatedTo(ChronoUnit.MILLIS);
            boolean exact = floor.equals(range.lower());
            p.put(field + (exact && !range.lowerInclusive() ? "[gt]" : "[gte]"), MILLIS.format(floor));
        }
        if (range.upper() != null) {
            Instant floor = range.upper().truncatedTo(ChronoUnit.MILLIS);
            boolean exact = floor.equals(range.upper());
            Instant ceiling = exact ? floor : floor.plusMillis(1);
            p.put(field + (exact && !range.upperInclusive() ? "[lt]" : "[lte]"), MILLIS.format(ceiling));
        }
    }

    private static void valueRange(Map<String, String> p, Range<BigDecimal> range) {
        if (range == null) {
            return;
        }
        if (range.lower() != null) {
            p.put("value" + (range.lowerInclusive() ? "[gte]" : "[gt]"), range.lower().toPlainString());
        }
        if (range.upper() != null) {
            p.put("value" + (range.upperInclusive() ? "[lte]" : "[lt]"), range.upper().toPlainString());
        }
    }

    private static void equality(Map<String, String> p, String field, String value) {
        if (value != null && !value.isEmpty() && value.equals(value.trim()) && value.indexOf(',') < 0) {
            p.put(field, value);
        }
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters (so {@code [ ] : ,} are sent encoded too). */
    static String encode(String text) {
        StringBuilder sb = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~';
            if (keep) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return sb.toString();
    }
}
