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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code get} against a loopback Octanist whose lead {@code lead_bad} has fields of the wrong type (an epoch number
 * for {@code createdAt}, an object for {@code email}): the lead is printed with those fields null and one warning
 * line on stderr, as {@code export} prints it for a listing; a readable lead gets none.
 */
class GetUnreadableFieldsTest {

    private static final String BAD = "{\"id\":\"lead_bad\",\"name\":\"Ann Bad\",\"createdAt\":1700000000,"
            + "\"email\":{\"address\":\"a@b.c\"},\"updatedAt\":\"2024-01-02T00:00:00Z\"}";
    private static final String GOOD = "{\"id\":\"lead_good\",\"name\":\"Bo Good\",\"email\":\"bo@example.com\","
            + "\"createdAt\":\"2024-01-01T00:00:00Z\",\"updatedAt\":\"2024-01-02T00:00:00Z\"}";

    @TempDir
    Path dir;

    private HttpServer server;
    private Path config;

    @BeforeEach
    void startAnOctanistWithOneBadLead() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String lead = exchange.getRequestURI().getPath().endsWith("/lead_bad") ? BAD : GOOD;
            byte[] body = ("{\"success\":true,\"data\":" + lead + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        config = dir.resolve("odd.properties");
        Files.writeString(config, "connections.odd.provider = octanist\n"
                + "connections.odd.base-url = http://127.0.0.1:" + server.getAddress().getPort() + "\n"
                + "connections.odd.api-key = " + OctanistSimulator.DEFAULT_API_KEY + "\n");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aLeadWithFieldsOfTheWrongTypeIsPrintedWithThemNullAndOneWarningLineOnStderr() {
        Cli.Result result = Cli.run(Map.of(), "get", "--config", config.toString(), "odd:lead_bad");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("\"nativeId\":\"lead_bad\"").contains("\"createdAt\":null")
                .contains("\"email\":null").contains("\"name\":\"Ann Bad\"");
        assertThat(result.err().lines().toList()).as(result.err()).containsExactly(
                "get: connection 'odd' (octanist) warning: 1 lead had fields of the wrong type, read as null (the"
                        + " original is in raw): email, createdAt; e.g. lead_bad");
        assertThat(result.err()).doesNotContain(OctanistSimulator.DEFAULT_API_KEY).doesNotContain("\tat ");
    }

    @Test
    void aReadableLeadGetsNoWarning() {
        Cli.Result result = Cli.run(Map.of(), "get", "--config", config.toString(), "odd:lead_good");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("\"email\":\"bo@example.com\"");
        assertThat(result.err()).isEmpty();
    }
}
