package dev.leadbridge.testkit.octanist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One parsed list request of GET /api/leads: paging, sort keys, search, projection and the AND-combined filters.
 * Parsing throws {@link OctanistError} with the documented codes.
 */
final class LeadQuery {

    private static final Pattern POSITIVE_INT = Pattern.compile("\\d{1,19}");
    private static final Set<String> COMPARISONS = Set.of("gte", "gt", "lte", "lt");

    /** One sort key. @param field lead field @param descending direction */
    record SortKey(String field, boolean descending) { }

    private final int limit;
    private final long page;
    private final List<SortKey> sort;
    private final List<Predicate<ObjectNode>> filters;
    private final Set<String> fields;

    private LeadQuery(int limit, long page, List<SortKey> sort, List<Predicate<ObjectNode>> filters,
                      Set<String> fields) {
        this.limit = limit;
        this.page = page;
        this.sort = List.copyOf(sort);
        this.filters = List.copyOf(filters);
        this.fields = fields;
    }

    /** Parses the decoded query parameters of a list request, for the current or the legacy API. */
    static LeadQuery parse(Map<String, List<String>> query, boolean legacy) {
        int limit = legacy ? 100 : 50;
        long page = 1;
        List<SortKey> sort = List.of(legacy ? new SortKey("updatedAt", true) : new SortKey("createdAt", true));
        List<Predicate<ObjectNode>> filters = new ArrayList<>();
        Set<String> fields = null;
        for (Map.Entry<String, List<String>> entry : query.entrySet()) {
            String key = entry.getKey();
            List<String> values = entry.getValue();
            String first = values.isEmpty() ? "" : values.get(0);
            switch (key) {
                case "limit" -> limit = (int) integer("limit", first, 1, 100);
                case "page" -> page = integer("page", first, 1, Long.MAX_VALUE);
                case "sort" -> {
                    if (!first.isBlank()) {
                        sort = sortKeys(first);
                    }
                }
                case "search" -> {
                    if (!first.isBlank()) {
                        filters.add(search(first));
                    }
                }
                case "fields" -> fields = projection(first, legacy);
                case "updated_after" -> {
                    for (String value : values) {
                        Instant after = date(key, value);
                        filters.add(lead -> compareDate(lead, "updatedAt", "gt", after));
                    }
                }
                default -> filters.addAll(filter(key, values, legacy));
            }
        }
        return new LeadQuery(limit, page, sort, filters, fields);
    }

    int limit() {
        return limit;
    }

    long page() {
        return page;
    }

    /** True when the lead passes every filter. */
    boolean matches(ObjectNode lead) {
        for (Predicate<ObjectNode> filter : filters) {
            if (!filter.test(lead)) {
                return false;
            }
        }
        return true;
    }

    /** Sorts {@code leads} in place by this query's sort keys, then lead id ascending. */
    void sort(List<ObjectNode> leads) {
        sort(leads, sort);
    }

    /**
     * Sorts {@code leads} in place by the given keys (nulls last in both directions), then lead id ascending.
     * Each lead's sort values are computed once.
     */
    static void sort(List<ObjectNode> leads, List<SortKey> keys) {
        List<Decorated> decorated = new ArrayList<>(leads.size());
        for (ObjectNode lead : leads) {
            Comparable<?>[] values = new Comparable<?>[keys.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = sortValue(lead, keys.get(i).field());
            }
            decorated.add(new Decorated(lead, values, lead.path("id").asText()));
        }
        decorated.sort((a, b) -> {
            for (int i = 0; i < keys.size(); i++) {
                int c = compareValues(a.values()[i], b.values()[i], keys.get(i).descending());
                if (c != 0) {
                    return c;
                }
            }
            return a.id().compareTo(b.id());
        });
        for (int i = 0; i < decorated.size(); i++) {
            leads.set(i, decorated.get(i).lead());
        }
    }

    /** A lead with its precomputed sort values. */
    private record Decorated(ObjectNode lead, Comparable<?>[] values, String id) { }

    /** A string sort value: compared case-insensitively, then exactly. */
    private record Text(String lower, String exact) implements Comparable<Text> {
        @Override
        public int compareTo(Text other) {
            int c = lower.compareTo(other.lower);
            return c != 0 ? c : exact.compareTo(other.exact);
        }
    }

