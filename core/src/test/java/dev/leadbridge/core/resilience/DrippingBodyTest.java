package dev.leadbridge.core.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.error.LeadbridgeException.Reason;
import dev.leadbridge.core.error.ProviderUnavailableException;
import dev.leadbridge.core.cache.CacheSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server that sends its headers at once and then the body one byte per second: the request's overall deadline
 * (connect-timeout 500ms + read-timeout 1s here) ends the call, as a typed timeout naming the connection, and closes
 * the abandoned connection.
 */
@Timeout(20)
class DrippingBodyTest {

    private DripServer server;

    @BeforeEach
    void start() throws IOException {
        server = new DripServer();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void aGetWhoseBodyDripsFailsAsATimeoutNamingTheConnectionWithinItsDeadline() {
        TestProvider provider = provider();
        long start = System.nanoTime();
        ProviderUnavailableException e = catchThrowableOfType(ProviderUnavailableException.class,
                () -> provider.get("L1"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(e.connection()).isEqualTo("drip");
        assertThat(e).hasMessageContaining("timed out").hasMessageContaining("deadline of 1.5s")
                .hasMessageContaining("connection=drip");
        assertThat(e.requestMayHaveReachedServer()).isTrue();
        assertThat(took).isBetween(Duration.ofMillis(1_000), Duration.ofSeconds(4));
    }

    @Test
    void anAnswerAbandonedAtTheDeadlineHasItsConnectionClosedNotLeftRunning() throws InterruptedException {
        TestProvider provider = provider();
        catchThrowableOfType(ProviderUnavailableException.class, () -> provider.get("L1"));
        // the exchange was cancelled: the server's next writes fail, within a few of its one-second drips
        assertThat(server.closedByClient.await(10, TimeUnit.SECONDS)).as("the client closed the connection").isTrue();
    }

    @Test
    void aListingWhoseBodyDripsFailsAsATimeoutWithinItsDeadline() {
        TestProvider provider = provider();
        long start = System.nanoTime();
        ProviderUnavailableException e = catchThrowableOfType(ProviderUnavailableException.class,
                () -> provider.list(LeadQuery.ALL, 1));
        assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(e).hasMessageContaining("connection=drip");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aDrippingBodyIsRetriedLikeAnyTimeoutAndFailsWhenEveryAttemptDrips() {
        ResilientLeadProvider provider = ResilientLeadProvider.builder(provider())
                .resilience(ResilienceSettings.custom().retryMaxAttempts(2).retryInitialBackoff(Duration.ofMillis(10))
                        .build())
                .cache(CacheSettings.disabled()).build();
        long start = System.nanoTime();
        ProviderUnavailableException e = catchThrowableOfType(ProviderUnavailableException.class,
                () -> provider.list(LeadQuery.ALL, 1));
        assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(server.connections.get()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    }

    private TestProvider provider() {
        return new TestProvider("drip", "http://127.0.0.1:" + server.socket.getLocalPort(), TestSimulator.KEY,
                Duration.ofSeconds(1), Clock.systemUTC());
    }

    /** Answers every request with headers for a 1,000-byte JSON body and then sends one byte per second. */
    static final class DripServer implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final AtomicInteger connections = new AtomicInteger();
        final CountDownLatch closedByClient = new CountDownLatch(1);
        private final Thread acceptor;

        DripServer() throws IOException {
            acceptor = new Thread(this::accept, "drip-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    connections.incrementAndGet();
                    Thread t = new Thread(() -> drip(client, closedByClient), "drip-connection");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void drip(Socket client, CountDownLatch closedByClient) {
            try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
                int matched = 0;
                byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
                while (matched < end.length) {
                    int b = in.read();
                    if (b < 0) {
                        return;
                    }
                    matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
                }
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                for (int i = 0; i < 999; i++) {
                    Thread.sleep(1_000);
                    out.write(' ');
                    out.flush();
                }
            } catch (IOException e) {
                closedByClient.countDown();  // the client gave up and closed the connection: that is the point
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
