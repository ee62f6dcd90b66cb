package dev.leadbridge.testkit.octanist;

import dev.leadbridge.testkit.SimRequest;
import dev.leadbridge.testkit.SimResponse;
import dev.leadbridge.testkit.SimulatorServer;
import java.time.Instant;
import java.util.Map;

/**
 * A read-only Octanist simulator for volume tests: {@code GET /api/leads} in the current wire format, sorted by
 * {@code createdAt} descending, over leads computed from their index and never stored, so hundreds of thousands of
 * leads cost no memory. Lead {@code i} was created at {@code BASE - (i * stride + offset)} seconds, so simulators
 * with the same stride and different offsets interleave in time. The full {@link OctanistSimulator} stores every lead
 * as JSON, which does not scale to these volumes. Filters other than the sort are ignored (clients re-check them).
 */
public final class VolumeOctanistSimulator extends SimulatorServer {

    /** The instant lead 0 of every simulator is created (minus its offset). */
    public static final Instant BASE = Instant.parse("2025-06-01T00:00:00Z");
    /** The one valid API key. */
    public static final String API_KEY = "oct_volume_7d2c9e4b1a6f3e8d0c5b2a7f4e1d8c6b";

    private final int count;
    private final int stride;
    private final int offset;
    private final String prefix;

    /**
     * Starts a simulator of {@code count} leads with ids {@code lead_<prefix><i>}.
     *
     * @param prefix distinguishes the ids of several simulators
     * @param count  how many leads it serves
     * @param stride seconds between two consecutive leads' creation times
     * @param offset seconds subtracted from every creation time, to interleave simulators with the same stride
     */
    public VolumeOctanistSimulator(String prefix, int count, int stride, int offset) {
        this.prefix = prefix;
        this.count = count;
        this.stride = stride;
        this.offset = offset;
    }

    /** The API base on loopback, {@code rootUrl() + "/api"}. */
    public String baseUrl() {
        return rootUrl() + "/api";
    }

    /** The valid API key. */
    public String apiKey() {
        return API_KEY;
    }

    @Override
    protected SimResponse handle(SimRequest request) {
        if (!API_KEY.equals(request.header("X-API-KEY"))) {
            return SimResponse.json(401, "{\"success\":false,\"error\":{\"code\":\"UNAUTHORIZED\","
                    + "\"message\":\"Invalid or missing API key\"}}");
        }
        if (!request.method().equals("GET") || !request.rawPath().equals("/api/leads")) {
            return SimResponse.json(404, "{\"success\":false,\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"Not found\"}}");
        }
        String sort = first(request.query(), "sort", "createdAt:desc");
        if (!sort.equals("createdAt:desc")) {
            return SimResponse.json(400, "{\"success\":false,\"error\":{\"code\":\"INVALID_FILTER\","
                    + "\"message\":\"this simulator sorts by createdAt:desc only\"}}");
        }
        int limit = Integer.parseInt(first(request.query(), "limit", "50"));
        int page = Integer.parseInt(first(request.query(), "page", "1"));
        long totalPages = (count + (long) limit - 1) / limit;
        StringBuilder body = new StringBuilder(limit * 260 + 200).append("{\"success\":true,\"data\":[");
        long from = (long) (page - 1) * limit;
        for (long i = from; i < count && i < from + limit; i++) {
            if (i > from) {
                body.append(',');
            }
            String at = BASE.minusSeconds(i * stride + offset).toString();
            body.append("{\"id\":\"lead_").append(prefix).append(i).append("\",\"name\":\"Lead ").append(i)
                    .append("\",\"email\":\"lead").append(i).append('@').append(prefix)
                    .append(".example.com\",\"status\":\"open\",\"source\":\"api\",\"value\":").append(i % 1000)
                    .append(",\"createdAt\":\"").append(at).append("\",\"updatedAt\":\"").append(at).append("\"}");
        }
        body.append("],\"meta\":{\"pagination\":{\"limit\":").append(limit).append(",\"page\":").append(page)
                .append(",\"totalPages\":").append(totalPages).append(",\"total\":").append(count)
                .append(",\"hasMore\":").append(page < totalPages).append("}}}");
        return SimResponse.json(200, body.toString());
    }

    private static String first(Map<String, java.util.List<String>> query, String key, String fallback) {
        java.util.List<String> values = query.get(key);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? fallback : values.get(0);
    }
}
