package dev.leadbridge.client.internal;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadField;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.PersonKey;
import dev.leadbridge.core.Range;
import dev.leadbridge.core.SortKey;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.LeadbridgeException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Small operations on leads and queries the client shares. */
public final class Leads {

    private Leads() {
    }

    /**
     * The lead with its person key filled in when the provider left it null although an email or a phone parseable
     * with {@code defaultRegion} exists; the lead itself otherwise.
     */
    public static Lead withPersonKey(Lead lead, String defaultRegion) {
        if (lead.personKey() != null || (lead.email() == null && lead.phone() == null && lead.phoneE164() == null)) {
            return lead;
        }
        String e164 = lead.phoneE164() != null ? lead.phoneE164() : PersonKey.toE164(lead.phone(), defaultRegion);
        String key = PersonKey.of(lead.email(), e164);
        if (key == null) {
            return lead;
        }
        return lead.toBuilder().personKey(key).phoneE164(e164).build();
    }

    /**
     * The query a connection is asked: the caller's query, but returning every field a filter or sort key reads, so
     * leads of several connections can be compared; the caller's projection is applied after the merge.
     */
    static LeadQuery fetchQuery(LeadQuery query) {
        Set<LeadField> needed = query.fieldsNeeded();
        if (needed.equals(query.fields())) {
            return query;
        }
        return query.toBuilder().fields(needed.toArray(new LeadField[0])).build();
    }

    /** {@code query} with another sort and updatedAt range, returning at least updatedAt among its fields. */
    static LeadQuery forSync(LeadQuery query, List<SortKey> sort, Range<Instant> updatedAt) {
        LeadQuery.Builder b = query.toBuilder().sort(sort).updatedAt(updatedAt);
        if (!query.fields().isEmpty()) {
            b.fields(LeadField.UPDATED_AT);
        }
        return b.build();
    }

    /** The intersection of a caller's updatedAt range (may be null) with "at least {@code from}" (may be null). */
    static Range<Instant> atLeast(Range<Instant> range, Instant from) {
        if (from == null) {
            return range;
        }
        if (range == null) {
            return Range.atLeast(from);
        }
        Instant lower = range.lower();
        boolean lowerInclusive = range.lowerInclusive();
        if (lower == null || lower.isBefore(from)) {
            lower = from;
            lowerInclusive = true;
        }
        if (range.upper() != null && lower.isAfter(range.upper())) {
            // empty: a range that contains nothing
            return new Range<>(range.upper(), false, range.upper(), false);
        }
        return new Range<>(lower, lowerInclusive, range.upper(), range.upperInclusive());
    }

    /** {@code e} when it is a typed error, else a typed error naming the connection, with {@code e} as cause. */
    static LeadbridgeException typed(RuntimeException e, ConnectionHandle connection) {
        if (e instanceof LeadbridgeException typed) {
            return typed;
        }
        return new LeadbridgeException("connection '" + connection.name() + "' failed unexpectedly: " + e,
                ErrorDetails.of(connection.provider().providerId(), connection.name()), e);
    }
}
