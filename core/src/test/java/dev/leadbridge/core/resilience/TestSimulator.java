package dev.leadbridge.core.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.testkit.SimRequest;
import dev.leadbridge.testkit.SimResponse;
import dev.leadbridge.testkit.SimulatorServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny stateful lead API for the resilience and cache tests: {@code GET|POST /leads}, {@code GET|PUT|DELETE
 * /leads/{id}}, key in {@code X-API-KEY} (a wrong key gets a 401 whose message echoes it), and an optional sliding
 * window rate limit per clock with {@code X-RateLimit-*} headers and 429 + {@code Retry-After}.
 */
final class TestSimulator extends SimulatorServer {

    static final String KEY = "sim-key-0123456789";

    private volatile Clock clock = Clock.systemUTC();
    private volatile String acceptedKey = KEY;
    private final Map<String, ObjectNode> leads = new TreeMap<>();
    private final AtomicInteger ids = new AtomicInteger(1000);
    private final ArrayDeque<Instant> window = new ArrayDeque<>();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile int rateLimit;
    private volatile Duration rateWindow;

    /** Uses this clock for the rate-limit window. */
    void clock(Clock clock) {
        this.clock = clock;
    }

    /** Accepts only this API key from now on. */
    void acceptKey(String key) {
        this.acceptedKey = key;
    }

    /** Adds a lead with this id and name. */
    synchronized void seed(String id, String name) {
        ObjectNode lead = JSON.createObjectNode();
        lead.put("id", id).put("name", name).put("email", name.toLowerCase().replace(' ', '.') + "@example.com")
                .put("status", "open");
        leads.put(id, lead);
    }

    synchronized void reset() {
        leads.clear();
        window.clear();
        refused.set(0);
        rateLimit = 0;
        acceptedKey = KEY;
        clock = Clock.systemUTC();
        faults().clear();
        resetRequests();
    }

    synchronized int size() {
        return leads.size();
    }

    /** Switches on a sliding-window limit of {@code limit} requests per {@code per}. */
    void rateLimit(int limit, Duration per) {
        this.rateWindow = per;
        this.rateLimit = limit;
    }

    /** How many requests the rate limit refused with 429. */
    int refused() {
        return refused.get();
    }

    long count(String method, String pathPrefix) {
        return requestCount(r -> r.method().equals(method) && r.rawPath().startsWith(pathPrefix));
    }

    @Override
    protected SimResponse handle(SimRequest request) {
        String key = request.header("X-API-KEY");
        if (!acceptedKey.equals(key)) {
            return SimResponse.json(401, "{\"error\":\"invalid API key " + key + "\"}");
        }
        Map<String, String> limitHeaders = Map.of();
        if (rateLimit > 0) {
            synchronized (this) {
                Instant now = clock.instant();
                while (!window.isEmpty() && !window.peekFirst().plus(rateWindow).isAfter(now)) {
                    window.pollFirst();
                }
                if (window.size() >= rateLimit) {
                    refused.incrementAndGet();
                    Instant free = window.peekFirst().plus(rateWindow);
                    long wait = Math.max(1, (long) Math.ceil(Duration.between(now, free).toMillis() / 1000.0));
                    return SimResponse.json(429, "{\"error\":\"rate limit exceeded\"}")
                            .withHeaders(headers(rateLimit, 0, free))
                            .withHeader("Retry-After", Long.toString(wait));
                }
                window.addLast(now);
                limitHeaders = headers(rateLimit, rateLimit - window.size(), window.peekFirst().plus(rateWindow));
            }
        }
        return route(request).withHeaders(limitHeaders);
    }

    private static Map<String, String> headers(int limit, int remaining, Instant reset) {
        long resetSeconds = reset.getEpochSecond() + (reset.getNano() > 0 ? 1 : 0);
        return Map.of("X-RateLimit-Limit", Integer.toString(limit), "X-RateLimit-Remaining",
                Integer.toString(remaining), "X-RateLimit-Reset", Long.toString(resetSeconds));
    }

    private synchronized SimResponse route(SimRequest request) {
        String path = request.rawPath();
        String method = request.method();
        if (path.equals("/leads")) {
            if (method.equals("GET")) {
                int page = Integer.parseInt(param(request, "page", "1"));
                int limit = Integer.parseInt(param(request, "limit", "10"));
                List<ObjectNode> all = new ArrayList<>(leads.values());
                int totalPages = (all.size() + limit - 1) / limit;
                ArrayNode data = JSON.createArrayNode();
                all.stream().skip((long) (page - 1) * limit).limit(limit).forEach(data::add);
                ObjectNode body = JSON.createObjectNode();
                body.set("data", data);
                body.put("page", page).put("totalPages", totalPages).put("total", all.size());
                return SimResponse.json(200, body.toString());
            }
            if (method.equals("POST")) {
                JsonNode in = read(request.body());
                ObjectNode lead = JSON.createObjectNode();
                String id = "L" + ids.incrementAndGet();
                lead.put("id", id).put("name", in.path("name").asText(null)).put("email", in.path("email").asText(null))
                        .put("status", "open");
                leads.put(id, lead);
                return SimResponse.json(201, lead.toString());
            }
        } else if (path.startsWith("/leads/")) {
            String id = path.substring("/leads/".length());
            ObjectNode lead = leads.get(id);
            if (lead == null) {
                return SimResponse.json(404, "{\"error\":\"lead " + id + " not found\"}");
            }
            switch (method) {
                case "GET":
                    return SimResponse.json(200, lead.toString());
                case "PUT":
                    JsonNode in = read(request.body());
                    in.fields().forEachRemaining(e -> lead.set(e.getKey(), e.getValue()));
                    return SimResponse.json(200, lead.toString());
                case "DELETE":
                    leads.remove(id);
                    return new SimResponse(204, Map.of(), "");
                default:
                    break;
            }
        }
        return SimResponse.json(405, "{\"error\":\"method not allowed\"}");
    }

    private static String param(SimRequest request, String name, String otherwise) {
        String value = request.param(name);
        return value == null ? otherwise : value;
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
