package dev.leadbridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.testkit.SimRequest;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The export's listing rules against servers that really misbehave on loopback: leads deleted between page reads
 * (offset paging shifts), pages that never end, the same page for every page number, fields of the wrong type.
 */
class ListingHealingTest {

    private static final LeadQuery QUERY = LeadQuery.builder().pageSize(20).build();

    private static LeadbridgeClient client(String provider, String baseUrl, String key, int concurrency,
                                           Map<String, String> extra) {
        Properties config = new Properties();
        config.setProperty("connections.c.provider", provider);
        config.setProperty("connections.c.base-url", baseUrl);
        config.setProperty("connections.c.api-key", key);
        config.setProperty("connections.c.page-concurrency", Integer.toString(concurrency));
        extra.forEach((k, v) -> config.setProperty("connections.c." + k, v));
        return LeadbridgeClient.fromProperties(config, name -> null);
    }

    private static Export export(LeadbridgeClient client) {
        try (AggregateResult result = client.stream(QUERY)) {
            List<String> ids = result.leads().map(Lead::nativeId).toList();
            return new Export(ids, result.outcomes().get("c"));
        }
    }

    private record Export(List<String> ids, ConnectionOutcome outcome) {
        List<String> warnings() {
            return outcome instanceof ConnectionOutcome.Ok ok ? ok.warnings() : List.of("not ok: " + outcome);
        }
    }

    private static boolean listPage(SimRequest request, String path, int page) {
        return request.method().equals("GET") && request.rawPath().endsWith(path)
                && String.valueOf(page).equals(request.param("page"));
    }

    @ParameterizedTest(name = "page concurrency {0}")
    @ValueSource(ints = {1, 4})
    void octanistLeadsThatExistedThroughoutAreAllExportedWhenTenOthersAreDeletedAfterPageOne(int concurrency)
            throws Exception {
        try (OctanistSimulator sim = OctanistSimulator.builder().seed(100, 7).build();
             LeadbridgeClient client = client("octanist", sim.baseUrl(), sim.apiKey(), concurrency, Map.of())) {
            List<String> all = sim.leads().stream().map(l -> l.get("id").asText()).toList();
            List<String> deleted = all.subList(0, 10);
            sim.onceAfter(r -> listPage(r, "/leads", 1), () -> deleted.forEach(sim::delete));

            Export export = export(client);

            Set<String> survivors = new HashSet<>(all);
            deleted.forEach(survivors::remove);
            assertThat(sim.size()).isEqualTo(90);
            assertThat(export.ids()).containsAll(survivors).doesNotHaveDuplicates();
            assertThat(export.outcome()).isInstanceOf(ConnectionOutcome.Ok.class);
        }
    }

    @ParameterizedTest(name = "page concurrency {0}")
    @ValueSource(ints = {1, 4})
    void workspaceLeadsThatExistedThroughoutAreAllExportedWhenTenOthersAreDeletedThroughItsApiAfterPageOne(
            int concurrency) throws Exception {
        try (WorkspaceSimulator sim = WorkspaceSimulator.builder().seed(100, 9).build();
             LeadbridgeClient client = client("workspace-v1", sim.baseUrl(), sim.apiKey(), concurrency, Map.of())) {
            List<String> all = sim.leads().stream().map(l -> l.get("id").asText()).toList();
            List<String> deleted = all.subList(0, 10);
            HttpClient http = HttpClient.newHttpClient();
            sim.onceAfter(r -> listPage(r, "/leads", 1), () -> deleted.forEach(id -> {
                try {
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                                    URI.create(sim.baseUrl() + "/leads/" + id))
                            .header("Authorization", "Bearer " + sim.apiKey()).DELETE().build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(answer.statusCode()).isLessThan(300);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));

            Export export = export(client);

            Set<String> survivors = new HashSet<>(all);
            deleted.forEach(survivors::remove);
            assertThat(sim.size()).isEqualTo(90);
            assertThat(export.ids()).containsAll(survivors).doesNotHaveDuplicates();
        }
    }

    /** A loopback server answering Octanist list requests with what {@code pages} gives for each page number. */
    private static HttpServer octanist(IntFunction<String> pages, List<Integer> asked) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            int page = 1;
            for (String part : query == null ? new String[0] : query.split("&")) {
                if (part.startsWith("page=")) {
                    page = Integer.parseInt(part.substring(5));
                }
            }
            synchronized (asked) {
                asked.add(page);
            }
            byte[] body = pages.apply(page).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    private static String leads(int from, int count) {
        List<String> leads = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            leads.add("{\"id\":\"lead_" + i + "\",\"name\":\"Lead " + i + "\",\"createdAt\":\"2024-01-01T00:00:00Z\"}");
        }
        return String.join(",", leads);
    }

