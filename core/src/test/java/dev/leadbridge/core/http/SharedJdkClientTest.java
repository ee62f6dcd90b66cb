package dev.leadbridge.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.ProviderUnavailableException;
import feign.RequestLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Connections share the JDK's HTTP client when their connect timeout and scheme are the same: twenty connections
 * start one selector thread, not twenty. A plain-http connection's client (which refuses TLS) is never given to an
 * https one. The timeouts here are odd values no other test of this JVM uses, so the clients are new.
 */
@Timeout(30)
class SharedJdkClientTest {

    /** What the test server is asked. */
    interface Api {
        @RequestLine("GET /json")
        JsonNode json();
    }

    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/json", exchange -> Answers.send(exchange, 200,
                "{\"ok\":true}".getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Api api(String scheme, Duration connect, int n) {
        return ProviderHttpClient.builder(Api.class, scheme + "://127.0.0.1:" + server.getAddress().getPort())
                .timeouts(connect, Duration.ofSeconds(5)).details(ErrorDetails.of("test", "shared-" + n)).build();
    }

    @Test
    void twentyConnectionsWithTheSameTimeoutsStartOneSelectorThread() {
        long before = selectorThreads();
        List<Api> connections = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            connections.add(api("http", Duration.ofMillis(1_777), i));
        }
        for (Api connection : connections) {
            assertThat(connection.json().get("ok").booleanValue()).isTrue();
        }
        // one new client at most (another test's clients may have ended meanwhile): one per connection would be 20
        assertThat(selectorThreads()).isLessThanOrEqualTo(before + 1);
    }

    @Test
    void anHttpsConnectionNeverGetsThePlainHttpClientOfTheSameTimeouts() throws IOException {
        Api plain = api("http", Duration.ofMillis(9_779), 1);
        assertThat(plain.json().get("ok").booleanValue()).isTrue();
        // a server that answers the client's first bytes in plain text and waits for it to hang up: a TLS client
        // reads that as a broken handshake, while the plain-http client would refuse to start TLS at all (answering
        // before the client spoke, and closing at once, sometimes left the JDK's handshake waiting until its timeout)
        try (ServerSocket plainText = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                try (Socket s = plainText.accept(); InputStream in = s.getInputStream();
                     OutputStream out = s.getOutputStream()) {
                    s.setSoTimeout(60_000);
                    if (in.read() >= 0) {
                        out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        in.transferTo(OutputStream.nullOutputStream());  // until the client closes
                    }
                } catch (IOException e) {
                    // the test's own assertion tells what went wrong
                }
            }, "plain-text-server");
            answering.setDaemon(true);
            answering.start();
            Api secure = ProviderHttpClient.builder(Api.class, "https://127.0.0.1:" + plainText.getLocalPort())
                    .timeouts(Duration.ofMillis(9_779), Duration.ofSeconds(20))
                    .details(ErrorDetails.of("test", "shared-2")).build();
            ProviderUnavailableException e = catchThrowableOfType(ProviderUnavailableException.class,
                    () -> ProviderHttpClient.call(ErrorDetails.of("test", "shared-2"), secure::json));
            assertThat(e).hasRootCauseInstanceOf(SSLException.class);
        }
    }

    private static long selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager"))
                .count();
    }
}
