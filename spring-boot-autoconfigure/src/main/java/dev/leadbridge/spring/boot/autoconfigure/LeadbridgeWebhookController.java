package dev.leadbridge.spring.boot.autoconfigure;

import dev.leadbridge.core.api.WebhookEvent;
import dev.leadbridge.core.api.WebhookReader;
import dev.leadbridge.core.error.InvalidWebhookException;
import dev.leadbridge.store.StoreException;
import dev.leadbridge.store.WebhookInbox;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webhook endpoint as a Spring MVC handler: {@code POST {leadbridge.webhooks.path:/webhooks}/{connection}},
 * answering as {@code leadbridge serve} does (CANONICAL.md, "Webhooks"): 200 only once the event is recorded in the
 * {@link WebhookInbox} (a repeated delivery is acknowledged and changes nothing); 401 for a missing or wrong signature
 * or token, with nothing stored; 400 for a body that is not JSON; 404 for a connection that receives no webhooks;
 * 405 for other methods (Spring MVC); 413 for a body over 1 MiB, found by reading at most that much, whatever
 * {@code Content-Length} says; JSON that is not the provider's envelope is recorded as failed and acknowledged; 503
 * when the store cannot record it (the provider retries). The event's lead is stored afterwards by the
 * {@link LeadbridgeWebhookProcessor}. No secret, signature or token is ever logged or answered.
 */
@RestController
@RequestMapping("${leadbridge.webhooks.path:/webhooks}")
public class LeadbridgeWebhookController {

    /** The largest body accepted: 1 MiB. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private static final System.Logger LOG = System.getLogger(LeadbridgeWebhookController.class.getName());

    private final Map<String, WebhookReader> readers;
    private final WebhookInbox inbox;
    private final LeadbridgeWebhookProcessor processor;

    /**
     * An endpoint for these connections.
     *
     * @param readers   the reader of each connection that receives webhooks, by connection name
     * @param inbox     where deliveries are recorded
     * @param processor what stores the lead of each recorded event
     */
    public LeadbridgeWebhookController(Map<String, WebhookReader> readers, WebhookInbox inbox,
                                       LeadbridgeWebhookProcessor processor) {
        this.readers = Map.copyOf(readers);
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.processor = Objects.requireNonNull(processor, "processor");
    }

    /** The connections whose webhooks this endpoint receives. */
    public java.util.Set<String> connections() {
        return readers.keySet();
    }

    /**
     * Receives one delivery for {@code connection}.
     *
     * @throws IOException when the request cannot be read or the answer written
     */
    @PostMapping("/{connection}")
    public void receive(@PathVariable("connection") String connection, HttpServletRequest request,
                        HttpServletResponse response) throws IOException {
        WebhookReader reader = readers.get(connection);
        if (reader == null) {
            answer(response, HttpServletResponse.SC_NOT_FOUND, "error", "no connection '" + connection
                    + "' receives webhooks here");
            return;
        }
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            answer(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "error", "the body is over 1 MiB");
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            answer(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "error", "the body is over 1 MiB");
            return;
        }
        WebhookEvent event;
        try {
            event = reader.read(body, headers(request), query(request.getQueryString()));
        } catch (InvalidWebhookException e) {
            switch (e.problem()) {
                case UNAUTHENTICATED -> {
                    LOG.log(System.Logger.Level.DEBUG, "webhook for {0} refused: {1}", connection, e.getMessage());
                    answer(response, HttpServletResponse.SC_UNAUTHORIZED, "error", e.getMessage());
                }
                case MALFORMED -> answer(response, HttpServletResponse.SC_BAD_REQUEST, "error", e.getMessage());
                default -> recorded(response, connection, () -> inbox.recordInvalid(connection, body, e), "invalid");
            }
            return;
        }
        recorded(response, connection, () -> {
            WebhookInbox.Recorded outcome = inbox.record(event);
            if (outcome == WebhookInbox.Recorded.RECORDED) {
                processor.submit(event);
            }
            return outcome;
        }, null);
    }

    private void recorded(HttpServletResponse response, String connection,
                          java.util.function.Supplier<WebhookInbox.Recorded> record, String status)
            throws IOException {
        WebhookInbox.Recorded outcome;
        try {
            outcome = record.get();
        } catch (StoreException e) {
            LOG.log(System.Logger.Level.WARNING, "webhook for {0} not recorded: {1}", connection, e.getMessage());
            answer(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "error",
                    "the event could not be recorded; deliver it again later");
            return;
        }
        answer(response, HttpServletResponse.SC_OK, "status", outcome == WebhookInbox.Recorded.DUPLICATE
                ? "duplicate" : status != null ? status : "recorded");
    }

    private static Map<String, String> headers(HttpServletRequest request) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, request.getHeader(name));
        }
        return headers;
    }

    /**
     * The query parameters, read from the query string itself: asking the servlet for its parameters would read a
     * form-encoded body too, and the body must stay the exact bytes that were signed.
     */
    static Map<String, String> query(String queryString) {
        Map<String, String> query = new LinkedHashMap<>();
        if (queryString == null || queryString.isEmpty()) {
            return query;
        }
        for (String pair : queryString.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                query.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a malformed escape: the parameter is left out, so a token in it does not match
            }
        }
        return query;
    }

    private static void answer(HttpServletResponse response, int status, String key, String value)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"" + key + "\":\"" + json(value) + "\"}");
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
