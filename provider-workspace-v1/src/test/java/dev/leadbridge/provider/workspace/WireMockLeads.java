package dev.leadbridge.provider.workspace;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Shared test data for the WireMock tests: keys, a fixed clock, lead JSON of both models. */
final class WireMockLeads {

    /** A well-formed key (64 characters). */
    static final String KEY = "sk-workspace_TestKey0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH";
    /** The fixed time of every test clock. */
    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    /** The API base path the tests stub. */
    static final String BASE = "/api/v1";

    static final String DOCS_LEAD = """
            {"id":"lead_1234567890abcdef","name":"John Doe","email":"john.doe@example.com",
             "phone":"+1-555-123-4567","source":"website","status":"new",
             "metadata":{"utm_source":"google","utm_medium":"cpc","utm_campaign":"spring","company":"Tech Corp"},
             "createdAt":"2024-01-15T10:30:00.000Z","updatedAt":"2024-01-16T11:00:00.000Z",
             "workspaceId":"ws_your_workspace_id"}""";

    static final String NEWER_LEAD = """
            {"id":"cmipr3rf400t3n42y5plvmhd5","chatbotId":"cmhm6o40a05h8mn12dv3tc456","conversationId":null,
             "name":"Ana Lima","email":"  Ana.Lima@Example.com ","phone":"+31 6 12345678","company":"Lima BV",
             "message":"Please call me","source":"api","status":"CONVERTED","priority":"HIGH",
             "assignedAgentId":"agent_42","notes":"called twice","tags":["vip","q3"],
             "customFields":{"utm_source":"newsletter","budget":5000},"followUpDate":null,
             "lastContactAt":"2025-12-02T09:00:00.000Z","convertedAt":"2025-12-03T09:00:00.000Z",
             "createdAt":"2025-12-01T10:00:00.000+02:00","updatedAt":"2025-12-03T09:00:00.000Z",
             "discord":null,"preferredMethod":"email","urgency":"high",
             "chatbots":{"id":"cmhm6o40a05h8mn12dv3tc456","name":"Website Assistant"}}""";

    private WireMockLeads() {
    }

    /** A WireMock server on a random loopback port. */
    static WireMockExtension server() {
        return WireMockExtension.newInstance()
                .options(WireMockConfiguration.wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                .build();
    }

    /** A builder pointed at the server's API base, with the test key and the fixed clock. */
    static WorkspaceProvider.Builder builder(WireMockExtension server) {
        return WorkspaceProvider.builder()
                .connection("acme-ws")
                .baseUrl("http://127.0.0.1:" + server.getPort() + BASE)
                .apiKey(KEY)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** {@code {"success":true,"data":<lead>}}. */
    static String single(String lead) {
        return "{\"success\":true,\"data\":" + lead + "}";
    }

    /** A listing body with these leads and the given pagination. */
    static String listing(int page, int limit, long total, String... leads) {
        int totalPages = (int) ((total + limit - 1) / limit);
        return "{\"success\":true,\"data\":{\"leads\":[" + String.join(",", leads) + "],\"pagination\":{\"page\":"
                + page + ",\"limit\":" + limit + ",\"total\":" + total + ",\"totalPages\":" + totalPages
                + ",\"hasNext\":" + (page < totalPages) + ",\"hasPrev\":" + (page > 1) + "}}}";
    }

    /** A docs-model lead JSON. */
    static String lead(String id, String name, String email, String phone, String status, String createdAt) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"email\":" + quote(email) + ",\"phone\":"
                + quote(phone) + ",\"source\":\"website\",\"status\":\"" + status + "\",\"metadata\":{},"
                + "\"createdAt\":\"" + createdAt + "\",\"updatedAt\":\"" + createdAt + "\"}";
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
