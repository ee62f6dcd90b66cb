package dev.leadbridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Incremental sync in ordered mode (keyset by updatedAt) against a loopback Octanist that says more pages follow
 * forever: the sync ends the way every listing does, delivers each lead once and says why in its warnings.
 */
class SyncEndlessListingTest {

    private static final LeadQuery QUERY = LeadQuery.builder().pageSize(20).build();

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
            String at = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i) + "";
            leads.add("{\"id\":\"lead_" + i + "\",\"name\":\"Lead " + i + "\",\"createdAt\":\"" + at
                    + "\",\"updatedAt\":\"" + at + "\"}");
        }
        return String.join(",", leads);
    }

    private static String page(String leads) {
        return "{\"success\":true,\"data\":[" + leads + "],\"meta\":{\"pagination\":{\"hasMore\":true}}}";
    }

    private static LeadbridgeClient client(HttpServer server) {
        Properties config = new Properties();
        config.setProperty("connections.c.provider", "octanist");
        config.setProperty("connections.c.base-url", "http://127.0.0.1:" + server.getAddress().getPort());
        config.setProperty("connections.c.api-key", OctanistSimulator.DEFAULT_API_KEY);
        return LeadbridgeClient.fromProperties(config, name -> null);
    }

    private static List<String> syncAll(SyncResult sync) {
        List<String> ids = new ArrayList<>();
        for (Lead lead : sync.leads()) {
            ids.add(lead.nativeId());
        }
        return ids;
    }

    @Test
    void aServerRepeatingItsPageWithHasMoreForeverEndsTheSyncWithAWarning() throws Exception {
        List<Integer> asked = new ArrayList<>();
        HttpServer server = octanist(n -> page(leads(1, 20)), asked);
        try (LeadbridgeClient client = client(server);
             SyncResult sync = client.changesSince("c", SyncCheckpoint.initial(), QUERY)) {
            List<String> ids = syncAll(sync);

            assertThat(sync.incremental()).isTrue();
            assertThat(ids).hasSize(20).doesNotHaveDuplicates();
            assertThat(asked).hasSizeLessThanOrEqualTo(3);
            assertThat(sync.warnings()).singleElement().asString()
                    .contains("brought no lead not already seen although the provider said more pages follow");
            assertThat(sync.next().watermark()).contains(Instant.parse("2024-01-01T00:00:20Z"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aServerSendingEmptyPagesWithHasMoreForeverEndsTheSyncWithAWarning() throws Exception {
        List<Integer> asked = new ArrayList<>();
        HttpServer server = octanist(n -> page(n == 1 ? leads(1, 20) : ""), asked);
        try (LeadbridgeClient client = client(server);
             SyncResult sync = client.changesSince("c", SyncCheckpoint.initial(), QUERY)) {
            List<String> ids = syncAll(sync);

            assertThat(ids).hasSize(20).doesNotHaveDuplicates();
            assertThat(asked).hasSizeLessThanOrEqualTo(3);
            assertThat(sync.warnings()).singleElement().asString().contains("page 2");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aSyncThatEndsNormallyHasNoWarnings() throws Exception {
        OctanistSimulator sim = OctanistSimulator.builder().seed(45, 3).build();
        Properties config = new Properties();
        config.setProperty("connections.c.provider", "octanist");
        config.setProperty("connections.c.base-url", sim.baseUrl());
        config.setProperty("connections.c.api-key", sim.apiKey());
        try (sim; LeadbridgeClient client = LeadbridgeClient.fromProperties(config, name -> null);
             SyncResult sync = client.changesSince("c", SyncCheckpoint.initial(), QUERY)) {
            assertThat(syncAll(sync)).hasSize(45).doesNotHaveDuplicates();
            assertThat(sync.warnings()).isEmpty();
        }
    }
}
