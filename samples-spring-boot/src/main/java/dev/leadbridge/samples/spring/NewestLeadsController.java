package dev.leadbridge.samples.spring;

import dev.leadbridge.client.AggregateResult;
import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.SortField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /leads/newest?limit=N}: the newest leads over every connection, merged by creation time, with the
 * outcome of each connection that finished (a failing connection leaves the others' leads in the answer; one still
 * fetching when the limit was reached has none).
 */
@RestController
public class NewestLeadsController {

    private final LeadbridgeClient client;

    /** Uses the client the starter configured. */
    public NewestLeadsController(LeadbridgeClient client) {
        this.client = client;
    }

    /** The newest {@code limit} leads (1 to 100) and each connection's outcome. */
    @GetMapping("/leads/newest")
    public Map<String, Object> newest(@RequestParam(defaultValue = "10") int limit) {
        int n = Math.max(1, Math.min(100, limit));
        LeadQuery query = LeadQuery.builder().sortBy(SortField.CREATED_AT, false).build();
        try (AggregateResult result = client.stream(query)) {
            List<Map<String, Object>> leads = result.leads().limit(n).map(NewestLeadsController::summary).toList();
            Map<String, Object> outcomes = new LinkedHashMap<>();
            result.outcomes().forEach((name, outcome) -> outcomes.put(name, outcome.failed() ? "failed" : "ok"));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("leads", leads);
            body.put("connections", outcomes);
            return body;
        }
    }

    private static Map<String, Object> summary(Lead lead) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", lead.id());
        out.put("name", lead.name());
        out.put("email", lead.email());
        out.put("status", lead.status() == null ? null : lead.status().name());
        out.put("createdAt", lead.createdAt() == null ? null : lead.createdAt().toString());
        return out;
    }
}
