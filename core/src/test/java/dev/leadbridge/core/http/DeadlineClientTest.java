package dev.leadbridge.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.LeadbridgeException.Reason;
import dev.leadbridge.core.error.ProviderUnavailableException;
import feign.Body;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client under every provider's Feign interface, over real loopback HTTP: requests arrive as Feign built them
 * (headers the JDK sets itself left to it), answers come back whole (an unasked-for gzip body inflated), and an
 * answer that does not arrive in full within the deadline is abandoned and its connection closed.
 */
@Timeout(30)
class DeadlineClientTest {

    private static final ErrorDetails DETAILS = ErrorDetails.of("test", "deadline");

    /** What the test server is asked. */
    interface Api {
        @RequestLine("GET /json")
        JsonNode json();

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
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
            exchange.sendResponseHeaders(200, zipped.size());
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(zipped.toByteArray());
            }
        });
        server.createContext("/echo", exchange -> {
            exchange.getRequestHeaders().forEach((k, v) -> received.put(k.toLowerCase(), v));
            byte[] body = exchange.getRequestBody().readAllBytes();
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

    private Api api(String baseUrl, Duration read) {
        return ProviderHttpClient.builder(Api.class, baseUrl).timeouts(Duration.ofMillis(500), read).details(DETAILS)
                .build();
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
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

    @Test
    void anAnswerThatDripsPastTheDeadlineIsATimeoutAndItsConnectionIsClosed() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CountDownLatch closedByClient = new CountDownLatch(1);
            Thread dripper = new Thread(() -> drip(socket, closedByClient), "dripper");
            dripper.setDaemon(true);
            dripper.start();
            Api api = api("http://127.0.0.1:" + socket.getLocalPort(), Duration.ofMillis(700));
            long start = System.nanoTime();
            assertThatThrownBy(() -> ProviderHttpClient.call(DETAILS, api::json))
                    .isInstanceOfSatisfying(ProviderUnavailableException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                    .hasMessageContaining("deadline of 1.2s");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
            // the exchange was cancelled, not left running: the server's next writes fail
            assertThat(closedByClient.await(10, TimeUnit.SECONDS)).as("the client closed the connection").isTrue();
        }
    }

    /** Answers the one request with headers for a 1,000-byte body, then a byte every 200 ms until it cannot write. */
    private static void drip(ServerSocket socket, CountDownLatch closedByClient) {
        try (Socket client = socket.accept(); InputStream in = client.getInputStream();
             OutputStream out = client.getOutputStream()) {
            int matched = 0;
            byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            while (matched < end.length) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
            }
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < 200; i++) {
                Thread.sleep(200);
                out.write(' ');
                out.flush();
            }
        } catch (IOException e) {
            closedByClient.countDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
