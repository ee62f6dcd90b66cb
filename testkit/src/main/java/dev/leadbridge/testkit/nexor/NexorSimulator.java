package dev.leadbridge.testkit.nexor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.testkit.SimRequest;
import dev.leadbridge.testkit.SimResponse;
import dev.leadbridge.testkit.SimulatorServer;
import dev.leadbridge.testkit.webhook.WebhookSender;
import dev.leadbridge.testkit.webhook.WebhookTarget;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A stateful fake of the Nexor public lead API ({@code https://api.getnexor.ai/api/public}) on loopback,
 * speaking Nexor's native wire format as documented in {@code /work/shared/providers/nexor.md}.
 *
 * <p>Endpoints: {@code POST /leads} (one object or an array of at most 1000), {@code GET /leads/{id}},
 * {@code PUT} and {@code PATCH /leads/{id}} (identical), {@code POST /leads/{id}/status} and
 * {@code POST /leads/{id}/assign-workflow}. Every request, on any path, is authenticated first: it needs the
 * {@code X-API-Key} header, else 401 with Nexor's flat {@code {"error","message"}} body. Other errors use
 * {@code {"success":false,"error":"..."}}: unknown paths 404 {@code "Not found"}, other methods 405
 * {@code "Method not allowed"} with an {@code Allow} header, malformed JSON 400 {@code "Invalid JSON body"}.
 * Validation errors (400) add {@code "details":[{"field","message"}]} and take the first message as
 * {@code error}; an unknown {@code status_key} has {@code "details":{"valid_keys":[...]}} instead.
 *
 * <p>Decisions on points the docs leave open:
 * <ul>
 *   <li>{@code GET /leads} (list) is not documented (only a bare curl line on the auth page), so it answers
 *       404 {@code {"success":false,"error":"Not found"}}: clients must treat Nexor as unable to list.
 *       {@code GET /workflows}, {@code /workflows/{id}} and {@code /campaigns} are referenced but their
 *       pages were never retrieved, so they are not simulated either (404). There is no DELETE (405).</li>
 *   <li>A path id that is not a UUID (after percent-decoding; any case accepted) answers 400
 *       {@code {"success":false,"error":"Invalid lead id"}}, as a Postgres {@code uuid} column would refuse
 *       it; a well-formed unknown id answers 404 {@code {"success":false,"error":"Lead not found"}}.</li>
 *   <li>{@code GET /leads/{id}} answers in one of the two documented shapes, chosen with
 *       {@link Builder#getShape(GetShape)} or {@link #getShape(GetShape)} on the running simulator; query
 *       parameters (e.g. {@code ?verbose=true}) are ignored.</li>
 *   <li>Create answers 201. Create accepts only the documented fields; any other top-level key, including
 *       {@code company}, {@code title} and {@code source}, is folded into {@code metadata} (explicit
 *       {@code metadata} wins on clashes). Created leads always have {@code source:"api"}. No upsert by
 *       email or phone: every valid item creates a new lead. Metadata values may be any JSON.</li>
 *   <li>Bulk (array) create answers 201 when every item was created, 207 when some failed, 400 when all
 *       failed, with {@code {"success":<created > 0>,"created":N,"failed":M,"results":[{"index":0,
 *       "success":true,"lead":{...},"workflow_run":{...}|null},{"index":1,"success":false,"error":"...",
 *       "details":[...]}]}}; when all failed, a top-level {@code "error"} is added so that every 4xx body
 *       carries one. An empty array or more than 1000 items is refused as a whole with 400
 *       {@code {"success":false,"error":"..."}}.</li>
 *   <li>Validation on create: {@code first_name} a non-blank string; {@code email} (trimmed, blank = none)
 *       a valid address; {@code workflow_id}/{@code campaign_id} existing UUIDs; {@code force_first_message}
 *       needs {@code workflow_id}; {@code phone} is required when the workflow has call steps, as documented.
 *       A run created with {@code force_first_message} starts its cadence at step index 1.</li>
 *   <li>New runs (create with {@code workflow_id}, assign-workflow) start in the workflow's first status
 *       ({@code new}); leads in {@code appointment} workflows get an assigned user, round-robin.</li>
 *   <li>Update ignores unknown keys; a {@code null} metadata value overwrites (it does not delete the key).
 *       {@code updated_at} is set on every successful update, status change and workflow movement.</li>
 *   <li>{@code POST /leads/{id}/status} on a lead without an active run answers 400
 *       {@code "Lead has no active workflow run"}; a {@code workflow_id} other than the active run's answers
 *       400. A lead has at most one active run here. Entering a {@code won}/{@code lost} status sets the run's
 *       {@code cadence_state} to {@code stopped}. Only real changes enter the history
 *       ({@link #statusHistory(String)}); {@code changed:false} leaves the lead untouched.</li>
 *   <li>{@code POST /leads/{id}/assign-workflow} into the workflow of the active run answers 400
 *       {@code "Lead is already active in this workflow"}; its errors use the common
 *       {@code {"success":false,...}} shape although its 200 body has no {@code success} field.</li>
 *   <li>Timestamps the simulator writes are UTC with {@code Z} and at most milliseconds
 *       ({@code 2026-02-10T12:00:00Z}, {@code 2026-02-10T12:00:00.123Z}); seeded leads mix in offsets
 *       ({@code 2026-02-10T09:00:00-03:00}) and Postgres micros ({@code ...00.123456+00:00}) as real data does.</li>
 *   <li>Nothing in this API sorts; {@link #leads()} returns leads in insertion order.</li>
 * </ul>
 *
 * <p>Leads are stored in the API-tree form of {@code GET /leads/{id}}'s {@code lead} object (snake_case,
 * {@code active_workflow_run} with nested {@code workflow} and {@code current_status}), plus two extra keys:
 * {@code variables} (the separate {@code variables} map of the wrapped answer) and {@code assigned_user}
 * (shown only in the bare answer). All state access is thread-safe.
 *
 * <p>Webhooks ({@link Builder#webhooks(WebhookTarget)}): whenever a lead's workflow run changes status through the
 * API, the simulator posts Nexor's {@code workflow_run.status_changed} envelope in the background (see
 * {@link WebhookSender}): a create with {@code workflow_id} and {@code assign-workflow} start a run in its first status
 * ({@code from_status} null or the old run's status), {@code POST /leads/{id}/status} changes it (only a real change).
 * Nexor documents no lead-created or lead-updated event, so a create without a workflow, updates, {@link #put} and
 * seeded leads send nothing.
 */
public final class NexorSimulator extends SimulatorServer {

    /** The documented base path under the host. */
    public static final String BASE_PATH = "/api/public";

    /** The most leads one bulk create may carry. */
    public static final int MAX_BULK_SIZE = 1000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Keeps decimals exactly as sent (metadata values are echoed back), e.g. {@code 0.1} or {@code 1e99999}. */
    private static final ObjectReader READER = JSON.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern EMAIL_PATTERN = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");
    private static final Set<String> CREATE_FIELDS = Set.of("first_name", "last_name", "email", "phone",
            "workflow_id", "campaign_id", "force_first_message");
    private static final List<String> NULLABLE_UPDATE_FIELDS = List.of("last_name", "email", "phone", "company", "title");
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final String apiKey;
    private final Clock clock;
    private final Map<String, NexorWorkflow> workflows;
    private final Map<String, NexorCampaign> campaigns;
    private final List<NexorSeedData.User> users;
    private final Object lock = new Object();
    private final Map<String, ObjectNode> leads = new LinkedHashMap<>();
    private final List<NexorStatusChange> statusChanges = new ArrayList<>();
    private final List<NexorWorkflowMovement> movements = new ArrayList<>();
    private final List<Integer> bulkSizes = new ArrayList<>();
    private final Random ids;
    private final StatusWebhooks webhooks;
    private volatile GetShape getShape;
    private long jobCounter;
    private int userCursor;

    private NexorSimulator(Builder builder) {
        this.apiKey = builder.apiKey != null ? builder.apiKey : randomKey();
        this.clock = builder.clock != null ? builder.clock : Clock.systemUTC();
        this.getShape = builder.getShape != null ? builder.getShape : GetShape.WRAPPED;
        this.workflows = new LinkedHashMap<>();
        for (NexorWorkflow workflow : builder.workflows) {
            workflows.put(workflow.id(), workflow);
        }
        this.campaigns = new LinkedHashMap<>();
        for (NexorCampaign campaign : builder.campaigns) {
            campaigns.put(campaign.id(), campaign);
        }
        this.users = NexorSeedData.users();
        this.ids = builder.seeded ? new Random(~builder.seed) : new Random(new SecureRandom().nextLong());
        this.webhooks = builder.webhooks == null ? null : new StatusWebhooks(builder.webhooks);
        for (ObjectNode lead : NexorSeedData.leads(builder.seedCount, builder.seed, clock,
                List.copyOf(workflows.values()), List.copyOf(campaigns.values()), users)) {
            leads.put(lead.get("id").asText(), lead);
        }
    }

    /** Starts building a simulator with the default key, system clock, three workflows and three campaigns. */
    public static Builder builder() {
        return new Builder();
    }

    /** The documented API base on loopback, e.g. {@code http://127.0.0.1:53711/api/public}. */
    public String baseUrl() {
        return rootUrl() + BASE_PATH;
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

    /** The valid {@code X-API-Key}. */
    public String apiKey() {
        return apiKey;
    }

    /** The shape {@code GET /leads/{id}} currently answers with. */
    public GetShape getShape() {
        return getShape;
    }

    /** Switches the shape {@code GET /leads/{id}} answers with from the next request on; returns this. */
    public NexorSimulator getShape(GetShape shape) {
        this.getShape = Objects.requireNonNull(shape, "shape");
        return this;
    }

    /** The workflows this simulator knows, in the order given. */
    public List<NexorWorkflow> workflows() {
        return List.copyOf(workflows.values());
    }

    /** The workflow with this id, if known. */
    public Optional<NexorWorkflow> workflow(String id) {
        return Optional.ofNullable(id == null ? null : workflows.get(id.toLowerCase(Locale.ROOT)));
    }

    /** The workflow with this name, if known. */
    public Optional<NexorWorkflow> workflowNamed(String name) {
        return workflows.values().stream().filter(w -> w.name().equals(name)).findFirst();
    }

    /** The campaigns this simulator knows, in the order given. */
    public List<NexorCampaign> campaigns() {
        return List.copyOf(campaigns.values());
    }

    /**
     * Inserts or replaces a lead exactly as given, in the stored form (see the class Javadoc); a missing
     * {@code id} is generated. Returns the id.
     *
     * @throws IllegalArgumentException if the given id is not a UUID
     */
    public String put(ObjectNode nativeLead) {
        ObjectNode copy = nativeLead.deepCopy();
        JsonNode id = copy.get("id");
        synchronized (lock) {
            if (id == null || id.isNull()) {
                copy.put("id", NexorSeedData.uuid(ids));
            } else if (!id.isTextual() || !UUID_PATTERN.matcher(id.asText()).matches()) {
                throw new IllegalArgumentException("Nexor lead ids are UUIDs, got " + id);
            } else {
                copy.put("id", id.asText().toLowerCase(Locale.ROOT));
            }
            String key = copy.get("id").asText();
            leads.put(key, copy);
            return key;
        }
    }

    /** A copy of the stored lead with this id, if present. */
    public Optional<ObjectNode> lead(String id) {
        if (id == null) {
            return Optional.empty();
        }
        synchronized (lock) {
            ObjectNode lead = leads.get(id.toLowerCase(Locale.ROOT));
            return Optional.ofNullable(lead == null ? null : lead.deepCopy());
        }
    }

    /** Copies of all stored leads, in insertion order. */
    public List<ObjectNode> leads() {
        synchronized (lock) {
            List<ObjectNode> copies = new ArrayList<>(leads.size());
            leads.values().forEach(lead -> copies.add(lead.deepCopy()));
            return copies;
        }
    }

    /** How many leads are stored. */
    public int size() {
        synchronized (lock) {
            return leads.size();
        }
    }

    /** Removes every lead and the status, movement and bulk histories; workflows and campaigns stay. */
    public void clear() {
        synchronized (lock) {
            leads.clear();
            statusChanges.clear();
            movements.clear();
            bulkSizes.clear();
        }
    }

    /** The status changes made through {@code POST /leads/{id}/status} on this lead, oldest first. */
    public List<NexorStatusChange> statusHistory(String leadId) {
        synchronized (lock) {
            return statusChanges.stream().filter(c -> c.leadId().equalsIgnoreCase(leadId)).toList();
        }
    }

    /** The enrolments and reassignments made through {@code assign-workflow} on this lead, oldest first. */
    public List<NexorWorkflowMovement> workflowMovements(String leadId) {
        synchronized (lock) {
            return movements.stream().filter(m -> m.leadId().equalsIgnoreCase(leadId)).toList();
        }
    }

    /** How many authenticated bulk (array) create requests arrived, including refused ones. */
    public int bulkRequestCount() {
        synchronized (lock) {
            return bulkSizes.size();
        }
    }

    /** The array sizes of those bulk requests, in arrival order. */
    public List<Integer> bulkRequestSizes() {
        synchronized (lock) {
            return List.copyOf(bulkSizes);
        }
    }

    // ------------------------------------------------------------------------------------------ routing

    @Override
    protected SimResponse handle(SimRequest request) {
        try {
            return route(request);
        } catch (ApiError e) {
            return e.response;
        }
    }

    private SimResponse route(SimRequest request) {
        String key = request.header("x-api-key");
        if (key == null || key.isBlank()) {
            return json(401, flatError("Missing API key", "Please provide your API key in the X-API-Key header"));
        }
        if (!key.equals(apiKey)) {
            return json(401, flatError("Invalid API key", "The provided API key is not valid"));
        }
        String path = request.rawPath();
        if (!path.startsWith(BASE_PATH + "/")) {
            return notFound();
        }
        String[] segments = path.substring(BASE_PATH.length() + 1).split("/", -1);
        for (String segment : segments) {
            if (segment.isEmpty()) {
                return notFound();
            }
        }
        if (!segments[0].equals("leads") || segments.length > 3) {
            return notFound();
        }
        String method = request.method();
        if (segments.length == 1) {
            if (method.equals("POST")) {
                return create(request);
            }
            if (method.equals("GET")) {
                return notFound();
            }
            return methodNotAllowed("POST");
        }
        if (segments.length == 2) {
            switch (method) {
                case "GET":
                    return get(leadId(segments[1]));
                case "PUT":
                case "PATCH":
                    return update(leadId(segments[1]), request);
                default:
                    return methodNotAllowed("GET, PUT, PATCH");
            }
        }
        if (segments[2].equals("status") || segments[2].equals("assign-workflow")) {
            if (!method.equals("POST")) {
                return methodNotAllowed("POST");
            }
            String id = leadId(segments[1]);
            return segments[2].equals("status") ? setStatus(id, request) : assignWorkflow(id, request);
        }
        return notFound();
    }

    private static String leadId(String rawSegment) {
        String decoded;
        try {
            decoded = URLDecoder.decode(rawSegment, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiError(error(400, "Invalid lead id"));
        }
        if (!UUID_PATTERN.matcher(decoded).matches()) {
            throw new ApiError(error(400, "Invalid lead id"));
        }
        return decoded.toLowerCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------------------------------ GET

    private SimResponse get(String id) {
        synchronized (lock) {
            ObjectNode lead = existing(id);
            return json(200, getShape == GetShape.BARE ? bare(lead) : wrapped(lead));
        }
    }

    private static ObjectNode wrapped(ObjectNode stored) {
        ObjectNode lead = stored.deepCopy();
        JsonNode variables = lead.remove("variables");
        lead.remove("assigned_user");
        ObjectNode body = NODES.objectNode();
        body.put("success", true);
        body.set("lead", lead);
        body.set("variables", variables instanceof ObjectNode ? variables : NODES.objectNode());
        return body;
    }

    private ObjectNode bare(ObjectNode stored) {
        ObjectNode body = NODES.objectNode();
        for (String field : List.of("id", "first_name", "last_name", "email", "phone", "source", "company", "title",
                "metadata", "campaign")) {
            body.set(field, copyOrNull(stored, field));
        }
        JsonNode run = stored.get("active_workflow_run");
        if (run instanceof ObjectNode) {
            ObjectNode activeRun = body.putObject("activeWorkflowRun");
            for (String field : List.of("id", "workflow_id", "is_active", "run_status")) {
                activeRun.set(field, copyOrNull(run, field));
            }
            JsonNode workflow = run.get("workflow");
            body.set("workflow", workflow instanceof ObjectNode ? workflow.deepCopy() : NullNode.instance);
            JsonNode status = run.get("current_status");
            if (status instanceof ObjectNode) {
                ObjectNode currentStatus = body.putObject("currentStatus");
                currentStatus.set("id", copyOrNull(status, "id"));
                currentStatus.set("key", copyOrNull(status, "key"));
                currentStatus.set("label", copyOrNull(status, "label"));
                currentStatus.set("color", status.has("color") ? status.get("color").deepCopy() : colorOf(run, status));
                currentStatus.set("category", copyOrNull(status, "category"));
            } else {
                body.putNull("currentStatus");
            }
            boolean appointment = workflow != null && "appointment".equals(workflow.path("goal_type").asText());
            body.set("assigned_user", appointment ? copyOrNull(stored, "assigned_user") : NullNode.instance);
        } else {
            body.putNull("activeWorkflowRun");
            body.putNull("workflow");
            body.putNull("currentStatus");
            body.putNull("assigned_user");
        }
        body.set("created_at", copyOrNull(stored, "created_at"));
        return body;
    }

    private JsonNode colorOf(JsonNode run, JsonNode status) {
        NexorWorkflow workflow = workflows.get(run.path("workflow_id").asText());
        if (workflow == null) {
            return NullNode.instance;
        }
        String color = workflow.status(status.path("key").asText()).map(NexorStatus::color).orElse(null);
        return color == null ? NullNode.instance : NODES.textNode(color);
    }

    // ------------------------------------------------------------------------------------------ create

    private SimResponse create(SimRequest request) {
        JsonNode body = parseBody(request);
        if (body.isArray()) {
            return createBulk((ArrayNode) body);
        }
        if (!body.isObject()) {
            throw new ApiError(error(400, "Request body must be a lead object or an array of lead objects"));
        }
        synchronized (lock) {
            List<Problem> problems = new ArrayList<>();
            PendingLead pending = validateCreate(body, problems);
            if (!problems.isEmpty()) {
                return json(400, validationError(problems));
            }
            ObjectNode answer = NODES.objectNode();
            answer.put("success", true);
            commit(pending, answer);
            return json(201, answer);
        }
    }

    private SimResponse createBulk(ArrayNode items) {
        synchronized (lock) {
            bulkSizes.add(items.size());
            if (items.isEmpty()) {
                return json(400, error("Request body must contain at least one lead"));
            }
            if (items.size() > MAX_BULK_SIZE) {
                return json(400, error("Too many leads: " + items.size() + " (maximum " + MAX_BULK_SIZE
                        + " per request)"));
            }
            ArrayNode results = NODES.arrayNode();
            int created = 0;
            for (int i = 0; i < items.size(); i++) {
                ObjectNode result = results.addObject();
                result.put("index", i);
                List<Problem> problems = new ArrayList<>();
                PendingLead pending = validateCreate(items.get(i), problems);
                if (problems.isEmpty()) {
                    result.put("success", true);
                    commit(pending, result);
                    created++;
                } else {
                    ObjectNode failure = validationError(problems);
                    result.put("success", false);
                    result.set("error", failure.get("error"));
                    result.set("details", failure.get("details"));
                }
            }
            int failed = items.size() - created;
            ObjectNode answer = NODES.objectNode();
            answer.put("success", created > 0);
            if (created == 0) {
                answer.put("error", "No lead was created: every item failed validation");
            }
            answer.put("created", created);
            answer.put("failed", failed);
            answer.set("results", results);
            return json(failed == 0 ? 201 : created == 0 ? 400 : 207, answer);
        }
    }

    private record Problem(String field, String message) {
    }

    private record PendingLead(String firstName, String lastName, String email, String phone, NexorWorkflow workflow,
                               NexorCampaign campaign, boolean forcedFirstMessage, ObjectNode metadata) {
    }

    private PendingLead validateCreate(JsonNode item, List<Problem> problems) {
        if (!(item instanceof ObjectNode)) {
            problems.add(new Problem(null, "Lead must be a JSON object"));
            return null;
        }
        String firstName = requiredString(item, "first_name", problems);
        String lastName = optionalString(item, "last_name", problems);
        String email = email(item, problems);
        String phone = blankToNull(optionalString(item, "phone", problems));
        NexorCampaign campaign = reference(item, "campaign_id", campaigns, problems);
        NexorWorkflow workflow = reference(item, "workflow_id", workflows, problems);
        String forced = optionalString(item, "force_first_message", problems);
        if (forced != null && !hasValue(item, "workflow_id")) {
            problems.add(new Problem("force_first_message", "force_first_message requires workflow_id"));
        }
        if (workflow != null && workflow.hasCallSteps() && phone == null) {
            problems.add(new Problem("phone", "phone is required for workflows with call steps"));
        }
        JsonNode explicit = item.get("metadata");
        if (explicit != null && !explicit.isNull() && !explicit.isObject()) {
            problems.add(new Problem("metadata", "metadata must be an object"));
        }
        ObjectNode metadata = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!CREATE_FIELDS.contains(field.getKey()) && !field.getKey().equals("metadata")) {
                metadata.set(field.getKey(), field.getValue().deepCopy());
            }
        }
        if (explicit instanceof ObjectNode explicitObject) {
            metadata.setAll(explicitObject.deepCopy());
        }
        return new PendingLead(firstName, lastName, email, phone, workflow, campaign, forced != null, metadata);
    }

    private void commit(PendingLead pending, ObjectNode answer) {
        String now = NexorSeedData.timestamp(clock.instant());
        String id = NexorSeedData.uuid(ids);
        ObjectNode stored = NODES.objectNode();
        stored.put("id", id);
        stored.put("first_name", pending.firstName());
        stored.put("last_name", pending.lastName());
        stored.put("email", pending.email());
        stored.put("phone", pending.phone());
        stored.put("source", "api");
        stored.putNull("company");
        stored.putNull("title");
        stored.set("metadata", pending.metadata());
        stored.putArray("tags");
        stored.set("campaign", pending.campaign() == null ? NullNode.instance : campaignJson(pending.campaign()));
        stored.putNull("active_workflow_run");
        stored.put("created_at", now);
        stored.put("updated_at", now);
        stored.putObject("variables");
        stored.putNull("assigned_user");

        ObjectNode workflowRun = null;
        if (pending.workflow() != null) {
            NexorWorkflow workflow = pending.workflow();
            ObjectNode run = enrol(stored, workflow);
            int step = pending.forcedFirstMessage() && workflow.steps().size() > 1 ? 1 : 0;
            workflowRun = NODES.objectNode();
            workflowRun.put("id", run.get("id").asText());
            workflowRun.put("job_id", "job-" + (++jobCounter));
            ObjectNode wf = workflowRun.putObject("workflow");
            wf.put("id", workflow.id());
            wf.put("name", workflow.name());
            ObjectNode cadence = workflowRun.putObject("cadence");
            cadence.put("stepIndex", step);
            cadence.put("channel", workflow.steps().get(step));
            cadence.put("attemptNumber", 1);
            cadence.put("maxAttempts", 3);
            cadence.put("totalSteps", workflow.steps().size());
        }
        leads.put(id, stored);
        if (webhooks != null && workflowRun != null) {
            webhooks.statusChanged(stored, null, clock.instant());
        }

        ObjectNode lead = answer.putObject("lead");
        for (String field : List.of("id", "first_name", "last_name", "email", "phone", "source", "company", "title",
                "metadata", "created_at")) {
            lead.set(field, stored.get(field).deepCopy());
        }
        answer.set("workflow_run", workflowRun == null ? NullNode.instance : workflowRun);
    }

    /** Puts a new active run of {@code workflow} on the stored lead and returns it. */
    private ObjectNode enrol(ObjectNode stored, NexorWorkflow workflow) {
        ObjectNode run = NexorSeedData.run(NexorSeedData.uuid(ids), workflow, workflow.initialStatus());
        stored.set("active_workflow_run", run);
        if ("appointment".equals(workflow.goalType())) {
            NexorSeedData.User user = users.get(userCursor++ % users.size());
            stored.set("assigned_user", user.toJson());
        } else {
            stored.putNull("assigned_user");
        }
        return run;
    }

    // ------------------------------------------------------------------------------------------ update

    private SimResponse update(String id, SimRequest request) {
        synchronized (lock) {
            ObjectNode stored = existing(id);
            JsonNode body = parseBody(request);
            if (!body.isObject()) {
                throw new ApiError(error(400, "Request body must be a JSON object"));
            }
            List<Problem> problems = new ArrayList<>();
            ObjectNode changes = NODES.objectNode();
            if (body.has("first_name")) {
                String firstName = requiredString(body, "first_name", problems);
                if (firstName != null) {
                    changes.put("first_name", firstName);
                }
            }
            for (String field : NULLABLE_UPDATE_FIELDS) {
                if (body.has(field)) {
                    String value = field.equals("email") ? email(body, problems) : optionalString(body, field, problems);
                    changes.put(field, value);
                }
            }
            if (body.has("source")) {
                String source = requiredString(body, "source", problems);
                if (source != null) {
                    changes.put("source", source);
                }
            }
            if (body.has("campaign_id")) {
                NexorCampaign campaign = reference(body, "campaign_id", campaigns, problems);
                changes.set("campaign", campaign == null ? NullNode.instance : campaignJson(campaign));
            }
            JsonNode metadata = body.get("metadata");
            if (metadata != null && !metadata.isObject()) {
                problems.add(new Problem("metadata", "metadata must be an object"));
            }
            if (!problems.isEmpty()) {
                return json(400, validationError(problems));
            }
            stored.setAll(changes);
            if (metadata instanceof ObjectNode patch) {
                JsonNode existing = stored.get("metadata");
                ObjectNode merged = existing instanceof ObjectNode current ? current : stored.putObject("metadata");
                merged.setAll(patch.deepCopy());
            }
            stored.put("updated_at", NexorSeedData.timestamp(clock.instant()));

            ObjectNode lead = NODES.objectNode();
            for (String field : List.of("id", "first_name", "last_name", "email", "phone", "company", "title",
                    "source")) {
                lead.set(field, copyOrNull(stored, field));
            }
            JsonNode campaign = stored.get("campaign");
            lead.set("campaign_id", campaign instanceof ObjectNode ? copyOrNull(campaign, "id") : NullNode.instance);
            lead.set("metadata", stored.get("metadata") instanceof ObjectNode m ? m.deepCopy() : NODES.objectNode());
            lead.set("created_at", copyOrNull(stored, "created_at"));
            ObjectNode answer = NODES.objectNode();
            answer.put("success", true);
            answer.set("lead", lead);
            return json(200, answer);
        }
    }

    // ------------------------------------------------------------------------------------------ status

    private SimResponse setStatus(String id, SimRequest request) {
        synchronized (lock) {
            ObjectNode stored = existing(id);
            JsonNode body = parseBody(request);
            if (!body.isObject()) {
                throw new ApiError(error(400, "Request body must be a JSON object"));
            }
            List<Problem> problems = new ArrayList<>();
            String statusKey = requiredString(body, "status_key", problems);
            String reason = optionalString(body, "reason", problems);
            String workflowId = optionalString(body, "workflow_id", problems);
            if (workflowId != null && !UUID_PATTERN.matcher(workflowId).matches()) {
                problems.add(new Problem("workflow_id", "workflow_id must be a valid UUID"));
            }
            if (!problems.isEmpty()) {
                return json(400, validationError(problems));
            }
            JsonNode runNode = stored.get("active_workflow_run");
            if (!(runNode instanceof ObjectNode run)) {
                return json(400, error("Lead has no active workflow run"));
            }
            String runWorkflowId = run.path("workflow_id").asText();
            if (workflowId != null && !workflowId.equalsIgnoreCase(runWorkflowId)) {
                return json(400, error("Lead has no active workflow run in workflow " + workflowId));
            }
            NexorWorkflow workflow = workflows.get(runWorkflowId);
            Optional<NexorStatus> target = workflow == null ? Optional.empty() : workflow.status(statusKey);
            if (target.isEmpty()) {
                ObjectNode answer = error("Invalid status_key '" + statusKey + "' for this lead's workflow");
                ArrayNode valid = answer.putObject("details").putArray("valid_keys");
                if (workflow != null) {
                    workflow.statuses().forEach(s -> valid.add(s.key()));
                }
                return json(400, answer);
            }
            NexorStatus status = target.get();
            JsonNode current = run.get("current_status");
            String previous = current instanceof ObjectNode ? current.path("key").asText(null) : null;
            boolean changed = !statusKey.equals(previous);
            if (changed) {
                run.set("current_status", NexorSeedData.currentStatus(status));
                String cadence = run.path("cadence_state").asText();
                if (status.terminal()) {
                    run.put("cadence_state", "stopped");
                } else if ("stopped".equals(cadence)) {
                    run.put("cadence_state", workflow.paused() ? "paused" : "active");
                }
                stored.put("updated_at", NexorSeedData.timestamp(clock.instant()));
                statusChanges.add(new NexorStatusChange(id, run.path("id").asText(), runWorkflowId, previous,
                        statusKey, reason, clock.instant()));
                if (webhooks != null) {
                    webhooks.statusChanged(stored, current, clock.instant());
                }
            }
            ObjectNode answer = NODES.objectNode();
            answer.put("success", true);
            answer.put("changed", changed);
            answer.put("previous_status", previous);
            answer.put("new_status", statusKey);
            ObjectNode workflowRun = answer.putObject("workflow_run");
            workflowRun.set("id", copyOrNull(run, "id"));
            workflowRun.put("workflow_id", runWorkflowId);
            return json(200, answer);
        }
    }

    // ------------------------------------------------------------------------------------------ assign

    private SimResponse assignWorkflow(String id, SimRequest request) {
        synchronized (lock) {
            ObjectNode stored = existing(id);
            JsonNode body = parseBody(request);
            if (!body.isObject()) {
                throw new ApiError(error(400, "Request body must be a JSON object"));
            }
            List<Problem> problems = new ArrayList<>();
            NexorWorkflow workflow = null;
            if (requiredString(body, "workflowId", problems) != null) {
                workflow = reference(body, "workflowId", workflows, problems);
            }
            String reason = optionalString(body, "reason", problems);
            String actorId = optionalString(body, "actorId", problems);
            if (!problems.isEmpty()) {
                return json(400, validationError(problems));
            }
            JsonNode previous = stored.get("active_workflow_run");
            String fromRunId = null;
            String fromWorkflowId = null;
            if (previous instanceof ObjectNode oldRun) {
                fromRunId = oldRun.path("id").asText(null);
                fromWorkflowId = oldRun.path("workflow_id").asText(null);
                if (workflow.id().equalsIgnoreCase(fromWorkflowId)) {
                    return json(400, error("Lead is already active in this workflow"));
                }
            }
            ObjectNode run = enrol(stored, workflow);
            stored.put("updated_at", NexorSeedData.timestamp(clock.instant()));
            if (webhooks != null) {
                JsonNode from = previous instanceof ObjectNode oldRun ? oldRun.get("current_status") : null;
                webhooks.statusChanged(stored, from, clock.instant());
            }
            String movementType = fromRunId == null ? "enrollment" : "reassignment";
            movements.add(new NexorWorkflowMovement(id, movementType, fromRunId, fromWorkflowId,
                    run.get("id").asText(), workflow.id(), reason, actorId, clock.instant()));
            ObjectNode answer = NODES.objectNode();
            answer.put("workflowRunId", run.get("id").asText());
            answer.put("workflowId", workflow.id());
            answer.put("workflowName", workflow.name());
            answer.put("movementType", movementType);
            answer.put("paused", workflow.paused());
            return json(200, answer);
        }
    }

    // ------------------------------------------------------------------------------------------ validation

    private ObjectNode existing(String id) {
        ObjectNode lead = leads.get(id);
        if (lead == null) {
            throw new ApiError(json(404, error("Lead not found")));
        }
        return lead;
    }

    private static JsonNode parseBody(SimRequest request) {
        String text = request.body();
        if (text == null || text.isBlank()) {
            throw new ApiError(json(400, error("Request body is required")));
        }
        try {
            JsonNode node = READER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new ApiError(json(400, error("Request body is required")));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ApiError(json(400, error("Invalid JSON body")));
        }
    }

    private static boolean hasValue(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value != null && !value.isNull();
    }

    /** The non-blank string value of {@code field}; null (adding a problem) when absent, blank or not a string. */
    private static String requiredString(JsonNode object, String field, List<Problem> problems) {
        JsonNode value = object.get(field);
        if (value != null && !value.isNull() && !value.isTextual()) {
            problems.add(new Problem(field, field + " must be a string"));
            return null;
        }
        if (value == null || value.isNull() || value.asText().isBlank()) {
            problems.add(new Problem(field, field + " is required"));
            return null;
        }
        return value.asText();
    }

    /** The string value of {@code field}, null when absent or null; a non-string adds a problem. */
    private static String optionalString(JsonNode object, String field, List<Problem> problems) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            problems.add(new Problem(field, field + " must be a string"));
            return null;
        }
        return value.asText();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String email(JsonNode object, List<Problem> problems) {
        String email = blankToNull(optionalString(object, "email", problems));
        if (email == null) {
            return null;
        }
        email = email.strip();
        if (!EMAIL_PATTERN.matcher(email).matches()) {
            problems.add(new Problem("email", "email must be a valid email address"));
        }
        return email;
    }

    /** Resolves a UUID reference field against {@code known}; null when absent or invalid (adding a problem). */
    private static <T> T reference(JsonNode object, String field, Map<String, T> known, List<Problem> problems) {
        String value = optionalString(object, field, problems);
        if (value == null) {
            return null;
        }
        if (!UUID_PATTERN.matcher(value).matches()) {
            problems.add(new Problem(field, field + " must be a valid UUID"));
            return null;
        }
        T found = known.get(value.toLowerCase(Locale.ROOT));
        if (found == null) {
            String what = field.startsWith("campaign") ? "campaign" : "workflow";
            problems.add(new Problem(field, field + " does not match any " + what));
        }
        return found;
    }

    // ------------------------------------------------------------------------------------------ JSON

    private static ObjectNode campaignJson(NexorCampaign campaign) {
        ObjectNode node = NODES.objectNode();
        node.put("id", campaign.id());
        node.put("name", campaign.name());
        return node;
    }

    private static JsonNode copyOrNull(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value == null ? NullNode.instance : value.deepCopy();
    }

    private static ObjectNode flatError(String error, String message) {
        ObjectNode node = NODES.objectNode();
        node.put("error", error);
        node.put("message", message);
        return node;
    }

    private static ObjectNode error(String message) {
        ObjectNode node = NODES.objectNode();
        node.put("success", false);
        node.put("error", message);
        return node;
    }

    private static SimResponse error(int status, String message) {
        return json(status, error(message));
    }

    private static ObjectNode validationError(List<Problem> problems) {
        ObjectNode node = error(problems.get(0).message());
        ArrayNode details = node.putArray("details");
        for (Problem problem : problems) {
            ObjectNode detail = details.addObject();
            detail.put("field", problem.field());
            detail.put("message", problem.message());
        }
        return node;
    }

    private static SimResponse notFound() {
        return json(404, error("Not found"));
    }

    private static SimResponse methodNotAllowed(String allowed) {
        return json(405, error("Method not allowed")).withHeader("Allow", allowed);
    }

    private static SimResponse json(int status, JsonNode body) {
        try {
            return SimResponse.json(status, JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a simulator answer", e);
        }
    }

    private static String randomKey() {
        SecureRandom random = new SecureRandom();
        StringBuilder key = new StringBuilder("nxr_live_");
        for (int i = 0; i < 32; i++) {
            key.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
        }
        return key.toString();
    }

    /** An error answer thrown from deep inside request handling. */
    private static final class ApiError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient SimResponse response;

        ApiError(SimResponse response) {
            super(null, null, false, false);
            this.response = response;
        }
    }

    /**
     * Builds a {@link NexorSimulator}; each option may be set once. {@link #build()} starts the server.
     */
    public static final class Builder {
        private String apiKey;
        private Clock clock;
        private GetShape getShape;
        private int seedCount;
        private long seed;
        private boolean seeded;
        private final List<NexorWorkflow> workflows = new ArrayList<>(NexorSeedData.defaultWorkflows());
        private final List<NexorCampaign> campaigns = new ArrayList<>(NexorSeedData.defaultCampaigns());
        private WebhookTarget webhooks;

        private Builder() {
        }

        /** Posts Nexor's {@code workflow_run.status_changed} webhook to {@code target} on every run status change. */
        public Builder webhooks(WebhookTarget target) {
            requireUnset(this.webhooks, "webhooks");
            this.webhooks = Objects.requireNonNull(target, "target");
            return this;
        }

        /** The valid {@code X-API-Key}; default {@code nxr_live_} plus 32 random alphanumerics. */
        public Builder apiKey(String apiKey) {
            requireUnset(this.apiKey, "apiKey");
            if (apiKey == null || apiKey.isBlank()) {
                throw new IllegalArgumentException("apiKey must not be blank");
            }
            this.apiKey = apiKey;
            return this;
        }

        /** The clock for timestamps and seeded dates; default {@link Clock#systemUTC()}. */
        public Builder clock(Clock clock) {
            requireUnset(this.clock, "clock");
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Generates {@code count} realistic leads, deterministic for {@code randomSeed} and the clock. */
        public Builder seed(int count, long randomSeed) {
            if (seeded) {
                throw new IllegalStateException("seed was already set");
            }
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative, was " + count);
            }
            this.seeded = true;
            this.seedCount = count;
            this.seed = randomSeed;
            return this;
        }

        /** The initial shape of {@code GET /leads/{id}}; default {@link GetShape#WRAPPED}. */
        public Builder getShape(GetShape shape) {
            requireUnset(this.getShape, "getShape");
            this.getShape = Objects.requireNonNull(shape, "shape");
            return this;
        }

        /** Adds a workflow to the three defaults (Sales Pipeline, Premium Outreach, Reactivation). */
        public Builder workflow(NexorWorkflow workflow) {
            Objects.requireNonNull(workflow, "workflow");
            requireUuid(workflow.id(), "workflow id");
            for (NexorStatus status : workflow.statuses()) {
                requireUuid(status.id(), "status id");
            }
            if (workflows.stream().anyMatch(w -> w.id().equalsIgnoreCase(workflow.id()))) {
                throw new IllegalArgumentException("workflow " + workflow.id() + " was already added");
            }
            workflows.add(new NexorWorkflow(workflow.id().toLowerCase(Locale.ROOT), workflow.name(),
                    workflow.goalType(), workflow.paused(), workflow.steps(), workflow.statuses()));
            return this;
        }

        /** Adds a campaign to the three defaults (Q1 Campaign, Webinar Marzo 2026, Black Friday Retargeting). */
        public Builder campaign(NexorCampaign campaign) {
            Objects.requireNonNull(campaign, "campaign");
            requireUuid(campaign.id(), "campaign id");
            if (campaigns.stream().anyMatch(c -> c.id().equalsIgnoreCase(campaign.id()))) {
                throw new IllegalArgumentException("campaign " + campaign.id() + " was already added");
            }
            campaigns.add(new NexorCampaign(campaign.id().toLowerCase(Locale.ROOT), campaign.name()));
            return this;
        }

        /** Starts the simulator on a random loopback port. */
        public NexorSimulator build() {
            return new NexorSimulator(this);
        }

        private static void requireUnset(Object current, String option) {
            if (current != null) {
                throw new IllegalStateException(option + " was already set");
            }
        }

        private static void requireUuid(String id, String what) {
            if (!UUID_PATTERN.matcher(id).matches()) {
                throw new IllegalArgumentException(what + " must be a UUID, was " + id);
            }
        }
    }
}