    /** The lead as returned: all fields, or {@code id} and the requested ones in the lead's field order. */
    ObjectNode project(ObjectNode lead, boolean legacy) {
        if (fields == null) {
            return lead;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("id", lead.path("id").deepCopy());
        for (String field : LeadShapes.fields(legacy)) {
            if (!field.equals("id") && fields.contains(field)) {
                JsonNode value = lead.get(field);
                out.set(field, value == null ? JsonNodeFactory.instance.nullNode() : value.deepCopy());
            }
        }
        return out;
    }

    private static long integer(String name, String text, long min, long max) {
        String s = text.trim();
        if (!POSITIVE_INT.matcher(s).matches()) {
            throw OctanistError.validation(name + " must be an integer"
                    + (max == 100 ? " between 1 and 100" : " of at least " + min) + ", was '" + text + "'", name);
        }
        long value;
        try {
            value = Long.parseLong(s);
        } catch (NumberFormatException e) {
            value = Long.MAX_VALUE;
            if (max == Long.MAX_VALUE) {
                throw OctanistError.validation(name + " is too large, was " + s, name);
            }
        }
        if (value < min || value > max) {
            throw OctanistError.validation(name + " must be"
                    + (max == 100 ? " between 1 and 100" : " at least " + min) + ", was " + value, name);
        }
        return value;
    }

    private static List<SortKey> sortKeys(String text) {
        List<SortKey> keys = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String item = part.trim();
            String[] pieces = item.split(":", -1);
            if (item.isEmpty() || pieces.length > 2) {
                throw OctanistError.invalidFilter("Invalid sort '" + text + "': use field:asc or field:desc",
                        "sort");
            }
            String field = LeadFields.SORT_KEYS.get(pieces[0].trim());
            if (field == null) {
                throw OctanistError.invalidFilter("Cannot sort by '" + pieces[0].trim() + "'; allowed: "
                        + String.join(", ", new java.util.TreeSet<>(LeadFields.SORT_KEYS.keySet())), "sort");
            }
            String direction = pieces.length == 2 ? pieces[1].trim().toLowerCase(Locale.ROOT) : "asc";
            if (!direction.equals("asc") && !direction.equals("desc")) {
                throw OctanistError.invalidFilter("Sort direction must be asc or desc, was '" + pieces[1] + "'",
                        "sort");
            }
            keys.add(new SortKey(field, direction.equals("desc")));
        }
        return keys;
    }

    private static Predicate<ObjectNode> search(String text) {
        String needle = text.toLowerCase(Locale.ROOT);
        return lead -> contains(lead, "name", needle) || contains(lead, "email", needle)
                || contains(lead, "phone", needle);
    }

    private static boolean contains(ObjectNode lead, String field, String needle) {
        JsonNode value = lead.get(field);
        return value != null && !value.isNull() && value.asText().toLowerCase(Locale.ROOT).contains(needle);
    }

    private static Set<String> projection(String text, boolean legacy) {
        Set<String> result = new LinkedHashSet<>();
        List<String> known = LeadShapes.fields(legacy);
        for (String part : text.split(",")) {
            String field = part.trim();
            if (field.isEmpty()) {
                continue;
            }
            if (!known.contains(field)) {
                throw OctanistError.invalidFilter("Unknown field '" + field + "' in fields", "fields");
            }
            result.add(field);
        }
        return result.isEmpty() ? null : result;
    }

    private static List<Predicate<ObjectNode>> filter(String key, List<String> values, boolean legacy) {
        String field = key;
        String operator = null;
        int bracket = key.indexOf('[');
        if (bracket >= 0) {
            if (!key.endsWith("]") || bracket == 0) {
                throw OctanistError.invalidFilter("Unknown filter parameter '" + key + "'", key);
            }
            field = key.substring(0, bracket);
            operator = key.substring(bracket + 1, key.length() - 1);
        }
        List<Predicate<ObjectNode>> result = new ArrayList<>();
        if (LeadFields.EQUALITY_FILTERS.contains(field) || LeadFields.CLICK_IDS.contains(field)) {
            boolean clickId = LeadFields.CLICK_IDS.contains(field);
            if (clickId && "exists".equals(operator)) {
                for (String value : values) {
                    result.add(exists(field, key, value));
                }
                return result;
            }
            if (operator != null) {
                throw OctanistError.invalidFilter("Operator [" + operator + "] is not supported for " + field
                        + (clickId ? " (use [exists] or equality)" : " (equality only)"), key);
            }
            Set<String> accepted = new LinkedHashSet<>();
            for (String value : values) {
                for (String part : value.split(",")) {
                    String item = part.trim();
                    if (!item.isEmpty()) {
                        accepted.add(normaliseEnum(field, item, key, legacy));
                    }
                }
            }
            if (accepted.isEmpty()) {
                throw OctanistError.invalidFilter(field + " needs at least one value", key);
            }
            String name = field;
            result.add(lead -> {
                JsonNode value = lead.get(name);
                return value != null && !value.isNull() && accepted.contains(value.asText());
            });
            return result;
        }
        if (field.equals("value")) {
            if (operator != null && !COMPARISONS.contains(operator)) {
                throw OctanistError.invalidFilter("Operator [" + operator + "] is not supported for value", key);
            }
            String op = operator == null ? "eq" : operator;
            for (String value : values) {
                BigDecimal bound = number(key, value);
                result.add(lead -> {
                    BigDecimal actual = decimal(lead.get("value"));
                    return actual != null && holds(actual.compareTo(bound), op);
                });
            }
            return result;
        }
        if (LeadFields.DATE_FILTERS.contains(field)) {
            if ("exists".equals(operator)) {
                for (String value : values) {
                    result.add(exists(field, key, value));
                }
                return result;
            }
            if (operator != null && !COMPARISONS.contains(operator)) {
                throw OctanistError.invalidFilter("Operator [" + operator + "] is not supported for " + field, key);
            }
            String op = operator == null ? "eq" : operator;
            String name = field;
            for (String value : values) {
                Instant bound = date(key, value);
                result.add(lead -> compareDate(lead, name, op, bound));
            }
            return result;
        }
        throw OctanistError.invalidFilter("Unknown filter parameter '" + key + "'", key);
    }

