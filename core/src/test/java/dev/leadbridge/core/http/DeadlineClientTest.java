package dev.leadbridge.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.MalformedResponseException;
import feign.Body;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client under every provider's Feign interface, over real loopback HTTP: requests arrive as Feign built them
 * (headers the JDK sets itself left to it), answers come back whole (an unasked-for gzip body inflated), and an
 * answer over 32 MiB, announced or sent, is refused as malformed. The deadline: {@code DrippingBodyTest}.
 */
@Timeout(30)
class DeadlineClientTest {

    private static final ErrorDetails DETAILS = ErrorDetails.of("test", "deadline");

    /** What the test server is asked. */
    interface Api {
        @RequestLine("GET /json")
        JsonNode json();

        @RequestLine("GET /json-huge")
        JsonNode huge();

        @RequestLine("GET /json-endless")
        JsonNode endless();

        @RequestLine("POST /echo")
        @Headers({"Content-Type: application/json", "X-Tag: {tag}"})
        @Body("{body}")
        JsonNode post(@Param("tag") String tag, @Param("body") String body);
    }

    private HttpServer server;
    private final Map<String, List<String>> received = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/json", exchange -> {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
                gzip.write("{\"zipped\":true}".getBytes(StandardCharsets.UTF_8));
            }
            Answers.send(exchange, 200, zipped.toByteArray(), "Content-Type", "application/json",
                    "Content-Encoding", "gzip");
        });
        server.createContext("/echo", exchange -> {
            exchange.getRequestHeaders().forEach((k, v) -> received.put(k.toLowerCase(), v));
            Answers.send(exchange, 200, exchange.getRequestBody().readAllBytes(), "Content-Type", "application/json");
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Api api(String baseUrl, Duration read) {
        return ProviderHttpClient.builder(Api.class, baseUrl).timeouts(Duration.ofMillis(500), read).details(DETAILS)
                .build();
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void anAnswerAnnouncingMoreThanTheLimitIsRefusedAsMalformedWithoutReadingIt() {
        server.createContext("/json-huge", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, DeadlineClient.MAX_BODY_BYTES + 1L);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write('[');  // and nothing more: a client that waited for the rest would time out
            } catch (IOException e) {
                // the client gave up on it: that is the point
            }
        });
        long start = System.nanoTime();
        assertThatThrownBy(() -> ProviderHttpClient.call(DETAILS, () -> api(baseUrl(), Duration.ofSeconds(20))
                .huge()))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("larger than 32 MiB")
                .hasMessageContaining("bytes announced");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void anAnswerSendingMoreThanTheLimitWithoutALengthIsRefusedAsMalformed() {
        server.createContext("/json-endless", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);  // chunked, no length announced
            byte[] chunk = new byte[1 << 16];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 1_000; i++) {  // 64 MiB, twice the limit
                    out.write(chunk);
                }
            } catch (IOException e) {
                // the client gave up on it: that is the point
            }
        });
        assertThatThrownBy(() -> ProviderHttpClient.call(DETAILS, () -> api(baseUrl(), Duration.ofSeconds(20))
                .endless()))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("larger than 32 MiB")
                .hasMessageContaining("sent");
    }

    @Test
    void aBodyTheServerCompressedUnaskedIsReadInflated() {
        JsonNode answer = ProviderHttpClient.call(DETAILS, () -> api(baseUrl(), Duration.ofSeconds(5)).json());
        assertThat(answer.get("zipped").booleanValue()).isTrue();
    }

    @Test
    void aPostArrivesWithItsHeadersAndBodyAndTheLengthTheJdkComputed() {
        JsonNode answer = ProviderHttpClient.call(DETAILS,
                () -> api(baseUrl(), Duration.ofSeconds(5)).post("t1", "{\"a\":\"\u00e9\"}"));
        assertThat(answer.get("a").textValue()).isEqualTo("\u00e9");
        assertThat(received.get("x-tag")).containsExactly("t1");
        assertThat(received.get("content-type")).containsExactly("application/json");
        assertThat(received.get("content-length")).containsExactly(
                Integer.toString("{\"a\":\"\u00e9\"}".getBytes(StandardCharsets.UTF_8).length));
    }
}