    private static String page(String leads, String pagination) {
        return "{\"success\":true,\"data\":[" + leads + "],\"meta\":{\"pagination\":" + pagination + "}}";
    }

    private static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void aListingWhoseEmptyPagesSayThereIsAlwaysMoreEndsWithAWarning() throws Exception {
        List<Integer> asked = new ArrayList<>();
        HttpServer server = octanist(n -> page(n == 1 ? leads(1, 20) : "", "{\"hasMore\":true}"), asked);
        try (LeadbridgeClient client = client("octanist", url(server), OctanistSimulator.DEFAULT_API_KEY, 4,
                Map.of())) {
            Export export = export(client);

            assertThat(export.ids()).hasSize(20);
            assertThat(asked).containsExactly(1, 2);
            assertThat(export.warnings()).singleElement().asString()
                    .contains("page 2 brought no lead not already seen");
        } finally {
            server.stop(0);
        }
    }

    @ParameterizedTest(name = "page concurrency {0}")
    @ValueSource(ints = {1, 4})
    void theSamePageForEveryPageNumberEndsTheListingAndWarnsWithBothNumbers(int concurrency) throws Exception {
        List<Integer> asked = new ArrayList<>();
        HttpServer server = octanist(n -> page(leads(1, 20),
                "{\"page\":" + n + ",\"limit\":20,\"total\":200,\"totalPages\":10,\"hasMore\":true}"), asked);
        try (LeadbridgeClient client = client("octanist", url(server), OctanistSimulator.DEFAULT_API_KEY,
                concurrency, Map.of())) {
            Export export = export(client);

            assertThat(export.ids()).hasSize(20).doesNotHaveDuplicates();
            assertThat(export.warnings()).anySatisfy(w -> assertThat(w).contains("reported 200 leads but served 20"));
            // page 1, then at most the fetcher's window of pages asked ahead of page 2 (2 x concurrency: a slot is
            // refilled whenever any page arrives, see PageFetcher), not one page more after page 2 ended the listing
            assertThat(asked.size()).isLessThanOrEqualTo(concurrency == 1 ? 2 : 1 + 2 * concurrency);
        } finally {
            server.stop(0);
        }
    }

    @ParameterizedTest(name = "page concurrency {0}")
    @ValueSource(ints = {1, 4})
    void aPageWhoseLeadsAllFailAClientSideFilterDoesNotEndTheListing(int concurrency) throws Exception {
        // status UNKNOWN is filtered on the client only: page 2 brings three new leads, none of which match
        IntFunction<String> pages = n -> {
            String status = n == 2 ? "open" : "weird";
            List<String> leads = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                leads.add("{\"id\":\"lead_" + n + "_" + i + "\",\"status\":\"" + status + "\"}");
            }
            return page(String.join(",", leads), "{\"page\":" + n + ",\"limit\":3,\"total\":9,\"totalPages\":3,"
                    + "\"hasMore\":" + (n < 3) + "}");
        };
        HttpServer server = octanist(pages, new ArrayList<>());
        try (LeadbridgeClient client = client("octanist", url(server), OctanistSimulator.DEFAULT_API_KEY,
                concurrency, Map.of());
             AggregateResult result = client.stream(LeadQuery.builder().pageSize(3)
                     .status(dev.leadbridge.core.LeadStatus.UNKNOWN).build())) {
            List<String> ids = result.leads().map(Lead::nativeId).toList();

            assertThat(ids).containsExactlyInAnyOrder("lead_1_0", "lead_1_1", "lead_1_2", "lead_3_0", "lead_3_1",
                    "lead_3_2");
            assertThat(result.outcomes().get("c")).isInstanceOfSatisfying(ConnectionOutcome.Ok.class,
                    ok -> assertThat(ok.warnings()).isEmpty());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void leadsWithFieldsOfTheWrongTypeAreKeptAndCountedInOneWarning() throws Exception {
        String bad = "{\"id\":\"lead_a\",\"createdAt\":1700000000},{\"id\":\"lead_b\",\"email\":{\"x\":1}},"
                + "{\"id\":\"lead_c\",\"value\":true}," + leads(1, 5);
        HttpServer server = octanist(n -> page(bad, "{\"hasMore\":false}"), new ArrayList<>());
        try (LeadbridgeClient client = client("octanist", url(server), OctanistSimulator.DEFAULT_API_KEY, 1,
                Map.of())) {
            Export export = export(client);

            assertThat(export.ids()).hasSize(8);
            assertThat(export.warnings()).singleElement().asString()
                    .contains("3 leads had fields of the wrong type")
                    .contains("createdAt, email, value").contains("lead_a, lead_b, lead_c");
        } finally {
            server.stop(0);
        }
    }
}
