package dev.leadbridge.client;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.PersonKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Groups the leads of one person across connections and providers by {@link Lead#personKey()}: the hash of the
 * normalized email, or failing that of the E.164 phone, as the canonical model defines it ({@link PersonKey}). The
 * same e-mail in a different case at two providers gives one key; different people never share one.
 */
public final class PersonIndex {

    private PersonIndex() {
    }

    /**
     * The leads grouped by person key, keys in the order first seen and leads in iteration order within a group.
     * Leads without a key (neither email nor parseable phone) are left out. Holds every lead given, so feed it a
     * bounded set (e.g. one export) rather than an unbounded stream.
     *
     * @param leads the leads, from any connections; null elements are not allowed
     * @return an unmodifiable map from person key to the (unmodifiable) leads of that person
     */
    public static Map<String, List<Lead>> groupByPerson(Iterable<Lead> leads) {
        Objects.requireNonNull(leads, "leads");
        Map<String, List<Lead>> groups = new LinkedHashMap<>();
        for (Lead lead : leads) {
            String key = Objects.requireNonNull(lead, "lead").personKey();
            if (key != null) {
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(lead);
            }
        }
        Map<String, List<Lead>> frozen = new LinkedHashMap<>();
        groups.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(frozen);
    }

    /**
     * Only the groups holding leads from at least two different connections: the people an agency meets in several
     * accounts.
     *
     * @param leads the leads, from any connections
     * @return an unmodifiable map from person key to the leads of that person
     */
    public static Map<String, List<Lead>> acrossConnections(Iterable<Lead> leads) {
        Map<String, List<Lead>> all = groupByPerson(leads);
        Map<String, List<Lead>> shared = new LinkedHashMap<>();
        all.forEach((key, group) -> {
            if (group.stream().map(Lead::connection).distinct().count() > 1) {
                shared.put(key, group);
            }
        });
        return Collections.unmodifiableMap(shared);
    }

    /**
     * The person key the canonical model gives an email and a phone: the normalized email's key, else the E.164
     * phone's (read with {@code defaultRegion} when it has no country code), else null.
     *
     * @param email         the email, may be null
     * @param phone         the phone as given, may be null
     * @param defaultRegion ISO 3166 region for numbers without a country code, may be null
     */
    public static String personKey(String email, String phone, String defaultRegion) {
        return PersonKey.of(email, PersonKey.toE164(phone, defaultRegion));
    }
}
