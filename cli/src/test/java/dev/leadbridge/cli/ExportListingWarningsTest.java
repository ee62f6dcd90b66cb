package dev.leadbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export} against a loopback Octanist that says there are more pages forever, repeats its leads on every page
 * and sends fields of the wrong type: the export ends, keeps every lead, exits 0 and says why on stderr.
 */
class ExportListingWarningsTest {

    private static final String LEADS = "{\"id\":\"lead_1\",\"createdAt\":1700000000},"
            + "{\"id\":\"lead_2\",\"email\":{\"address\":\"a@b.c\"}},{\"id\":\"lead_3\",\"value\":true},"
            + "{\"id\":\"lead_4\",\"name\":\"Fine\",\"createdAt\":\"2024-01-01T00:00:00Z\"}";

    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startAServerWhosePagesNeverEnd() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = ("{\"success\":true,\"data\":[" + LEADS + "],\"meta\":{\"pagination\":"
                    + "{\"total\":40,\"hasMore\":true}}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void anEndlessRepeatingListingWithBadFieldsEndsKeepsEveryLeadAndWarnsOnStderr() throws IOException {
        Path config = dir.resolve("endless.properties");
        Files.writeString(config, "connections.endless.provider = octanist\n"
                + "connections.endless.base-url = http://127.0.0.1:" + server.getAddress().getPort() + "\n"
                + "connections.endless.api-key = " + OctanistSimulator.DEFAULT_API_KEY + "\n");

        Cli.Result result = Cli.run(Map.of(), "export", "--config", config.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out().lines()).hasSize(4);
        assertThat(requests.get()).isEqualTo(2);
        assertThat(result.err())
                .contains("ok, 3 warnings")
                .contains("connection 'endless' (octanist) warning: page 2 brought no lead not already seen")
                .contains("warning: the provider reported 40 leads but served 4 distinct ones")
                .contains("warning: 3 leads had fields of the wrong type, read as null (the original is in raw):"
                        + " createdAt, email, value; e.g. lead_1, lead_2, lead_3")
                .doesNotContain(OctanistSimulator.DEFAULT_API_KEY);
    }
}
