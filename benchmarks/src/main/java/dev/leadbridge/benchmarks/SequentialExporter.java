package dev.leadbridge.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * Comparison (b): the straightforward client a user would write without Leadbridge: for each account in turn, a
 * sequential page loop over Octanist's {@code GET /leads?limit=..&page=..} with {@link java.net.http.HttpClient},
 * each body decoded by Jackson into plain maps, until the server says there is no further page. Leads are counted,
 * not kept. Not thread-safe.
 */
final class SequentialExporter {

    /** One account: its API base (e.g. {@code http://127.0.0.1:1234/api}) and key. */
    record Account(String baseUrl, String apiKey) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final int pageSize;

    SequentialExporter(int pageSize) {
        this.pageSize = pageSize;
    }

    /** Exports every lead of every account, one page after the other; returns how many leads were read. */
    @SuppressWarnings("unchecked")
    long export(List<Account> accounts) throws IOException, InterruptedException {
        long leads = 0;
        for (Account account : accounts) {
            for (int page = 1; ; page++) {
                HttpRequest request = HttpRequest.newBuilder(
                                URI.create(account.baseUrl() + "/leads?limit=" + pageSize + "&page=" + page))
                        .header("X-API-KEY", account.apiKey())
                        .header("Accept", "application/json")
                        .GET()
                        .build();
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IOException("GET " + request.uri() + " answered HTTP " + response.statusCode());
                }
                Map<String, Object> body = json.readValue(response.body(), Map.class);
                List<Map<String, Object>> data = (List<Map<String, Object>>) body.get("data");
                leads += data.size();
                Map<String, Object> meta = (Map<String, Object>) body.get("meta");
                Map<String, Object> pagination = meta == null ? null : (Map<String, Object>) meta.get("pagination");
                boolean hasMore = pagination != null && Boolean.TRUE.equals(pagination.get("hasMore"));
                if (!hasMore || data.isEmpty()) {
                    break;
                }
            }
        }
        return leads;
    }
}
