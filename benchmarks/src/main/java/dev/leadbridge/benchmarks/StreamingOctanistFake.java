package dev.leadbridge.benchmarks;

import dev.leadbridge.testkit.SimRequest;
import dev.leadbridge.testkit.SimResponse;
import dev.leadbridge.testkit.SimulatorServer;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A light fake of Octanist's lead listing for the first-sync benches: {@code GET /api/leads} sorted by
 * {@code updatedAt:asc} with {@code updatedAt[gte]} / {@code updatedAt[gt]} and {@code updatedAt[lt]} /
 * {@code updatedAt[lte]} (the keyset and the ranges the sync reads by), or by {@code createdAt:desc} (an export),
 * {@code limit} and {@code page}, over leads computed from their index and never stored. Lead {@code i} was updated
 * at {@code BASE + i} seconds (created a day earlier), so a million leads cost no memory here and each page is found
 * by arithmetic. Written for the bench because the testkit's {@code OctanistSimulator} keeps every lead as a JSON
 * tree and sorts them per request (too heavy at a million), and its {@code VolumeOctanistSimulator} lists by
 * {@code createdAt:desc} only; and the simulator computes a keyset page (a new query each time) under one lock, so
 * pages of several ranges asked at once are served one after the other. Each page here costs the same whatever
 * is in flight. Other filters are ignored (the client re-checks them); other sorts answer 400.
 */
final class StreamingOctanistFake extends SimulatorServer {

    /** When lead 0 was last updated. */
    static final Instant BASE = Instant.parse("2025-01-01T00:00:00Z");
    /** The one valid API key. */
    static final String API_KEY = "oct_stream_4f1e9a7c2b8d6e3f0a5c7b9d1e2f4a6c";

    private final long count;

    /** Serves {@code count} leads on a loopback port. */
    StreamingOctanistFake(long count) {
        this.count = count;
    }

    /** The API base, {@code rootUrl() + "/api"}. */
    String baseUrl() {
        return rootUrl() + "/api";
    }

    @Override
    protected SimResponse handle(SimRequest request) {
        if (!API_KEY.equals(request.header("X-API-KEY"))) {
            return error(401, "UNAUTHORIZED", "Invalid or missing API key");
        }
        if (!request.method().equals("GET") || !request.rawPath().equals("/api/leads")) {
            return error(404, "NOT_FOUND", "Not found");
        }
        String sort = orElse(request.param("sort"), "createdAt:desc");
        boolean newestFirst = sort.equals("createdAt:desc");
        if (!newestFirst && !sort.equals("updatedAt:asc")) {
            return error(400, "INVALID_FILTER", "this fake sorts by updatedAt:asc or createdAt:desc only");
        }
        long first;
        long end;
        try {
            first = newestFirst ? 0 : firstIndex(request.param("updatedAt[gte]"), request.param("updatedAt[gt]"));
            end = newestFirst ? count : endIndex(request.param("updatedAt[lt]"), request.param("updatedAt[lte]"));
        } catch (DateTimeParseException e) {
            return error(400, "INVALID_DATE", "unreadable updatedAt bound");
        }
        int limit = Math.min(100, Integer.parseInt(orElse(request.param("limit"), "50")));
        int page = Integer.parseInt(orElse(request.param("page"), "1"));
        long matching = Math.max(0, end - first);
        long totalPages = (matching + limit - 1) / limit;
        long from = (long) (page - 1) * limit;
        long to = Math.min(matching, from + limit);
        StringBuilder body = new StringBuilder(limit * 700 + 200).append("{\"success\":true,\"data\":[");
        for (long p = from; p < to; p++) {
            if (p > from) {
                body.append(',');
            }
            lead(body, newestFirst ? count - 1 - p : first + p);
        }
        body.append("],\"meta\":{\"pagination\":{\"limit\":").append(limit).append(",\"page\":").append(page)
                .append(",\"totalPages\":").append(totalPages).append(",\"total\":").append(matching)
                .append(",\"hasMore\":").append(page < totalPages).append("}}}");
        return SimResponse.json(200, body.toString());
    }

    /** The index of the first lead at or after the bound (milliseconds, as the client sends them). */
    private long firstIndex(String gte, String gt) {
        long first = 0;
        if (gte != null) {
            long millis = Instant.parse(gte).toEpochMilli() - BASE.toEpochMilli();
            first = Math.max(first, Math.floorDiv(millis + 999, 1000));
        }
        if (gt != null) {
            long millis = Instant.parse(gt).toEpochMilli() - BASE.toEpochMilli();
            first = Math.max(first, Math.floorDiv(millis, 1000) + 1);
        }
        return first;
    }

    /** The index after the last lead before (or at) the upper bound; {@code count} without one. */
    private long endIndex(String lt, String lte) {
        long end = count;
        if (lt != null) {
            long millis = Instant.parse(lt).toEpochMilli() - BASE.toEpochMilli();
            end = Math.min(end, Math.max(0, Math.floorDiv(millis + 999, 1000)));
        }
        if (lte != null) {
            long millis = Instant.parse(lte).toEpochMilli() - BASE.toEpochMilli();
            end = Math.min(end, Math.max(0, Math.floorDiv(millis, 1000) + 1));
        }
        return end;
    }

    /** Lead {@code i} in the current wire format: a typical form lead of about 600 bytes. */
    private static void lead(StringBuilder out, long i) {
        String updated = BASE.plusSeconds(i).toString();
        String created = BASE.plusSeconds(i - 86_400).toString();
        out.append("{\"id\":\"lead_").append(i).append("\",\"name\":\"Person ").append(i)
                .append("\",\"email\":\"person").append(i).append("@example.com\",\"phone\":\"+316")
                .append(10_000_000 + i % 89_999_999).append("\",\"status\":\"").append(STATUSES[(int) (i % 4)])
                .append("\",\"value\":").append(i % 5_000).append(".5,\"note\":\"Asked for a quote, call back\"")
                .append(",\"custom\":\"{\\\"company\\\":\\\"Acme ").append(i % 977).append("\\\"}\"")
                .append(",\"lossReason\":null,\"conversionName\":\"Contact form\",\"source\":\"inbound\"")
                .append(",\"website\":\"https://acme.example\",\"path\":\"/contact\",\"gclid\":\"Cj0KCQ").append(i)
                .append("\",\"utm_source\":\"google\",\"utm_medium\":\"cpc\",\"utm_campaign\":\"spring\"")
                .append(",\"ad_storage\":true,\"ad_user_data\":true,\"analytics_storage\":true,")
                .append("\"ad_personalization\":false,\"createdAt\":\"").append(created)
                .append("\",\"updatedAt\":\"").append(updated).append("\"}");
    }

    private static final String[] STATUSES = {"open", "qualified", "won", "lost"};

    private static String orElse(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static SimResponse error(int status, String code, String message) {
        return SimResponse.json(status, "{\"success\":false,\"error\":{\"code\":\"" + code + "\",\"message\":\""
                + message + "\"}}");
    }
}
