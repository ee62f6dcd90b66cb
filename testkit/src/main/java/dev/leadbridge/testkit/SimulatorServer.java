package dev.leadbridge.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The loopback HTTP server under every simulator: WireMock with one catch-all stub whose answer is
 * computed by {@link #handle(SimRequest)}, after any fault a test queued through {@link #faults()}.
 * Subclasses hold the stateful fake of one provider's API.
 */
public abstract class SimulatorServer implements AutoCloseable {

    /** Shared JSON mapper for simulators; thread-safe once configured. */
    protected static final ObjectMapper JSON = new ObjectMapper();

    private static final int JOURNAL_LIMIT = 10_000;

    private final FaultInjector faults = new FaultInjector();
    private final AtomicLong requestCount = new AtomicLong();
    private final ConcurrentLinkedDeque<SimRequest> journal = new ConcurrentLinkedDeque<>();
    private final WireMockServer server;

    /** Starts the server on a random loopback port. */
    protected SimulatorServer() {
        String transformerName = "leadbridge-simulator-" + System.identityHashCode(this);
        server = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .containerThreads(64)
                .asynchronousResponseEnabled(true)
                .asynchronousResponseThreads(32)
                .disableRequestJournal()
                .stubRequestLoggingDisabled(true)  // it serialised every answer, body included: a quarter of the CPU
                .extensions(new Dispatcher(transformerName)));
        server.stubFor(WireMock.any(WireMock.anyUrl())
                .willReturn(WireMock.aResponse().withTransformers(transformerName)));
        server.start();
    }

    /** Computes the simulator's answer to one request; called concurrently. */
    protected abstract SimResponse handle(SimRequest request);

    /** The root URL of the server, e.g. {@code http://127.0.0.1:53711}, without a trailing slash. */
    public String rootUrl() {
        return "http://127.0.0.1:" + server.port();
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

    /** Forgets the request journal and the count (state and faults stay). */
    public void resetRequests() {
        journal.clear();
        requestCount.set(0);
    }

    @Override
    public void close() {
        server.stop();
    }

    private ResponseDefinition answer(Request wireRequest) {
        SimRequest request = toSimRequest(wireRequest);
        requestCount.incrementAndGet();
        journal.addLast(request);
        while (journal.size() > JOURNAL_LIMIT) {
            journal.pollFirst();
        }
        Fault fault = faults.take(request);
        long latencyMillis = faults.latency().toMillis();
        ResponseDefinitionBuilder builder;
        if (fault instanceof Fault.Respond respond) {
            builder = toBuilder(respond.response());
        } else if (fault instanceof Fault.Wire wire) {
            builder = ResponseDefinitionBuilder.responseDefinition().withFault(wire.fault());
        } else {
            SimResponse response;
            try {
                response = handle(request);
            } catch (RuntimeException e) {
                response = SimResponse.json(500, "{\"error\":\"simulator failure: "
                        + String.valueOf(e.getMessage()).replace("\"", "'") + "\"}");
            }
            builder = toBuilder(response);
            if (fault instanceof Fault.Delay delay) {
                latencyMillis += delay.delay().toMillis();
            }
        }
        if (latencyMillis > 0) {
            builder.withFixedDelay((int) Math.min(Integer.MAX_VALUE, latencyMillis));
        }
        return builder.build();
    }

    private static ResponseDefinitionBuilder toBuilder(SimResponse response) {
        ResponseDefinitionBuilder builder = ResponseDefinitionBuilder.responseDefinition()
                .withStatus(response.status());
        boolean hasContentType = false;
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            builder.withHeader(header.getKey(), header.getValue());
            hasContentType |= header.getKey().equalsIgnoreCase("Content-Type");
        }
        if (!hasContentType) {
            builder.withHeader("Content-Type", "application/json");
        }
        if (response.body() != null && !response.body().isEmpty()) {
            builder.withBody(response.body());
        }
        return builder;
    }

    private static SimRequest toSimRequest(Request request) {
        String url = request.getUrl();
        int q = url.indexOf('?');
        String rawPath = q < 0 ? url : url.substring(0, q);
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (q >= 0 && q + 1 < url.length()) {
            for (String pair : url.substring(q + 1).split("&")) {
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
        for (HttpHeader header : request.getHeaders().all()) {
            headers.computeIfAbsent(header.key().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .addAll(header.values());
        }
        String body = request.getBody() == null ? "" : new String(request.getBody(), StandardCharsets.UTF_8);
        query.replaceAll((k, v) -> Collections.unmodifiableList(v));
        headers.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return new SimRequest(request.getMethod().getName().toUpperCase(Locale.ROOT), rawPath,
                Collections.unmodifiableMap(query), Collections.unmodifiableMap(headers), body);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private final class Dispatcher implements ResponseDefinitionTransformerV2 {
        private final String name;

        Dispatcher(String name) {
            this.name = name;
        }

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            return answer(serveEvent.getRequest());
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return name;
        }
    }
}