    private static String normaliseEnum(String field, String value, String key, boolean legacy) {
        if (field.equals("status")) {
            String status = value.toLowerCase(Locale.ROOT);
            if (!legacy && status.equals("win")) {
                return "won"; // legacy spelling still accepted by the current API
            }
            Set<String> allowed = legacy ? LeadFields.LEGACY_STATUSES : LeadFields.CURRENT_STATUSES;
            if (!allowed.contains(status)) {
                throw OctanistError.invalidFilter("Invalid status '" + value + "'; allowed: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)), key);
            }
            return status;
        }
        if (field.equals("source")) {
            String source = value.toLowerCase(Locale.ROOT);
            if (!LeadFields.SOURCES.contains(source)) {
                throw OctanistError.invalidFilter("Invalid source '" + value + "'; allowed: "
                        + String.join(", ", new java.util.TreeSet<>(LeadFields.SOURCES)), key);
            }
            return source;
        }
        return value;
    }

    private static Predicate<ObjectNode> exists(String field, String key, String text) {
        String flag = text.trim().toLowerCase(Locale.ROOT);
        if (!flag.equals("true") && !flag.equals("false")) {
            throw OctanistError.invalidFilter(key + " must be true or false, was '" + text + "'", key);
        }
        boolean wanted = flag.equals("true");
        return lead -> {
            JsonNode value = lead.get(field);
            boolean present = value != null && !value.isNull();
            return present == wanted;
        };
    }

    private static BigDecimal number(String key, String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw OctanistError.invalidFilter(key + " must be a number, was '" + text + "'", key);
        }
    }

    private static Instant date(String key, String text) {
        Instant instant = Timestamps.parse(text);
        if (instant == null) {
            throw OctanistError.invalidDate(key, text);
        }
        return instant;
    }

    private static boolean compareDate(ObjectNode lead, String field, String op, Instant bound) {
        JsonNode value = lead.get(field);
        Instant actual = value == null || value.isNull() ? null : Timestamps.parse(value.asText());
        return actual != null && holds(actual.compareTo(bound), op);
    }

    private static boolean holds(int comparison, String op) {
        return switch (op) {
            case "gte" -> comparison >= 0;
            case "gt" -> comparison > 0;
            case "lte" -> comparison <= 0;
            case "lt" -> comparison < 0;
            default -> comparison == 0;
        };
    }

    /** The numeric value of a node: numbers and numeric strings; null otherwise. */
    static BigDecimal decimal(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
                return null;
            }
            return node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static int compareValues(Comparable<?> left, Comparable<?> right, boolean descending) {
        if (left == null || right == null) {
            return left == null ? (right == null ? 0 : 1) : -1; // nulls last in both directions
        }
        int c;
        if (left.getClass() == right.getClass()) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            int compared = ((Comparable) left).compareTo(right);
            c = compared;
        } else {
            c = left.toString().compareTo(right.toString());
        }
        return descending ? -c : c;
    }

    private static Comparable<?> sortValue(ObjectNode lead, String field) {
        JsonNode node = lead.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (LeadFields.TIMESTAMPS.contains(field)) {
            return Timestamps.parse(node.asText());
        }
        if (field.equals("value")) {
            return decimal(node);
        }
        String text = node.isContainerNode() ? node.toString() : node.asText();
        return new Text(text.toLowerCase(Locale.ROOT), text);
    }
}
