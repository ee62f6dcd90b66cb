package dev.leadbridge.provider.workspace.internal;

import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.SortField;
import dev.leadbridge.core.SortKey;
import dev.leadbridge.core.spi.StatusMapping;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides which part of a {@link LeadQuery} goes to the server as {@code GET /leads} parameters. Only what keeps
 * the server's answer a superset of the query's leads is sent; core applies the whole query on the client anyway.
 * <ul>
 *   <li>{@code status}: the parameter takes one value, so it is sent only when the wanted categories stand for
 *       exactly one raw value in the connection's mapping (e.g. OPEN = {@code new}, WON = {@code converted}); a
 *       category with several raw values (QUALIFIED = {@code qualified}/{@code negotiating}) or several categories
 *       are filtered on the client. UNKNOWN is never sent.</li>
 *   <li>{@code source}: sent when the query keeps exactly one source.</li>
 *   <li>{@code search}: the server matches name and email (some versions also company), the canonical search also
 *       phone; it is sent only when the text holds a character no phone number can contain (anything but digits,
 *       spaces, {@code + ( ) - . /} and the extension markers {@code ext}/{@code x}), so no phone match is lost.</li>
 *   <li>Everything else (date and value ranges, click ids, UTM, sorting other than the natural order) runs on the
 *       client; {@code sortBy}/{@code sortOrder} (not in the docs) are sent only for a sort on createdAt or
 *       updatedAt that {@code listTryingSort} tries, whose answer the caller checks.</li>
 * </ul>
 */
final class WorkspaceQueryPushdown {

    private static final List<SortKey> NATURAL_ORDER = List.of(SortKey.desc(SortField.CREATED_AT));

    /** Characters a phone number may be written with, the extension markers included (case-insensitive). */
    private static final String PHONE_CHARACTERS = "0123456789+()-./ \t" + "extEXT";

    private WorkspaceQueryPushdown() {
    }

    /**
     * The query parameters for one page, in the order {@code page, limit, status, source, search, sortBy, sortOrder}.
     *
     * @param upperCase whether to spell the status in upper case (the server was seen to use the newer model)
     */
    static Map<String, Object> parameters(LeadQuery query, int page, int limit, StatusMapping statuses,
                                          boolean upperCase) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("page", page);
        params.put("limit", limit);
        String status = status(query.statuses(), statuses);
        if (status != null) {
            params.put("status", upperCase ? status.toUpperCase(Locale.ROOT) : status);
        }
        if (query.sources().size() == 1) {
            params.put("source", query.sources().iterator().next());
        }
        if (query.search() != null && searchCannotMissAPhone(query.search())) {
            params.put("search", query.search());
        }
        String sortBy = sortBy(query.sort());
        if (sortBy != null) {
            params.put("sortBy", sortBy);
            params.put("sortOrder", query.sort().get(0).ascending() ? "asc" : "desc");
        }
        return params;
    }

    /**
     * The {@code sortBy} value for a sort other than the natural order (createdAt descending, never sent): one key on
     * createdAt or updatedAt; null otherwise. Only {@code listTryingSort} hands such a sort down (the server was seen
     * honouring it, undocumented, and the caller checks the order it gets).
     */
    static String sortBy(List<SortKey> sort) {
        if (sort.size() != 1 || sort.equals(NATURAL_ORDER)) {
            return null;
        }
        return switch (sort.get(0).field()) {
            case CREATED_AT -> "createdAt";
            case UPDATED_AT -> "updatedAt";
            default -> null;
        };
    }

    /** The one raw status value standing for all wanted categories, or null when the status is not pushed down. */
    static String status(Set<LeadStatus> wanted, StatusMapping statuses) {
        if (wanted.isEmpty() || wanted.contains(LeadStatus.UNKNOWN)) {
            return null;
        }
        Set<String> raws = new LinkedHashSet<>();
        for (LeadStatus category : wanted) {
            raws.addAll(statuses.rawValuesOf(category));
        }
        return raws.size() == 1 ? raws.iterator().next() : null;
    }

    /** Whether the text contains a character that cannot occur in a phone number. */
    static boolean searchCannotMissAPhone(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (PHONE_CHARACTERS.indexOf(text.charAt(i)) < 0) {
                return true;
            }
        }
        return false;
    }
}
