package dev.leadbridge.testkit.octanist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.testkit.SimRequest;
import dev.leadbridge.testkit.SimResponse;
import dev.leadbridge.testkit.SimulatorServer;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * A stateful, loopback fake of the Octanist lead API ({@code https://octanist.com/api}): key check, get one lead,
 * list with paging, sorting, search, projection and every documented filter, create and update (PATCH by id,
 * email or phone). Thread-safe: leads live in a concurrent map and are replaced, never mutated, so a list that
 * runs while another request writes sees each lead either before or after the write.
 *
 * <p>Two wire generations are simulated. The default is the current API (v1.1.0): the
 * {@code {success,data,meta}} envelope, structured errors with {@code error.code}, statuses
 * {@code open|qualified|won|lost}, timestamps with milliseconds. {@link Builder#legacy(boolean) legacy(true)}
 * switches to the legacy (v1.0.0) shapes: a bare JSON array from the list, a bare lead object from get,
 * {@code {"id":...}} from create, {@code {"success":true,"leadId":...,"status":...}} from update, flat
 * {@code {"error":"..."}} errors, status {@code win}, a {@code currency} field, timestamps without
 * milliseconds, list defaults {@code limit=100} and {@code sort=updated_at:desc}, and the old update rules
 * ({@code alsoQualified}; {@code value} required when changing to {@code win} or {@code qualified}; the lead
 * must have a currency).
 *
 * <p>Sorting: strings compare case-insensitively ({@code toLowerCase(Locale.ROOT)}), then exactly; timestamps as
 * instants; {@code value} numerically; null or missing values sort last in both directions; ties are broken by
 * lead id ascending ({@link String#compareTo}).
 *
 * <p>Decisions on undocumented points: errors from list-query validation are HTTP 400; create answers 201;
 * the id path segment is looked up raw first, then percent-decoded, and an id that decodes to something
 * containing {@code /} or to {@code .} / {@code ..} is simply not found; a trailing slash on a path is ignored;
 * a method a path does not document gets 405 with an {@code Allow} header and code {@code METHOD_NOT_ALLOWED};
 * {@code [exists]} counts a field as present when it is not null; email identification on update is
 * case-insensitive and ignores surrounding whitespace, phone identification compares digits only; the first
 * identifier given (id, then email, then phone) is used without falling back to the next;
 * a JSON {@code null} for an update field means "not given"; {@code lossReason} is stored when the update sets
 * (or the lead already has) status {@code lost} and cleared when the status changes to anything else;
 * {@code expiresAt} is {@code createdAt} plus 90 days; the current API also accepts {@code win} as an alias of
 * {@code won} in filters and updates.
 */
public final class OctanistSimulator extends SimulatorServer {

    /** The API key a simulator accepts unless the builder sets another. */
    public static final String DEFAULT_API_KEY = "oct_live_4f9a2c7e1b8d3f6a0e5c9b2d7a4f1e8c";

    private static final ObjectReader STRICT_JSON =
            JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String CONTENT_TYPE = "application/json; charset=utf-8";
    private static final BigDecimal MAX_VALUE = new BigDecimal("1e15");
    private static final String DEFAULT_CURRENCY = "USD";

    private final String apiKey;
    private final Clock clock;
    private final boolean legacy;
    private final boolean allowBulkUpdate;
    private final Predicate<ObjectNode> rejectRule;
    private final Map<String, ObjectNode> leads = new ConcurrentHashMap<>();
    /** Bumped by every write; cached listings of an older version are recomputed. */
    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();
    /** Filtered and sorted listings by query (without page), so paging through a large account stays fast. */
    private final Map<String, CachedListing> listings = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> sessions = new ConcurrentHashMap<>();
    private final Object writeLock = new Object();
    private final Random idRandom;

    private OctanistSimulator(Builder builder) {
        this.apiKey = builder.apiKey;
        this.clock = builder.clock;
        this.legacy = builder.legacy;
        this.allowBulkUpdate = builder.allowBulkUpdate;
        this.rejectRule = builder.rejectRule;
        this.idRandom = new Random(builder.randomSeed ^ 0x5DEECE66DL);
        LeadGenerator generator = new LeadGenerator(builder.randomSeed, clock.instant());
        int generated = 0;
        while (generated < builder.seedCount) {
            ObjectNode lead = generator.next(legacy);
            if (leads.putIfAbsent(lead.get("id").asText(), lead) == null) {
                generated++;
            }
        }
    }

    /** A builder with the defaults: {@link #DEFAULT_API_KEY}, the system UTC clock, no leads, current API. */
    public static Builder builder() {
        return new Builder();
    }

    /** The documented API base on loopback: {@link #rootUrl()} + {@code /api}. */
    public String baseUrl() {
        return rootUrl() + "/api";
    }

    /** The API key this simulator accepts in the {@code X-API-KEY} header. */
    public String apiKey() {
        return apiKey;
    }

    /** True when the simulator speaks the legacy (v1.0.0) wire shapes. */
    public boolean legacy() {
        return legacy;
    }

    /**
     * Inserts or replaces a lead exactly as given (native JSON of the simulated generation); an id is generated
     * when the lead has none. The lead is copied, so later changes to {@code nativeLead} have no effect.
     *
     * @return the id the lead is stored under
     */
    public String put(ObjectNode nativeLead) {
        Objects.requireNonNull(nativeLead, "nativeLead");
        ObjectNode copy = nativeLead.deepCopy();
        synchronized (writeLock) {
            version.incrementAndGet();
            JsonNode id = copy.get("id");
            if (id == null || id.isNull() || id.asText().isBlank()) {
                ObjectNode withId = JsonNodeFactory.instance.objectNode();
                withId.put("id", newId());
                copy.remove("id");
                withId.setAll(copy);
                copy = withId;
            }
            leads.put(copy.get("id").asText(), copy);
            return copy.get("id").asText();
        }
    }

    /** Deletes the lead with this id, as if deleted in Octanist's app (the API has no delete); false when unknown. */
    public boolean delete(String id) {
        synchronized (writeLock) {
            version.incrementAndGet();
            return leads.remove(id) != null;
        }
    }

    /** A copy of the lead with this id, if stored. */
    public Optional<ObjectNode> lead(String id) {
        ObjectNode lead = id == null ? null : leads.get(id);
        return Optional.ofNullable(lead).map(ObjectNode::deepCopy);
    }

    /** Copies of all stored leads, in the API's default list order (newest {@code createdAt} first, then id). */
    public List<ObjectNode> leads() {
        List<ObjectNode> copies = new ArrayList<>();
        for (ObjectNode lead : leads.values()) {
            copies.add(lead.deepCopy());
        }
        LeadQuery.sort(copies, List.of(new LeadQuery.SortKey("createdAt", true)));
        return copies;
    }

    /** How many leads are stored. */
    public int size() {
        return leads.size();
    }

    /** Removes every lead (and every pixel session). */
    public void clear() {
        synchronized (writeLock) {
            version.incrementAndGet();
            leads.clear();
            sessions.clear();
        }
    }

    /**
     * Registers the stored attribution of an Octanist pixel session: a create request carrying this
     * {@code sessionId} takes website, path, click ids and UTM fields from here and ignores those in its body
     * (staging docs). Keys other than those fields are ignored.
     */
    public void putSession(String sessionId, ObjectNode attribution) {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(attribution, "attribution");
        sessions.put(sessionId, attribution.deepCopy());
    }

    /** Authenticates, routes and answers one request; API errors become the generation's error body. */
    @Override
    protected SimResponse handle(SimRequest request) {
        try {
            authenticate(request);
            return route(request);
        } catch (OctanistError e) {
            return error(e);
        }
    }

    private SimResponse route(SimRequest request) {
        String path = request.rawPath();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String method = request.method();
        if (path.equals("/api/check")) {
            if (!method.equals("POST")) {
                return methodNotAllowed(method, path, "POST");
            }
            return json(200, JsonNodeFactory.instance.objectNode().put("success", true));
        }
        if (path.equals("/api/leads")) {
            return switch (method) {
                case "GET" -> list(request);
                case "POST" -> create(request);
                case "PATCH" -> update(request);
                default -> methodNotAllowed(method, path, "GET, POST, PATCH");
            };
        }
        if (path.startsWith("/api/leads/")) {
            String segment = path.substring("/api/leads/".length());
            if (segment.contains("/")) {
                throw OctanistError.notFound("Not found: " + request.rawPath());
            }
            if (!method.equals("GET")) {
                return methodNotAllowed(method, path, "GET");
            }
            return get(segment);
        }
        throw OctanistError.notFound("Not found: " + request.rawPath());
    }

    private void authenticate(SimRequest request) {
        String given = request.header("X-API-KEY");
        boolean valid = given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                apiKey.getBytes(StandardCharsets.UTF_8));
        if (!valid) {
            throw new OctanistError(401, "UNAUTHORIZED", "Invalid or missing API key");
        }
    }

    // ---------------------------------------------------------------- GET /api/leads/{id}

    private SimResponse get(String rawSegment) {
        ObjectNode lead = leads.get(rawSegment);
        if (lead == null) {
            String decoded = decodeSegment(rawSegment);
            if (decoded != null) {
                lead = leads.get(decoded);
            }
        }
        if (lead == null) {
            throw OctanistError.notFound("Lead not found");
        }
        return legacy ? json(200, lead) : success(200, lead, null);
    }

    private static String decodeSegment(String raw) {
        String decoded;
        try {
            decoded = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (decoded.isEmpty() || decoded.contains("/") || decoded.contains("\\") || decoded.equals(".")
                || decoded.equals("..")) {
            return null;
        }
        return decoded;
    }

    // ---------------------------------------------------------------- GET /api/leads

    private SimResponse list(SimRequest request) {
        LeadQuery query = LeadQuery.parse(request.query(), legacy);
        List<ObjectNode> matching = matching(request, query);
        int total = matching.size();
        int limit = query.limit();
        long totalPages = (total + (long) limit - 1) / limit;
        long offset = query.page() - 1 > Long.MAX_VALUE / limit ? Long.MAX_VALUE : (query.page() - 1) * limit;
        ArrayNode data = JsonNodeFactory.instance.arrayNode();
        for (long i = offset; i < total && i < offset + limit; i++) {
            data.add(query.project(matching.get((int) i), legacy));
        }
        if (legacy) {
            return json(200, data);
        }
        ObjectNode pagination = JsonNodeFactory.instance.objectNode();
        pagination.put("limit", limit);
        pagination.put("page", query.page());
        pagination.put("totalPages", totalPages);
        pagination.put("total", total);
        pagination.put("hasMore", query.page() < totalPages);
        return success(200, data, pagination);
    }

    private List<ObjectNode> matching(SimRequest request, LeadQuery query) {
        java.util.TreeMap<String, List<String>> key = new java.util.TreeMap<>(request.query());
        key.remove("page");
        String cacheKey = key.toString();
        long current = version.get();
        CachedListing cached = listings.get(cacheKey);
        if (cached != null && cached.version() == current) {
            return cached.leads();
        }
        synchronized (writeLock) {  // writes hold this lock, so the listing and its version agree
            current = version.get();
            List<ObjectNode> matching = new ArrayList<>();
            for (ObjectNode lead : leads.values()) {
                if (query.matches(lead)) {
                    matching.add(lead);
                }
            }
            query.sort(matching);
            if (listings.size() > 32) {
                listings.clear();
            }
            listings.put(cacheKey, new CachedListing(current, List.copyOf(matching)));
            return matching;
        }
    }

    private record CachedListing(long version, List<ObjectNode> leads) {
    }

    // ---------------------------------------------------------------- POST /api/leads

    private SimResponse create(SimRequest request) {
        ObjectNode body = parseObject(request.body());
        ObjectNode lead = LeadShapes.blankCurrent();
        for (String field : LeadFields.CREATE_STRINGS) {
            String value = text(body, field);
            if (value != null) {
                lead.put(field, value);
            }
        }
        JsonNode custom = body.get("custom");
        if (custom != null && !custom.isNull()) {
            lead.put("custom", custom.isTextual() ? custom.asText() : custom.toString());
        }
        for (String field : LeadFields.CONSENT) {
            Boolean consent = consent(body, field);
            if (consent != null) {
                lead.put(field, consent);
            }
        }
        String sessionId = text(body, "sessionId");
        ObjectNode session = sessionId == null ? null : sessions.get(sessionId);
        if (session != null) {
            for (String field : LeadFields.ATTRIBUTION) {
                JsonNode value = session.get(field);
                lead.set(field, value == null || value.isNull() ? JsonNodeFactory.instance.nullNode()
                        : JsonNodeFactory.instance.textNode(value.asText()));
            }
        }
        if (blank(lead, "name") && blank(lead, "email") && blank(lead, "phone") && blank(lead, "custom")) {
            throw OctanistError.validation("At least one of name, email, phone or custom is required");
        }
        if (rejectRule.test(lead.deepCopy())) {
            throw new OctanistError(403, "FORBIDDEN", "Lead rejected by the organization's filtering rules");
        }
        String id;
        synchronized (writeLock) {
            version.incrementAndGet();
            id = newId();
            Instant now = now();
            lead.put("id", id);
            lead.put("status", "open");
            lead.put("source", "api");
            lead.put("createdAt", Timestamps.format(now, false));
            lead.put("updatedAt", Timestamps.format(now, false));
            lead.put("expiresAt", Timestamps.format(now.plus(LeadGenerator.EXPIRY), false));
            leads.put(id, legacy ? LeadShapes.toLegacy(lead, DEFAULT_CURRENCY) : lead);
        }
        if (legacy) {
            return json(201, JsonNodeFactory.instance.objectNode().put("id", id));
        }
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("id", id);
        data.put("message", "Lead added");
        return success(201, data, null);
    }

    private static Boolean consent(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            switch (node.asText().trim().toLowerCase(Locale.ROOT)) {
                case "granted", "true" -> {
                    return true;
                }
                case "denied", "false" -> {
                    return false;
                }
                default -> {
                    // fall through to the error
                }
            }
        }
        throw OctanistError.validation(field + " must be a boolean or one of granted, denied, true, false", field);
    }

    private static boolean blank(ObjectNode lead, String field) {
        JsonNode value = lead.get(field);
        return value == null || value.isNull() || value.asText().isBlank();
    }

    // ---------------------------------------------------------------- PATCH /api/leads

    private SimResponse update(SimRequest request) {
        ObjectNode body = parseObject(request.body());
        String id = nonBlank(text(body, "id"));
        String email = nonBlank(text(body, "email"));
        String phone = nonBlank(text(body, "phone"));
        if (id == null && email == null && phone == null) {
            throw OctanistError.validation("Provide id, email or phone to identify the lead");
        }
        String status = status(body);
        JsonNode value = value(body.get("value"));
        String note = text(body, "note");
        String lossReason = text(body, "lossReason");
        boolean alsoQualified = legacy && body.path("alsoQualified").asBoolean(false);
        if (legacy && value == null && ("win".equals(status) || "qualified".equals(status))) {
            throw OctanistError.validation("value is required when changing the status to " + status, "value");
        }
        synchronized (writeLock) {
            version.incrementAndGet();
            List<ObjectNode> matches = find(id, email, phone);
            if (matches.isEmpty()) {
                throw OctanistError.notFound("No lead matches the given identifiers");
            }
            if (matches.size() > 1 && !allowBulkUpdate) {
                throw new OctanistError(409, "CONFLICT", matches.size() + " leads match the "
                        + (email != null ? "email" : "phone")
                        + "; bulk updates are not allowed for this organization",
                        Map.of("matches", matches.size()));
            }
            if (legacy && ("win".equals(status) || "qualified".equals(status))) {
                for (ObjectNode lead : matches) {
                    if (blank(lead, "currency")) {
                        throw OctanistError.validation("Lead " + lead.path("id").asText()
                                + " has no currency; set one before changing the status to " + status, "currency");
                    }
                }
            }
            String now = Timestamps.format(now(), legacy);
            for (ObjectNode stored : matches) {
                ObjectNode lead = stored.deepCopy();
                apply(lead, status, value, note, lossReason, alsoQualified, now);
                leads.put(lead.get("id").asText(), lead);
            }
            ObjectNode first = leads.get(matches.get(0).get("id").asText());
            if (legacy) {
                ObjectNode out = JsonNodeFactory.instance.objectNode();
                out.put("success", true);
                out.put("leadId", first.get("id").asText());
                out.set("status", first.path("status").deepCopy());
                return json(200, out);
            }
            ObjectNode data = JsonNodeFactory.instance.objectNode();
            data.put("leadId", first.get("id").asText());
            data.put("leadsUpdated", matches.size());
            data.put("message", matches.size() == 1 ? "Lead updated successfully"
                    : matches.size() + " leads updated successfully");
            return success(200, data, null);
        }
    }

    private void apply(ObjectNode lead, String status, JsonNode value, String note, String lossReason,
                       boolean alsoQualified, String now) {
        if (status != null) {
            boolean qualifies = status.equals("qualified") || (alsoQualified && status.equals("win"));
            if (qualifies && blank(lead, "qualifiedAt")) {
                lead.put("qualifiedAt", now);
            }
            lead.put("status", status);
            if (!legacy && !status.equals("lost")) {
                lead.putNull("lossReason");
            }
        }
        if (!legacy && lossReason != null && "lost".equals(lead.path("status").asText())) {
            lead.put("lossReason", lossReason);
        }
        if (value != null) {
            lead.set("value", value);
        }
        if (note != null) {
            lead.put("note", note);
        }
        lead.put("updatedAt", now);
    }

    private String status(ObjectNode body) {
        String status = text(body, "status");
        String field = "status";
        if (status == null) {
            status = text(body, "changedTo");
            field = "changedTo";
        }
        if (status == null) {
            return null;
        }
        String normalised = status.trim().toLowerCase(Locale.ROOT);
        if (!legacy && normalised.equals("win")) {
            return "won";
        }
        List<String> allowed = legacy ? List.of("qualified", "win", "lost") : List.of("qualified", "won", "lost");
        if (!allowed.contains(normalised)) {
            throw OctanistError.validation(field + " must be one of " + String.join(", ", allowed) + ", was '"
                    + status + "'", field);
        }
        return normalised;
    }

    private static JsonNode value(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        BigDecimal number;
        if (node.isNumber()) {
            number = LeadQuery.decimal(node);
        } else if (node.isTextual()) {
            number = LeadQuery.decimal(node);
        } else {
            throw OctanistError.validation("value must be a number or a numeric string", "value");
        }
        if (number == null) {
            throw OctanistError.validation("value must be a number or a numeric string, was '" + node.asText()
                    + "'", "value");
        }
        if (number.abs().compareTo(MAX_VALUE) > 0) {
            throw OctanistError.validation("value is out of range", "value");
        }
        BigDecimal stripped = number.stripTrailingZeros();
        return stripped.scale() <= 0 ? LongNode.valueOf(stripped.longValueExact())
                : DoubleNode.valueOf(stripped.doubleValue());
    }

    private List<ObjectNode> find(String id, String email, String phone) {
        List<ObjectNode> result = new ArrayList<>();
        if (id != null) {
            ObjectNode lead = leads.get(id);
            if (lead != null) {
                result.add(lead);
            }
            return result;
        }
        for (ObjectNode lead : leads.values()) {
            boolean match = email != null ? sameEmail(lead.get("email"), email) : samePhone(lead.get("phone"), phone);
            if (match) {
                result.add(lead);
            }
        }
        result.sort(Comparator.comparing(lead -> lead.path("id").asText()));
        return result;
    }

    private static boolean sameEmail(JsonNode stored, String email) {
        return stored != null && !stored.isNull()
                && stored.asText().trim().toLowerCase(Locale.ROOT).equals(email.trim().toLowerCase(Locale.ROOT));
    }

    private static boolean samePhone(JsonNode stored, String phone) {
        if (stored == null || stored.isNull()) {
            return false;
        }
        String wanted = phone.replaceAll("\\D", "");
        if (wanted.isEmpty()) {
            return stored.asText().trim().equals(phone.trim());
        }
        return stored.asText().replaceAll("\\D", "").equals(wanted);
    }

    // ---------------------------------------------------------------- shared

    private static ObjectNode parseObject(String body) {
        if (body == null || body.isBlank()) {
            throw OctanistError.validation("Request body must be a JSON object");
        }
        JsonNode node;
        try {
            node = STRICT_JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw OctanistError.validation("Invalid JSON body: " + e.getOriginalMessage());
        } catch (RuntimeException e) {
            throw OctanistError.validation("Invalid JSON body");
        }
        if (!(node instanceof ObjectNode object)) {
            throw OctanistError.validation("Request body must be a JSON object");
        }
        return object;
    }

    private static String text(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw OctanistError.validation(field + " must be a string", field);
        }
        return node.asText();
    }

    private static String nonBlank(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private String newId() {
        synchronized (idRandom) {
            String id;
            do {
                id = LeadShapes.newId(idRandom);
            } while (leads.containsKey(id));
            return id;
        }
    }

    private ObjectNode meta() {
        ObjectNode meta = JsonNodeFactory.instance.objectNode();
        StringBuilder requestId = new StringBuilder("req_");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 12; i++) {
            requestId.append(Character.forDigit(random.nextInt(16), 16));
        }
        meta.put("requestId", requestId.toString());
        meta.put("timestamp", Timestamps.format(clock.instant(), false));
        return meta;
    }

    private SimResponse success(int status, JsonNode data, ObjectNode pagination) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("success", true);
        out.set("data", data);
        ObjectNode meta = meta();
        if (pagination != null) {
            ObjectNode ordered = JsonNodeFactory.instance.objectNode();
            ordered.set("pagination", pagination);
            ordered.setAll(meta);
            meta = ordered;
        }
        out.set("meta", meta);
        return json(status, out);
    }

    private SimResponse error(OctanistError e) {
        if (legacy) {
            return json(e.status(), JsonNodeFactory.instance.objectNode().put("error", e.getMessage()));
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("success", false);
        ObjectNode error = out.putObject("error");
        error.put("code", e.code());
        error.put("message", e.getMessage());
        error.set("details", JSON.valueToTree(e.details()));
        out.set("meta", meta());
        return json(e.status(), out);
    }

    private SimResponse methodNotAllowed(String method, String path, String allow) {
        return error(new OctanistError(405, "METHOD_NOT_ALLOWED", "Method " + method + " is not allowed on "
                + path)).withHeader("Allow", allow);
    }

    private static SimResponse json(int status, JsonNode body) {
        try {
            return new SimResponse(status, Map.of("Content-Type", CONTENT_TYPE), JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a response", e);
        }
    }

    /**
     * Configures and starts an {@link OctanistSimulator}. Not thread-safe; each method validates its argument and
     * throws {@link IllegalArgumentException} (or {@link NullPointerException} for null) when it is unusable.
     */
    public static final class Builder {

        private String apiKey = DEFAULT_API_KEY;
        private Clock clock = Clock.systemUTC();
        private int seedCount;
        private long randomSeed = 1L;
        private boolean legacy;
        private boolean allowBulkUpdate;
        private Predicate<ObjectNode> rejectRule = lead -> false;

        private Builder() {
        }

        /** The API key accepted in {@code X-API-KEY}; default {@link OctanistSimulator#DEFAULT_API_KEY}. */
        public Builder apiKey(String apiKey) {
            Objects.requireNonNull(apiKey, "apiKey");
            if (apiKey.isBlank()) {
                throw new IllegalArgumentException("apiKey must not be blank");
            }
            this.apiKey = apiKey;
            return this;
        }

        /** The clock for timestamps of created and updated leads and for the seeded history; default system UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Generates {@code count} realistic leads, deterministic for {@code randomSeed} and the clock's instant. */
        public Builder seed(int count, long randomSeed) {
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative, was " + count);
            }
            this.seedCount = count;
            this.randomSeed = randomSeed;
            return this;
        }

        /** Speaks the legacy (v1.0.0) wire shapes instead of the current envelope; default false. */
        public Builder legacy(boolean legacy) {
            this.legacy = legacy;
            return this;
        }

        /** Lets an update by email or phone change every matching lead instead of answering 409; default false. */
        public Builder allowBulkUpdate(boolean allowBulkUpdate) {
            this.allowBulkUpdate = allowBulkUpdate;
            return this;
        }

        /**
         * The organization's filtering rules: a create request whose lead (current shape, before it is stored)
         * matches is rejected with 403 FORBIDDEN. Default: nothing is rejected.
         */
        public Builder rejectLeadsWhen(Predicate<ObjectNode> rule) {
            this.rejectRule = Objects.requireNonNull(rule, "rule");
            return this;
        }

        /** Starts the simulator on a random loopback port. */
        public OctanistSimulator build() {
            return new OctanistSimulator(this);
        }
    }
}
