package dev.leadbridge.testkit.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ToIntFunction;

/**
 * A webhook receiver for tests, on a random loopback port (the JDK's own HTTP server): every POST is handed to a
 * handler that answers its status code, and every request is kept, in arrival order. A stand-in for
 * {@code leadbridge serve} or a user's endpoint: give its {@link #baseUrl()} to the simulators.
 */
public final class LoopbackReceiver implements AutoCloseable {

    /**
     * One request as received.
     *
     * @param method  the HTTP method
     * @param path    the decoded path, e.g. {@code /webhooks/sim-nexor}
     * @param query   the decoded query parameters (the last value of each)
     * @param headers the headers (first value of each), names as sent
     * @param body    the raw body
     * @param status  the status answered
     */
    public record Request(String method, String path, Map<String, String> query, Map<String, String> headers,
                          byte[] body, int status) {

        /** The body as UTF-8 text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The path's last segment: the connection of a {@code /webhooks/<connection>} URL. */
        public String lastSegment() {
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Request> received = new ArrayList<>();
    private volatile ToIntFunction<Request> handler;

    private LoopbackReceiver(ToIntFunction<Request> handler) {
        this.handler = handler;
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "loopback-receiver");
            t.setDaemon(true);
            return t;
        });
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot start the receiver on a loopback port", e);
        }
        server.createContext("/", this::exchange);
        server.setExecutor(executor);
        server.start();
    }

    /**
     * Starts a receiver whose {@code handler} answers each POST with a status code (it sees the request with status
     * 0). Other methods get 405.
     */
    public static LoopbackReceiver start(ToIntFunction<Request> handler) {
        return new LoopbackReceiver(Objects.requireNonNull(handler, "handler"));
    }

    /** Replaces the handler, e.g. to go "down" (503) and come back. */
    public void handler(ToIntFunction<Request> next) {
        this.handler = Objects.requireNonNull(next, "next");
    }

    /** The base URL, e.g. {@code http://127.0.0.1:53711}, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The requests received so far, oldest first. */
    public List<Request> requests() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    private void exchange(HttpExchange exchange) {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> query = new LinkedHashMap<>();
            String raw = exchange.getRequestURI().getRawQuery();
            if (raw != null) {
                for (String pair : raw.split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        query.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
                    }
                }
            }
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(query), headers, body, 0);
            int status = request.method().equals("POST") ? handler.applyAsInt(request) : 405;
            synchronized (received) {
                received.add(new Request(request.method(), request.path(), request.query(), request.headers(), body,
                        status));
            }
            exchange.sendResponseHeaders(status, -1);
        } catch (IOException | RuntimeException e) {
            // the sender went away, or the handler failed: the connection closes without an answer
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** Stops at once. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
