package dev.leadbridge.server;

import dev.leadbridge.core.api.WebhookEvent;
import dev.leadbridge.core.api.WebhookReader;
import dev.leadbridge.core.error.InvalidWebhookException;
import dev.leadbridge.core.error.SafeText;
import dev.leadbridge.store.StoreException;
import dev.leadbridge.store.WebhookInbox;
import dev.leadbridge.store.WebhookInbox.Recorded;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's routes: {@code POST /webhooks/{connection}}, {@code GET /health}, {@code GET /metrics}. Everything
 * runs on a worker thread (dispatched off the IO thread first). No request URL is ever logged: Nexor's carries the
 * secret in its query.
 */
final class Routes implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(LeadbridgeServer.class);
    private static final String WEBHOOKS = "/webhooks/";

    private final Map<String, WebhookReader> readers;
    private final WebhookInbox inbox;
    private final Scheduler scheduler;
    private final Recorder recorder;
    private final ServerMeters meters;
    private final PrometheusMeterRegistry registry;

    Routes(Map<String, WebhookReader> readers, WebhookInbox inbox, Recorder recorder, Scheduler scheduler,
           ServerMeters meters, PrometheusMeterRegistry registry) {
        this.readers = Map.copyOf(readers);
        this.inbox = inbox;
        this.recorder = recorder;
        this.scheduler = scheduler;
        this.meters = meters;
        this.registry = registry;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        try {
            route(exchange);
        } catch (RuntimeException e) {
            LOG.warn("request failed: {}", SafeText.message(String.valueOf(e.getMessage())));
            if (!exchange.isResponseStarted()) {
                json(exchange, 500, error("internal error"));
            }
        }
    }

    private void route(HttpServerExchange exchange) {
        String path = exchange.getRelativePath();
        if (path.equals("/health")) {
            if (allowed(exchange, "GET")) {
                Scheduler.Health health = scheduler.health();
                json(exchange, health.ok() ? 200 : 503, health.json());
            }
        } else if (path.equals("/metrics")) {
            if (allowed(exchange, "GET")) {
                exchange.setStatusCode(200);
                exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                exchange.getResponseSender().send(registry.scrape(), StandardCharsets.UTF_8);
            }
        } else if (path.startsWith(WEBHOOKS) && path.indexOf('/', WEBHOOKS.length()) < 0
                && path.length() > WEBHOOKS.length()) {
            webhook(exchange, path.substring(WEBHOOKS.length()));
        } else {
            json(exchange, 404, error("not found"));
        }
    }

    private void webhook(HttpServerExchange exchange, String connection) {
        long started = System.nanoTime();
        WebhookReader reader = readers.get(connection);
        if (reader == null) {
            meters.answer(null, "unknown");
            json(exchange, 404, error("no connection '" + SafeText.message(connection) + "' receives webhooks here"
                    + " (unknown, without webhook-secret, or a provider without webhooks)"));
            return;
        }
        if (!allowed(exchange, "POST")) {
            meters.answer(connection, "method");
            return;
        }
        long length = exchange.getRequestContentLength();
        byte[] body = length > LeadbridgeServer.MAX_BODY_BYTES ? null : readAtMost(exchange);
        if (body == null) {
            meters.answer(connection, "too_large");
            exchange.setPersistent(false);   // the rest of the body is never read
            json(exchange, 413, error("the body is over " + LeadbridgeServer.MAX_BODY_BYTES + " bytes"));
            return;
        }
        WebhookEvent event;
        try {
            event = reader.read(body, headers(exchange), query(exchange));
        } catch (InvalidWebhookException e) {
            String message = SafeText.message(String.valueOf(e.getMessage()));
            switch (e.problem()) {
                case UNAUTHENTICATED -> {
                    meters.answer(connection, "unauthenticated");
                    json(exchange, 401, error(message));
                }
                case MALFORMED -> {
                    meters.answer(connection, "malformed");
                    json(exchange, 400, error(message));
                }
                default -> {
                    // authenticated JSON that is not the envelope: kept as failed with the reason, and acknowledged
                    // lest the provider retry it forever (docs/serve.md)
                    Recorded recorded = record(exchange, () -> inbox.recordInvalid(connection, body, e));
                    if (recorded != null) {
                        meters.answer(connection, "invalid");
                        json(exchange, 202, "{\"status\":\"invalid\",\"reason\":" + Json.string(message) + "}");
                        meters.ack(connection, started);
                    }
                }
            }
            return;
        }
        Recorded recorded = record(exchange, () -> recorder.record(event));
        if (recorded == null) {
            return;
        }
        boolean fresh = recorded == Recorded.RECORDED;
        meters.answer(connection, fresh ? "recorded" : "duplicate");
        json(exchange, 200, fresh ? "{\"status\":\"recorded\"}" : "{\"status\":\"duplicate\"}");
        meters.ack(connection, started);
        if (fresh && !event.test() && event.concernsLead()) {
            scheduler.process(event);
        }
    }

    private Recorded record(HttpServerExchange exchange, java.util.function.Supplier<Recorded> write) {
        try {
            return write.get();
        } catch (StoreException e) {
            LOG.warn("cannot record a webhook: {}", SafeText.message(String.valueOf(e.getMessage())));
            json(exchange, 503, error("the store cannot record the event now; deliver it again"));
            return null;
        }
    }

    /** The body, or null when it is over the limit (reading stops there). */
    private static byte[] readAtMost(HttpServerExchange exchange) {
        exchange.startBlocking();
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buffer = new byte[8192];
        try {
            InputStream in = exchange.getInputStream();
            int total = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > LeadbridgeServer.MAX_BODY_BYTES) {
                    return null;
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the request body could not be read", e);
        }
        return out.toByteArray();
    }

    private static boolean allowed(HttpServerExchange exchange, String method) {
        String actual = exchange.getRequestMethod().toString();
        if (actual.equals(method) || method.equals("GET") && exchange.getRequestMethod().equals(Methods.HEAD)) {
            return true;
        }
        exchange.getResponseHeaders().put(Headers.ALLOW, method);
        json(exchange, 405, error(actual + " is not allowed here; use " + method));
        return false;
    }

    private static Map<String, String> headers(HttpServerExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            headers.put(values.getHeaderName().toString(), values.getFirst());
        }
        return headers;
    }

    private static Map<String, String> query(HttpServerExchange exchange) {
        Map<String, String> query = new LinkedHashMap<>();
        for (Map.Entry<String, Deque<String>> e : exchange.getQueryParameters().entrySet()) {
            if (!e.getValue().isEmpty()) {
                query.put(e.getKey(), e.getValue().getFirst());
            }
        }
        return query;
    }

    private static String error(String message) {
        return "{\"error\":" + Json.string(message) + "}";
    }

    private static void json(HttpServerExchange exchange, int status, String json) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(json, StandardCharsets.UTF_8);
    }
}
