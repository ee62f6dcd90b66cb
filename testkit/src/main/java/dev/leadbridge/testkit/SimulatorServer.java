package dev.leadbridge.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The loopback HTTP server under every simulator: the JDK's own {@link HttpServer} (no dependency), every request
 * answered by {@link #handle(SimRequest)} after any fault a test queued through {@link #faults()}. Subclasses hold
 * the stateful fake of one provider's API.
 */
public abstract class SimulatorServer implements AutoCloseable {

    static {
        // the JDK server writes the status line and headers, then the body: without TCP_NODELAY the body can wait
        // for the delayed ACK of the headers (40 ms a request on Linux). Read once, when the server class loads.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Shared JSON mapper for simulators; thread-safe once configured. */
    protected static final ObjectMapper JSON = new ObjectMapper();

    private static final int JOURNAL_LIMIT = 10_000;
    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final FaultInjector faults = new FaultInjector();
    private final AtomicLong requestCount = new AtomicLong();
    private final ConcurrentLinkedDeque<SimRequest> journal = new ConcurrentLinkedDeque<>();
    private final java.util.concurrent.CopyOnWriteArrayList<Hook> hooks =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService executor;

    /** Starts the server on a random loopback port. */
    protected SimulatorServer() {
        String name = getClass().getSimpleName() + "-" + SERVERS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot start the simulator on a loopback port", e);
        }
        server.createContext("/", this::exchange);
        server.setExecutor(executor);
        server.start();
    }

    /** Computes the simulator's answer to one request; called concurrently. */
    protected abstract SimResponse handle(SimRequest request);

    /** The root URL of the server, e.g. {@code http://127.0.0.1:53711}, without a trailing slash. */
    public String rootUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The faults and latency injected into this simulator. */
    public FaultInjector faults() {
        return faults;
    }

    /** How many requests reached the server since it started. */
    public long requestCount() {
        return requestCount.get();
    }

    /** How many of the last requests (up to 10,000 are kept) match {@code matcher}. */
    public long requestCount(Predicate<SimRequest> matcher) {
        return journal.stream().filter(matcher).count();
    }

    /** The last requests, up to 10,000, oldest first. */
    public List<SimRequest> requests() {
        return List.copyOf(journal);
    }

    /**
     * Runs {@code action} once, right after the simulator computed its answer to the first request matching
     * {@code matcher} and before that answer is sent: lets a test change the state between two requests of one
     * listing, e.g. delete leads after page 1 was read and before page 2 is asked for.
     */
    public void onceAfter(Predicate<SimRequest> matcher, Runnable action) {
        hooks.add(new Hook(matcher, action));
    }

    private record Hook(Predicate<SimRequest> matcher, Runnable action) {
    }

    private void runHooks(SimRequest request) {
        for (Hook hook : hooks) {
            if (hook.matcher().test(request) && hooks.remove(hook)) {
                hook.action().run();
            }
        }
    }

    /** Forgets the request journal and the count (state and faults stay). */
    public void resetRequests() {
        journal.clear();
        requestCount.set(0);
    }

    /** Stops the server at once: connections are closed and answers still delayed are dropped. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void exchange(HttpExchange exchange) {
        try {
            answer(exchange);
        } catch (IOException | RuntimeException e) {
            // the client went away (a timeout, a test closing the server): nothing left to answer
        } finally {
            exchange.close();
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        SimRequest request = toSimRequest(exchange);
        requestCount.incrementAndGet();
        journal.addLast(request);
        while (journal.size() > JOURNAL_LIMIT) {
            journal.pollFirst();
        }
        Fault fault = faults.take(request);
        long latencyMillis = faults.latency().toMillis();
        SimResponse response = null;
        if (fault instanceof Fault.Respond respond) {
            response = respond.response();
        } else if (!(fault instanceof Fault.Wire)) {
            try {
                response = handle(request);
                runHooks(request);
            } catch (RuntimeException e) {
                response = SimResponse.json(500, "{\"error\":\"simulator failure: "
                        + String.valueOf(e.getMessage()).replace("\"", "'") + "\"}");
            }
            if (fault instanceof Fault.Delay delay) {
                latencyMillis += delay.delay().toMillis();
            }
        }
        if (latencyMillis > 0 && !sleep(latencyMillis)) {
            return;
        }
        if (fault instanceof Fault.Wire wire) {
            sendWireFault(exchange, wire.kind());
        } else {
            send(exchange, request, response);
        }
    }

    private static void send(HttpExchange exchange, SimRequest request, SimResponse response) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        boolean hasContentType = false;
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            if (header.getKey().equalsIgnoreCase("Content-Length")) {
                continue;  // the server computes it
            }
            headers.add(header.getKey(), header.getValue());
            hasContentType |= header.getKey().equalsIgnoreCase("Content-Type");
        }
        if (!hasContentType) {
            headers.add("Content-Type", "application/json");
        }
        byte[] body = response.body() == null ? new byte[0] : response.body().getBytes(StandardCharsets.UTF_8);
        int status = response.status();
        boolean noBody = body.length == 0 || request.method().equals("HEAD") || status == 204 || status == 304
                || status < 200;
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /**
     * A broken answer. Closing the exchange before any response byte closes its connection: the client sees the
     * connection end with no answer (the JDK client repeats a GET once when that happens on a pooled connection, as
     * it does after a reset). A malformed answer promises more body than it sends, then closes.
     */
    private static void sendWireFault(HttpExchange exchange, Fault.WireFault kind) throws IOException {
        switch (kind) {
            case CONNECTION_RESET, EMPTY_RESPONSE -> exchange.close();
            case MALFORMED_RESPONSE -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, 4096);
                OutputStream out = exchange.getResponseBody();
                out.write("{\"data\":[{\"id\":\u0000\u0001garbage".getBytes(StandardCharsets.UTF_8));
                out.flush();
                exchange.close();
            }
        }
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static SimRequest toSimRequest(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            }
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            headers.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .addAll(header.getValue());
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        query.replaceAll((k, v) -> Collections.unmodifiableList(v));
        headers.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return new SimRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT), rawPath == null ? "/" : rawPath,
                Collections.unmodifiableMap(query), Collections.unmodifiableMap(headers), body);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
