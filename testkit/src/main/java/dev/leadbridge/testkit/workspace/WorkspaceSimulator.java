package dev.leadbridge.testkit.workspace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.testkit.SimRequest;
import dev.leadbridge.testkit.SimResponse;
import dev.leadbridge.testkit.SimulatorServer;
import dev.leadbridge.testkit.webhook.WebhookSender;
import dev.leadbridge.testkit.webhook.WebhookTarget;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A stateful, faithful fake of the workspace-v1 (PollyBot) lead API on a loopback port, for tests.
 *
 * <p><b>Routes</b> (under {@link #baseUrl()} = {@code rootUrl() + "/api/v1"}): the workspace-level family
 * {@code GET /leads}, {@code GET|PUT|DELETE /leads/{leadId}} and the chatbot-scoped family
 * {@code GET|POST /chatbots/{chatbotId}/leads}, {@code GET|PUT|DELETE /chatbots/{chatbotId}/leads/{id}}.
 * Creating exists only on the chatbot path; other methods get 405 {@code METHOD_NOT_ALLOWED} with an
 * {@code Allow} header. Chatbot-scoped routes only see leads of that chatbot; an unknown chatbot gets 404
 * {@code CHATBOT_NOT_FOUND}; unknown routes 404 {@code NOT_FOUND}. A single trailing slash is tolerated.
 *
 * <p><b>Checks, in order:</b> auth (401, documented bodies with only success/error/code; a 401 is neither
 * counted nor given rate-limit headers, since the budget belongs to a valid key), rate limit (429),
 * route and method (404/405), id format (400 {@code INVALID_ID_FORMAT}: a percent-decoded id must be
 * 1..100 characters of {@code [A-Za-z0-9_-]}), chatbot existence, body validation (400
 * {@code VALIDATION_ERROR}, first failing field only, nothing applied), existence (404
 * {@code LEAD_NOT_FOUND}), uniqueness (409 {@code DUPLICATE_EMAIL}). The auth scheme word {@code Bearer}
 * is matched case-insensitively; an empty header counts as missing.
 *
 * <p><b>Rate limit:</b> a sliding window per API key (default 1000 per hour, time from the builder's clock).
 * Every authenticated response, 429 included, carries {@code X-RateLimit-Limit}, {@code -Remaining},
 * {@code -Reset} (Unix seconds, rounded up, when the oldest counted request expires) and {@code -Used};
 * a 429 also carries {@code Retry-After} seconds unless switched off. Refused requests are not counted;
 * answers replaced by an injected {@code Fault.respond}/wire fault never reach the simulator and are not
 * counted either.
 *
 * <p><b>Listing:</b> {@code page} (default 1) and {@code limit} (default {@value #DEFAULT_PAGE_SIZE}, 1..100),
 * other values give {@code VALIDATION_ERROR}; an empty value counts as absent. {@code status} compares
 * case-insensitively, {@code source} exactly, {@code search} is a case-insensitive substring of name or
 * email (and top-level {@code company} in the newer model); an unknown status simply matches nothing. Order:
 * createdAt descending, ties by id ascending. The newer model also honours {@code priority} (case-insensitive)
 * and {@code sortBy} ({@code createdAt|updatedAt|name|email|status|priority}) with {@code sortOrder}
 * ({@code asc|desc}, default desc); the docs model ignores them. {@link Builder#sortParameters(SortParameters)}
 * overrides the model for {@code sortBy}/{@code sortOrder} alone (honour, ignore, or honour on page 1 only, a server
 * that lies). Strings sort case-insensitively
 * ({@code toLowerCase(Locale.ROOT)}), then exactly; status and priority sort by their declaration order
 * (as a database enum does), unknown values after known ones; null or missing values sort last in both
 * directions; ties are broken by id ascending. Pages past the end are empty; {@code totalPages} is 0 when
 * nothing matches. Docs-model list items lack {@code workspaceId}; newer-model items are complete.
 *
 * <p><b>Writing:</b> strings are trimmed; email must look like {@code local@domain.tld} and is stored as
 * sent (trimmed, case kept) but compared case-insensitively for uniqueness across the whole workspace;
 * status is accepted case-insensitively and stored in the model's spelling (values of the other model,
 * such as {@code follow_up} in the newer one, are rejected); phone must be digits with
 * {@code + ( ) - . /} and spaces, optionally {@code ext. 123}, 6..15 digits. Create defaults: status
 * {@code new}/{@code NEW}, metadata {@code {}}, and in the newer model source {@code api}, priority
 * {@code MEDIUM}. PUT is partial over name, email, phone, status, source and metadata (the newer model
 * also accepts {@code customFields}; both merge into customFields); other keys are ignored. Metadata merges
 * shallowly: keys added or overwritten (arrays and objects replaced whole), a key sent as null is removed,
 * {@code metadata: null} clears metadata to null. {@code phone: null}/{@code source: null} clear the field;
 * null name, email or status is a {@code VALIDATION_ERROR}. Every PUT sets updatedAt to now; in the newer
 * model a change to CONVERTED also sets convertedAt once. Deleted ids are never reused.
 *
 * <p><b>Webhooks</b> ({@link Builder#webhooks(WebhookTarget)}): every lead created through the API is posted, signed,
 * as PollyBot's {@code LEAD_CREATED} event, in the background (see {@link WebhookSender}). PollyBot documents no other
 * event type, so updates and deletes send nothing; nor do {@link #put} and seeded leads (the account's state before
 * the webhook was set up).
 *
 * <p>Timestamps are ISO-8601 UTC with milliseconds. Thread-safe: all state sits behind one lock.
 */
public final class WorkspaceSimulator extends SimulatorServer {

    /** The documented base path. */
    public static final String BASE_PATH = "/api/v1";
    /** A realistic valid key: {@code sk-workspace_} plus 51 characters, 64 in all. */
    public static final String DEFAULT_API_KEY = "sk-workspace_Xq7Lm2Rv9KpT4sWd8NbY3hFz6JcG1aUe5Qo0iVtMwB2rD7kHnS4";
    /** The chatbot known by default in the docs model (the docs' example id). */
    public static final String DEFAULT_CHATBOT_ID = "cb_1234567890abcdef";
    /** The chatbot known by default in the newer model (a cuid, as seen in the public client). */
    public static final String DEFAULT_NEWER_CHATBOT_ID = "cmhm6o40a05h8mn12dv3tc456";
    /** The workspace id reported by docs-model leads by default. */
    public static final String DEFAULT_WORKSPACE_ID = "ws_7c1e4b9a2d5f8e30";
    /** Default requests per window per key. */
    public static final int DEFAULT_RATE_LIMIT = 1000;
    /** Default sliding window. */
    public static final Duration DEFAULT_RATE_WINDOW = Duration.ofHours(1);
    /** Page size when {@code limit} is not given (the docs' example shows 10). */
    public static final int DEFAULT_PAGE_SIZE = 10;
    /** Largest accepted {@code limit}. */
    public static final int MAX_PAGE_SIZE = 100;

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@.]+(\\.[^\\s@.]+)*\\.[^\\s@.]{2,}");
    private static final Pattern PHONE =
            Pattern.compile("([0-9+()\\-./ ]+?)(\\s*(?:ext\\.?|x)\\s*[0-9]{1,6})?", Pattern.CASE_INSENSITIVE);
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");
    private static final ObjectReader BODY_READER =
            JSON.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final List<String> SORT_FIELDS =
            List.of("createdAt", "updatedAt", "name", "email", "status", "priority");

    private final Clock clock;
    private final LeadModel model;
    private final String apiKey;
    private final Set<String> apiKeys;
    private final Map<String, String> chatbots;
    private final String workspaceId;
    private final RateWindow rateWindow;
    private final boolean sendRetryAfter;
    private final SortParameters sortParameters;
    private final LeadCreatedWebhooks webhooks;

    private final Object lock = new Object();
    /** The stored leads by id; every write drops the sorted listings it keeps (see {@link IndexedStore}). */
    private final IndexedStore store = new IndexedStore();
    private final Set<String> issuedIds = new HashSet<>();
    private final Random idRandom;

    private WorkspaceSimulator(Builder b) {
        this.clock = b.clock;
        this.model = b.newerModel ? LeadModel.NEWER : LeadModel.DOCS;
        this.apiKey = b.apiKey;
        Set<String> keys = new LinkedHashSet<>();
        keys.add(b.apiKey);
        keys.addAll(b.additionalApiKeys);
        this.apiKeys = Set.copyOf(keys);
        Map<String, String> bots = new LinkedHashMap<>(b.chatbots);
        if (bots.isEmpty()) {
            bots.put(b.newerModel ? DEFAULT_NEWER_CHATBOT_ID : DEFAULT_CHATBOT_ID, "Website Assistant");
        }
        this.chatbots = java.util.Collections.unmodifiableMap(bots);
        this.workspaceId = b.workspaceId;
        this.rateWindow = new RateWindow(b.rateLimit, b.rateWindow);
        this.sendRetryAfter = b.sendRetryAfter;
        this.sortParameters = b.sortParameters != null ? b.sortParameters
                : model == LeadModel.NEWER ? SortParameters.HONOURED : SortParameters.IGNORED;
        this.idRandom = new Random(b.randomSeed * 31 + 17);
        this.webhooks = b.webhooks == null ? null : new LeadCreatedWebhooks(b.webhooks);
        if (b.seedCount > 0) {
            LeadGenerator generator = new LeadGenerator(b.randomSeed, clock.instant(), model, chatbots,
                    workspaceId, WorkspaceSimulator::format);
            for (LeadGenerator.Generated g : generator.generate(b.seedCount, issuedIds)) {
                store.put(g.lead().get("id").asText(), new StoredLead(g.lead(), g.chatbotId()));
            }
        }
    }

    /** Starts a builder with realistic defaults: docs model, default key and chatbot, no leads, 1000/h. */
    public static Builder builder() {
        return new Builder();
    }

    /** The documented API base on loopback: {@code rootUrl() + "/api/v1"}. */
    public String baseUrl() {
        return rootUrl() + BASE_PATH;
    }

    /** The primary valid API key. */
    public String apiKey() {
        return apiKey;
    }

    /** The first known chatbot id (where created and put leads go unless told otherwise). */
    public String defaultChatbotId() {
        return chatbots.keySet().iterator().next();
    }

    /** The workspace id docs-model leads report. */
    public String workspaceId() {
        return workspaceId;
    }

    /** Whether this simulator speaks the newer lead model (uppercase statuses, customFields, cuid ids). */
    public boolean newerModel() {
        return model == LeadModel.NEWER;
    }

    /** The sender of this simulator's webhooks, when {@link Builder#webhooks(WebhookTarget)} was given. */
    public Optional<WebhookSender> webhookSender() {
        return webhooks == null ? Optional.empty() : Optional.of(webhooks.sender());
    }

    /** Stops the server, then the webhook sender (deliveries still held are dropped). */
    @Override
    public void close() {
        super.close();
        if (webhooks != null) {
            webhooks.close();
        }
    }

    /** Forgets every key's counted requests, so each key has its whole budget again. */
    public void resetRateLimits() {
        rateWindow.reset();
    }

    /**
     * Inserts or replaces a lead exactly as given (native JSON of the current model); a missing id is
     * generated. The chatbot is the lead's {@code chatbotId} field if it has one, else the default chatbot.
     * No validation or uniqueness check happens. Returns a copy of what was stored.
     */
    public ObjectNode put(ObjectNode nativeLead) {
        Objects.requireNonNull(nativeLead, "nativeLead");
        JsonNode bot = nativeLead.get("chatbotId");
        return put(nativeLead, bot != null && bot.isTextual() ? bot.asText() : defaultChatbotId());
    }

    /**
     * Inserts or replaces a lead exactly as given, owned by {@code chatbotId} (which need not appear in the
     * JSON, as in the docs model); a missing id is generated. Returns a copy of what was stored.
     */
    public ObjectNode put(ObjectNode nativeLead, String chatbotId) {
        Objects.requireNonNull(nativeLead, "nativeLead");
        Objects.requireNonNull(chatbotId, "chatbotId");
        ObjectNode copy = nativeLead.deepCopy();
        synchronized (lock) {
            JsonNode id = copy.get("id");
            if (id == null || id.isNull() || id.asText().isEmpty()) {
                copy.put("id", model.newId(idRandom, clock.instant(), issuedIds::contains));
            }
            String key = copy.get("id").asText();
            issuedIds.add(key);
            store.put(key, new StoredLead(copy, chatbotId));
        }
        return copy.deepCopy();
    }

    /** A copy of the lead with this id, as GET by id would show it, if present. */
    public Optional<ObjectNode> lead(String id) {
        synchronized (lock) {
            StoredLead stored = store.get(id);
            return stored == null ? Optional.empty() : Optional.of(stored.json().deepCopy());
        }
    }

    /** Copies of all leads in the default list order (createdAt descending, ties by id ascending). */
    public List<ObjectNode> leads() {
        synchronized (lock) {
            return store.sorted("createdAt", true).stream().map(s -> s.json().deepCopy()).toList();
        }
    }

    /** How many leads are stored. */
    public int size() {
        synchronized (lock) {
            return store.size();
        }
    }

    /** Removes every lead (their ids stay used and are never issued again). */
    public void clear() {
        synchronized (lock) {
            store.clear();
        }
    }

    // ------------------------------------------------------------------------------------------------
    // request handling

    @Override
    protected SimResponse handle(SimRequest request) {
        Instant now = clock.instant();
        String requestId = String.format(Locale.ROOT, "req_%016x", ThreadLocalRandom.current().nextLong());
        String key;
        try {
            key = authenticate(request);
        } catch (ApiError e) {
            return toResponse(e, now, requestId);
        }
        RateWindow.Decision decision = rateWindow.acquire(key, now);
        if (!decision.allowed()) {
            ObjectNode details = JSON.createObjectNode();
            details.put("limit", decision.limit());
            details.put("windowSeconds", rateWindow.window().toSeconds());
            details.put("retryAfter", decision.retryAfterSeconds());
            details.put("resetAt", format(Instant.ofEpochSecond(decision.resetEpochSeconds())));
            SimResponse refused = toResponse(new ApiError(429, "RATE_LIMIT_EXCEEDED",
                    "Rate limit exceeded: " + decision.limit() + " requests per " + rateWindow.window().toSeconds()
                            + " seconds. Try again later.", details), now, requestId)
                    .withHeaders(decision.headers());
            return sendRetryAfter ? refused.withHeader("Retry-After", Long.toString(decision.retryAfterSeconds()))
                    : refused;
        }
        SimResponse response;
        try {
            response = route(request, now);
        } catch (ApiError e) {
            response = toResponse(e, now, requestId);
        } catch (RuntimeException e) {
            ObjectNode details = JSON.createObjectNode();
            details.put("message", String.valueOf(e));
            response = toResponse(new ApiError(500, "INTERNAL_ERROR", "Internal server error", details),
                    now, requestId);
        }
        return response.withHeaders(decision.headers());
    }

    private String authenticate(SimRequest request) {
        String header = request.header("Authorization");
        if (header == null || header.isEmpty()) {
            throw ApiError.auth("MISSING_AUTH_HEADER", "Missing authorization header");
        }
        String trimmed = header.trim();
        int space = trimmed.indexOf(' ');
        String scheme = space < 0 ? trimmed : trimmed.substring(0, space);
        String token = space < 0 ? "" : trimmed.substring(space + 1).trim();
        if (!scheme.equalsIgnoreCase("Bearer") || token.isEmpty() || token.chars().anyMatch(Character::isWhitespace)) {
            throw ApiError.auth("MALFORMED_AUTH_HEADER",
                    "Malformed authorization header. Expected format: Bearer <token>");
        }
        if (!apiKeys.contains(token)) {
            throw ApiError.auth("INVALID_API_KEY", "Invalid API key");
        }
        return token;
    }

    private SimResponse route(SimRequest request, Instant now) {
        String raw = request.rawPath();
        if (!raw.startsWith(BASE_PATH + "/")) {
            throw routeNotFound(request);
        }
        String rest = raw.substring(BASE_PATH.length() + 1);
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        String[] segments = rest.split("/", -1);
        for (String segment : segments) {
            if (segment.isEmpty()) {
                throw routeNotFound(request);
            }
        }
        if (segments[0].equals("leads") && segments.length <= 2) {
            return segments.length == 1 ? collection(request, null, now) : item(request, null, segments[1], now);
        }
        if (segments[0].equals("chatbots") && (segments.length == 3 || segments.length == 4)
                && segments[2].equals("leads")) {
            return segments.length == 3 ? collection(request, segments[1], now)
                    : item(request, segments[1], segments[3], now);
        }
        throw routeNotFound(request);
    }

    private SimResponse collection(SimRequest request, String rawChatbotId, Instant now) {
        String method = request.method();
        boolean scoped = rawChatbotId != null;
        if (!method.equals("GET") && !(scoped && method.equals("POST"))) {
            throw methodNotAllowed(request, scoped ? "GET, POST" : "GET");
        }
        String chatbotId = scoped ? resolveChatbot(rawChatbotId) : null;
        return method.equals("GET") ? list(request, chatbotId) : create(request, chatbotId, now);
    }

    private SimResponse item(SimRequest request, String rawChatbotId, String rawLeadId, Instant now) {
        String method = request.method();
        if (!method.equals("GET") && !method.equals("PUT") && !method.equals("DELETE")) {
            throw methodNotAllowed(request, "GET, PUT, DELETE");
        }
        String chatbotId = rawChatbotId == null ? null : resolveChatbot(rawChatbotId);
        String leadId = decodeId(rawLeadId, rawChatbotId == null ? "leadId" : "id");
        return switch (method) {
            case "GET" -> get(leadId, chatbotId);
            case "PUT" -> update(request, leadId, chatbotId, now);
            default -> delete(leadId, chatbotId, now);
        };
    }

    private String resolveChatbot(String raw) {
        String id = decodeId(raw, "chatbotId");
        if (!chatbots.containsKey(id)) {
            ObjectNode details = JSON.createObjectNode();
            details.put("chatbotId", id);
            details.put("message", "No chatbot with id '" + id + "' exists in this workspace");
            throw new ApiError(404, "CHATBOT_NOT_FOUND", "Chatbot not found", details);
        }
        return id;
    }

    // ------------------------------------------------------------------------------------------------
    // operations

    private SimResponse list(SimRequest request, String chatbotId) {
        int page = intParam(request, "page", 1, 1, Integer.MAX_VALUE, "page must be a positive integer");
        int limit = intParam(request, "limit", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE,
                "limit must be an integer between 1 and " + MAX_PAGE_SIZE);
        String status = nonEmptyParam(request, "status");
        String source = nonEmptyParam(request, "source");
        String search = nonEmptyParam(request, "search");
        String priority = null;
        String sortBy = "createdAt";
        boolean descending = true;
        if (model == LeadModel.NEWER) {
            priority = nonEmptyParam(request, "priority");
        }
        if (sortParameters == SortParameters.HONOURED
                || sortParameters == SortParameters.FIRST_PAGE_ONLY && page == 1) {
            String by = nonEmptyParam(request, "sortBy");
            if (by != null) {
                if (!SORT_FIELDS.contains(by)) {
                    throw validation("sortBy", by, "sortBy must be one of " + String.join(", ", SORT_FIELDS),
                            String.join("|", SORT_FIELDS));
                }
                sortBy = by;
            }
            String order = nonEmptyParam(request, "sortOrder");
            if (order != null) {
                if (!order.equalsIgnoreCase("asc") && !order.equalsIgnoreCase("desc")) {
                    throw validation("sortOrder", order, "sortOrder must be asc or desc", "asc|desc");
                }
                descending = order.equalsIgnoreCase("desc");
            }
        }
        String needle = search == null ? null : LeadModel.lower(search);
        ObjectNode root = JSON.createObjectNode();
        root.put("success", true);
        ObjectNode data = root.putObject("data");
        ArrayNode items = data.putArray("leads");
        long total;
        long totalPages;
        // sorted by reference under the lock (a concurrent update cannot reorder them mid-sort); only the leads of
        // the page are copied, not the whole account on every request
        synchronized (lock) {
            List<StoredLead> all = new ArrayList<>();
            for (StoredLead stored : store.sorted(sortBy, descending)) {
                ObjectNode lead = stored.json();
                if (chatbotId != null && !chatbotId.equals(stored.chatbotId())) {
                    continue;
                }
                if (status != null && !status.equalsIgnoreCase(text(lead, "status"))) {
                    continue;
                }
                if (source != null && !source.equals(text(lead, "source"))) {
                    continue;
                }
                if (priority != null && !priority.equalsIgnoreCase(text(lead, "priority"))) {
                    continue;
                }
                if (needle != null && !contains(lead, "name", needle) && !contains(lead, "email", needle)
                        && !(model == LeadModel.NEWER && contains(lead, "company", needle))) {
                    continue;
                }
                all.add(stored);
            }
            total = all.size();
            totalPages = (total + limit - 1) / limit;
            long from = (long) (page - 1) * limit;
            for (long i = from; i < Math.min(total, from + limit); i++) {
                ObjectNode lead = all.get((int) i).json().deepCopy();
                if (model == LeadModel.DOCS) {
                    lead.remove("workspaceId");
                }
                items.add(lead);
            }
        }
        ObjectNode pagination = data.putObject("pagination");
        pagination.put("page", page);
        pagination.put("limit", limit);
        pagination.put("total", total);
        pagination.put("totalPages", totalPages);
        pagination.put("hasNext", page < totalPages);
        pagination.put("hasPrev", page > 1);
        return ok(200, root);
    }

    private SimResponse get(String leadId, String chatbotId) {
        synchronized (lock) {
            return success(200, find(leadId, chatbotId).json().deepCopy());
        }
    }

    private SimResponse create(SimRequest request, String chatbotId, Instant now) {
        ObjectNode body = parseObject(request.body());
        String name = requiredString(body, "name", 255);
        String email = requiredString(body, "email", 254);
        checkEmail(email, body.get("email"));
        String phone = optionalPhone(body);
        String status = optionalStatus(body);
        String source = optionalString(body, "source", 100);
        validateCustomData(body);
        ObjectNode custom = JSON.createObjectNode();
        for (String field : customDataFields()) {
            JsonNode value = body.get(field);
            if (value != null && value.isObject()) {
                custom.setAll((ObjectNode) value);
            }
        }
        synchronized (lock) {
            rejectDuplicate(email, null);
            String id = model.newId(idRandom, now, issuedIds::contains);
            issuedIds.add(id);
            ObjectNode lead = model.skeleton(id, chatbotId, chatbots.get(chatbotId), workspaceId, format(now));
            lead.put("name", name);
            lead.put("email", email);
            putNullable(lead, "phone", phone);
            putNullable(lead, "source", source != null ? source : model == LeadModel.NEWER ? "api" : null);
            lead.put("status", status != null ? status : model.defaultStatus());
            lead.set(model.customDataField(), custom);
            if (model == LeadModel.NEWER && "CONVERTED".equals(status)) {
                lead.put("convertedAt", format(now));
            }
            store.put(id, new StoredLead(lead, chatbotId));
            if (webhooks != null) {
                webhooks.leadCreated(lead, chatbotId, now);
            }
            return success(201, lead.deepCopy());
        }
    }

    private SimResponse update(SimRequest request, String leadId, String chatbotId, Instant now) {
        ObjectNode body = parseObject(request.body());
        String name = body.has("name") ? requiredString(body, "name", 255) : null;
        String email = null;
        if (body.has("email")) {
            email = requiredString(body, "email", 254);
            checkEmail(email, body.get("email"));
        }
        boolean phoneSent = body.has("phone");
        String phone = phoneSent ? optionalPhone(body) : null;
        String status = null;
        if (body.has("status")) {
            if (body.get("status").isNull()) {
                throw validation("status", body.get("status"), "status cannot be null", statusList());
            }
            status = optionalStatus(body);
        }
        boolean sourceSent = body.has("source");
        String source = sourceSent ? optionalString(body, "source", 100) : null;
        validateCustomData(body);
        synchronized (lock) {
            StoredLead stored = find(leadId, chatbotId);
            if (email != null) {
                rejectDuplicate(email, leadId);
            }
            ObjectNode lead = stored.json().deepCopy();
            if (name != null) {
                lead.put("name", name);
            }
            if (email != null) {
                lead.put("email", email);
            }
            if (phoneSent) {
                putNullable(lead, "phone", phone);
            }
            if (sourceSent) {
                putNullable(lead, "source", source);
            }
            if (status != null) {
                lead.put("status", status);
                if (model == LeadModel.NEWER && status.equals("CONVERTED")
                        && (!lead.has("convertedAt") || lead.get("convertedAt").isNull())) {
                    lead.put("convertedAt", format(now));
                }
            }
            applyCustomData(body, lead);
            lead.put("updatedAt", format(now));
            store.put(leadId, new StoredLead(lead, stored.chatbotId()));
            return success(200, lead.deepCopy());
        }
    }

    private SimResponse delete(String leadId, String chatbotId, Instant now) {
        synchronized (lock) {
            find(leadId, chatbotId);
            store.remove(leadId);
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("success", true);
        root.put("message", "Lead deleted successfully");
        ObjectNode data = root.putObject("data");
        data.put("id", leadId);
        data.put("deletedAt", format(now));
        return ok(200, root);
    }

    // ------------------------------------------------------------------------------------------------
    // validation and custom data

    private void validateCustomData(ObjectNode body) {
        for (String field : customDataFields()) {
            JsonNode value = body.get(field);
            if (value != null && !value.isNull() && !value.isObject()) {
                throw validation(field, value, field + " must be a JSON object", "object");
            }
        }
    }

    private void applyCustomData(ObjectNode body, ObjectNode lead) {
        String target = model.customDataField();
        for (String field : customDataFields()) {
            if (!body.has(field)) {
                continue;
            }
            JsonNode value = body.get(field);
            if (value.isNull()) {
                lead.putNull(target);
                continue;
            }
            JsonNode existing = lead.get(target);
            ObjectNode merged = existing != null && existing.isObject() ? (ObjectNode) existing.deepCopy()
                    : JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isNull()) {
                    merged.remove(e.getKey());
                } else {
                    merged.set(e.getKey(), e.getValue().deepCopy());
                }
            }
            lead.set(target, merged);
        }
    }

    private List<String> customDataFields() {
        return model == LeadModel.NEWER ? List.of("metadata", "customFields") : List.of("metadata");
    }

    private ObjectNode parseObject(String body) {
        if (body == null || body.isBlank()) {
            throw validation("body", null, "Request body must be a JSON object", "object");
        }
        JsonNode node;
        try {
            node = BODY_READER.readTree(body);
        } catch (JsonProcessingException e) {
            throw validation("body", null, "Invalid JSON in request body", "object");
        }
        if (node == null || !node.isObject()) {
            throw validation("body", null, "Request body must be a JSON object", "object");
        }
        return (ObjectNode) node;
    }

    private String requiredString(ObjectNode body, String field, int maxLength) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw validation(field, value, field + " is required", "string");
        }
        if (!value.isTextual()) {
            throw validation(field, value, field + " must be a string", "string");
        }
        String text = value.asText().trim();
        if (text.isEmpty()) {
            throw validation(field, value, field + " is required", "string");
        }
        if (text.length() > maxLength) {
            throw validation(field, value, field + " must be at most " + maxLength + " characters", "string");
        }
        return text;
    }

    private String optionalString(ObjectNode body, String field, int maxLength) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw validation(field, value, field + " must be a string", "string");
        }
        String text = value.asText().trim();
        if (text.length() > maxLength) {
            throw validation(field, value, field + " must be at most " + maxLength + " characters", "string");
        }
        return text.isEmpty() ? null : text;
    }

    private void checkEmail(String email, JsonNode sent) {
        if (!EMAIL.matcher(email).matches()) {
            throw validation("email", sent, "Invalid email format", "a valid email address");
        }
    }

    private String optionalPhone(ObjectNode body) {
        String phone = optionalString(body, "phone", 40);
        if (phone == null) {
            return null;
        }
        var m = PHONE.matcher(phone);
        long digits = m.matches() ? m.group(1).chars().filter(Character::isDigit).count() : 0;
        if (digits < 6 || digits > 15) {
            throw validation("phone", body.get("phone"), "Invalid phone number format", "a phone number");
        }
        return phone;
    }

    private String optionalStatus(ObjectNode body) {
        JsonNode value = body.get("status");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw validation("status", value, "status must be a string", statusList());
        }
        return model.canonicalStatus(value.asText().trim()).orElseThrow(() -> validation("status", value,
                "Invalid status. Must be one of: " + statusList(), statusList()));
    }

    private String statusList() {
        return String.join(", ", model.statuses());
    }

    private void rejectDuplicate(String email, String exceptId) {
        String wanted = LeadModel.lower(email.trim());
        for (StoredLead stored : store.values()) {
            String id = text(stored.json(), "id");
            String other = text(stored.json(), "email");
            if (other != null && !Objects.equals(id, exceptId) && LeadModel.lower(other.trim()).equals(wanted)) {
                ObjectNode details = JSON.createObjectNode();
                details.put("email", email);
                details.put("existingLeadId", id);
                details.put("message", "A lead with this email already exists in this workspace");
                throw new ApiError(409, "DUPLICATE_EMAIL", "A lead with this email already exists", details);
            }
        }
    }

    private StoredLead find(String leadId, String chatbotId) {
        StoredLead stored = store.get(leadId);
        if (stored == null || (chatbotId != null && !chatbotId.equals(stored.chatbotId()))) {
            ObjectNode details = JSON.createObjectNode();
            details.put("leadId", leadId);
            details.put("message", "The lead does not exist or has been deleted");
            throw new ApiError(404, "LEAD_NOT_FOUND", "Lead not found", details);
        }
        return stored;
    }

    private static int intParam(SimRequest request, String name, int fallback, int min, int max, String message) {
        String value = request.param(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        if (INTEGER.matcher(value).matches()) {
            long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= max) {
                return (int) parsed;
            }
        }
        ObjectNode details = JSON.createObjectNode();
        details.put("field", name);
        details.put("value", value);
        details.put("message", message);
        details.put("expected", "integer " + min + ".." + max);
        throw new ApiError(400, "VALIDATION_ERROR", message, details);
    }

    private static String nonEmptyParam(SimRequest request, String name) {
        String value = request.param(name);
        return value == null || value.isEmpty() ? null : value;
    }

    private static ApiError validation(String field, Object value, String message, String expected) {
        ObjectNode details = JSON.createObjectNode();
        details.put("field", field);
        if (value instanceof JsonNode node) {
            details.set("value", node);
        } else if (value == null) {
            details.putNull("value");
        } else {
            details.put("value", value.toString());
        }
        details.put("message", message);
        if (expected != null) {
            details.put("expected", expected);
        }
        return new ApiError(400, "VALIDATION_ERROR", message, details);
    }

    private String decodeId(String raw, String field) {
        String decoded = percentDecode(raw);
        if (decoded == null || !ID.matcher(decoded).matches()) {
            ObjectNode details = JSON.createObjectNode();
            details.put("field", field);
            details.put("value", decoded == null ? raw : decoded);
            details.put("message", "IDs may contain only letters, digits, '_' and '-' (1 to 100 characters)");
            throw new ApiError(400, "INVALID_ID_FORMAT", "Invalid ID format", details);
        }
        return decoded;
    }

    /** Strict UTF-8 percent-decoding of a path segment ('+' stays '+'); null when malformed. */
    private static String percentDecode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private ApiError routeNotFound(SimRequest request) {
        ObjectNode details = JSON.createObjectNode();
        details.put("method", request.method());
        details.put("path", request.rawPath());
        details.put("message", "No route matches " + request.method() + " " + request.rawPath());
        return new ApiError(404, "NOT_FOUND", "Route not found", details);
    }

    private ApiError methodNotAllowed(SimRequest request, String allowed) {
        ObjectNode details = JSON.createObjectNode();
        details.put("method", request.method());
        details.put("allowed", allowed);
        details.put("message", "Allowed methods: " + allowed);
        return ApiError.methodNotAllowed(details, allowed);
    }

    // ------------------------------------------------------------------------------------------------
    // ordering and output

    private Comparator<StoredLead> order(String field, boolean descending) {
        Function<ObjectNode, Comparable<?>> key = switch (field) {
            case "createdAt", "updatedAt" -> lead -> instant(text(lead, field));
            case "status", "priority" -> lead -> {
                String value = text(lead, field);
                if (value == null) {
                    return null;
                }
                int rank = model.rank(field, value);
                return new Ranked(rank < 0 ? Integer.MAX_VALUE : rank, value);
            };
            default -> lead -> {
                String value = text(lead, field);
                return value == null ? null : new Ranked(0, value);
            };
        };
        return (a, b) -> {
            @SuppressWarnings({"unchecked", "rawtypes"})
            Comparable<Object> ka = (Comparable) key.apply(a.json());
            Comparable<?> kb = key.apply(b.json());
            int result;
            if (ka == null || kb == null) {
                result = ka == null ? (kb == null ? 0 : 1) : -1;
            } else {
                result = descending ? -ka.compareTo(kb) : ka.compareTo(kb);
            }
            if (result != 0) {
                return result;
            }
            return String.valueOf(text(a.json(), "id")).compareTo(String.valueOf(text(b.json(), "id")));
        };
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean contains(ObjectNode lead, String field, String lowerNeedle) {
        String value = text(lead, field);
        return value != null && LeadModel.lower(value).contains(lowerNeedle);
    }

    private static String text(ObjectNode lead, String field) {
        JsonNode value = lead.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static void putNullable(ObjectNode lead, String field, String value) {
        if (value == null) {
            lead.putNull(field);
        } else {
            lead.put(field, value);
        }
    }

    private static String format(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    private static SimResponse success(int status, ObjectNode lead) {
        ObjectNode root = JSON.createObjectNode();
        root.put("success", true);
        root.set("data", lead);
        return ok(status, root);
    }

    private static SimResponse ok(int status, ObjectNode root) {
        return SimResponse.json(status, root.toString());
    }

    private static SimResponse toResponse(ApiError error, Instant now, String requestId) {
        ObjectNode root = JSON.createObjectNode();
        root.put("success", false);
        root.put("error", error.getMessage());
        root.put("code", error.code());
        if (!error.bare()) {
            if (error.details() != null) {
                root.set("details", error.details());
            }
            root.put("timestamp", format(now));
            root.put("requestId", requestId);
        }
        SimResponse response = SimResponse.json(error.status(), root.toString());
        if (error.allow() != null) {
            response = response.withHeader("Allow", error.allow());
        }
        return response;
    }

    /** A sort key: a rank first, then the text case-insensitively, then exactly. */
    private record Ranked(int rank, String text) implements Comparable<Ranked> {
        @Override
        public int compareTo(Ranked other) {
            int c = Integer.compare(rank, other.rank);
            if (c == 0) {
                c = LeadModel.lower(text).compareTo(LeadModel.lower(other.text));
            }
            return c != 0 ? c : text.compareTo(other.text);
        }
    }

    /** One stored lead: its native JSON and the chatbot that owns it. */
    private record StoredLead(ObjectNode json, String chatbotId) { }

    /**
     * The leads by id, plus each listing order asked for so far, sorted once and kept until the next write (a put,
     * remove or clear drops them all), so paging through an account does not re-sort every lead on every request.
     * The order is total (ties by id), so filtering the kept order gives what sorting the filtered leads gave.
     * Guarded by the simulator's lock, like the map itself.
     */
    private final class IndexedStore extends HashMap<String, StoredLead> {
        private static final long serialVersionUID = 1L;
        private final transient Map<String, List<StoredLead>> orders = new HashMap<>();

        List<StoredLead> sorted(String field, boolean descending) {
            return orders.computeIfAbsent(field + (descending ? ":desc" : ":asc"), k -> {
                List<StoredLead> all = new ArrayList<>(values());
                all.sort(order(field, descending));
                return all;
            });
        }

        @Override
        public StoredLead put(String key, StoredLead value) {
            orders.clear();
            return super.put(key, value);
        }

        @Override
        public StoredLead remove(Object key) {
            orders.clear();
            return super.remove(key);
        }

        @Override
        public void clear() {
            orders.clear();
            super.clear();
        }
    }

    // ------------------------------------------------------------------------------------------------

    /**
     * Configures and starts a {@link WorkspaceSimulator}. Each setter validates its argument and throws
     * {@link IllegalArgumentException} or {@link NullPointerException} on bad input. Not thread-safe.
     */
    public static final class Builder {
        private String apiKey = DEFAULT_API_KEY;
        private final Set<String> additionalApiKeys = new LinkedHashSet<>();
        private Clock clock = Clock.systemUTC();
        private int seedCount;
        private long randomSeed = 42;
        private boolean newerModel;
        private final Map<String, String> chatbots = new LinkedHashMap<>();
        private String workspaceId = DEFAULT_WORKSPACE_ID;
        private int rateLimit = DEFAULT_RATE_LIMIT;
        private Duration rateWindow = DEFAULT_RATE_WINDOW;
        private boolean sendRetryAfter = true;
        private SortParameters sortParameters;
        private WebhookTarget webhooks;

        private Builder() {
        }

        /** Posts a signed {@code LEAD_CREATED} webhook to {@code target} for every lead created through the API. */
        public Builder webhooks(WebhookTarget target) {
            this.webhooks = Objects.requireNonNull(target, "target");
            return this;
        }

        /** The primary valid API key (default {@link #DEFAULT_API_KEY}); any non-blank text without spaces. */
        public Builder apiKey(String key) {
            this.apiKey = checkKey(key);
            return this;
        }

        /** One more valid key of the same workspace; every key has its own rate-limit budget. */
        public Builder additionalApiKey(String key) {
            additionalApiKeys.add(checkKey(key));
            return this;
        }

        /** The clock for timestamps and the rate-limit window (default the system UTC clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Generates {@code count} (0..100,000) realistic leads, deterministic for {@code randomSeed}. */
        public Builder seed(int count, long randomSeed) {
            if (count < 0 || count > 100_000) {
                throw new IllegalArgumentException("seed count must be 0..100000, was " + count);
            }
            this.seedCount = count;
            this.randomSeed = randomSeed;
            return this;
        }

        /** Speaks the newer lead model (true) instead of the documented one (false, default). */
        public Builder newerModel(boolean newer) {
            this.newerModel = newer;
            return this;
        }

        /**
         * Adds a known chatbot, named "Chatbot N". Once any chatbot is added the built-in default is not
         * added; the first one added is the default for created and put leads.
         */
        public Builder chatbotId(String id) {
            return chatbot(id, "Chatbot " + (chatbots.size() + 1));
        }

        /** Adds a known chatbot with a display name (shown in the newer model's {@code chatbots} field). */
        public Builder chatbot(String id, String name) {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("chatbot id must match [A-Za-z0-9_-]{1,100}: " + id);
            }
            if (chatbots.containsKey(id)) {
                throw new IllegalArgumentException("chatbot id given twice: " + id);
            }
            chatbots.put(id, name);
            return this;
        }

        /** The workspace id shown by docs-model leads (default {@link #DEFAULT_WORKSPACE_ID}). */
        public Builder workspaceId(String id) {
            this.workspaceId = Objects.requireNonNull(id, "id");
            return this;
        }

        /** The sliding-window budget per API key (default 1000 per hour); window at least one millisecond. */
        public Builder rateLimit(int limit, Duration window) {
            Objects.requireNonNull(window, "window");
            if (limit < 1) {
                throw new IllegalArgumentException("rate limit must be at least 1, was " + limit);
            }
            if (window.toMillis() < 1) {
                throw new IllegalArgumentException("rate window must be at least 1 ms, was " + window);
            }
            this.rateLimit = limit;
            this.rateWindow = window;
            return this;
        }

        /** Whether a 429 carries {@code Retry-After} seconds (default true). */
        public Builder sendRetryAfter(boolean send) {
            this.sendRetryAfter = send;
            return this;
        }

        /**
         * What the listing does with {@code sortBy}/{@code sortOrder}, whatever the model. By default the newer model
         * honours them (the public client sends them) and the docs model ignores them (the docs do not name them, so
         * a server of the documented API answers its documented order, createdAt descending).
         */
        public Builder sortParameters(SortParameters behaviour) {
            this.sortParameters = Objects.requireNonNull(behaviour, "behaviour");
            return this;
        }

        /** Starts the simulator on a random loopback port. */
        public WorkspaceSimulator build() {
            return new WorkspaceSimulator(this);
        }

        private static String checkKey(String key) {
            Objects.requireNonNull(key, "key");
            if (key.isBlank() || key.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("API key must be non-blank and contain no whitespace");
            }
            return key;
        }
    }
}
