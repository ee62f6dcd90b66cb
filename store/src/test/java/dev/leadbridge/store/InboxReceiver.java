package dev.leadbridge.store;

import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.WebhookEvent;
import dev.leadbridge.core.api.WebhookReader;
import dev.leadbridge.core.connect.LeadProviders;
import dev.leadbridge.core.error.InvalidWebhookException;
import dev.leadbridge.testkit.webhook.LoopbackReceiver;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * The smallest webhook receiver on the library alone, for end-to-end tests until {@code serve} replaces it: the
 * connection from the path's last segment, verification by {@link LeadProviders#webhooks}, then
 * {@link WebhookInbox#record} before the answer and {@link WebhookInbox#process}. Answers as CANONICAL.md says:
 * 200 recorded (or a duplicate), 401 bad signature or token, 400 not JSON, 404 unknown connection, 200 for a body
 * that is JSON but not the envelope (recorded as failed). A {@link LoopbackReceiver} handler.
 */
final class InboxReceiver implements ToIntFunction<LoopbackReceiver.Request> {

    private final Map<String, WebhookReader> readers;
    private final WebhookInbox inbox;
    private final AtomicInteger lostAcks;
    private final Map<String, Boolean> ackLostOnce = new ConcurrentHashMap<>();

    /**
     * @param connections the receiver's connections (each with its {@code webhook-secret})
     * @param inbox       where events go
     * @param lostAcks    how many first deliveries to record and then answer 503, as if the acknowledgement was lost
     */
    InboxReceiver(List<ConnectionConfig> connections, WebhookInbox inbox, int lostAcks) {
        this.readers = connections.stream().filter(c -> LeadProviders.webhooks(c).isPresent())
                .collect(Collectors.toMap(ConnectionConfig::name, c -> LeadProviders.webhooks(c).orElseThrow()));
        this.inbox = inbox;
        this.lostAcks = new AtomicInteger(lostAcks);
    }

    @Override
    public int applyAsInt(LoopbackReceiver.Request request) {
        WebhookReader reader = readers.get(request.lastSegment());
        if (reader == null || !request.path().equals("/webhooks/" + request.lastSegment())) {
            return 404;
        }
        WebhookEvent event;
        try {
            event = reader.read(request.body(), request.headers(), request.query());
        } catch (InvalidWebhookException e) {
            return switch (e.problem()) {
                case UNAUTHENTICATED -> 401;
                case MALFORMED -> 400;
                case UNEXPECTED_CONTENT -> {
                    inbox.recordInvalid(reader.connection(), request.body(), e);
                    yield 200;
                }
            };
        }
        WebhookInbox.Recorded recorded = inbox.record(event);
        if (recorded == WebhookInbox.Recorded.RECORDED) {
            inbox.process(event);
            if (ackLostOnce.putIfAbsent(event.eventKey(), Boolean.TRUE) == null && lostAcks.getAndDecrement() > 0) {
                return 503;
            }
        }
        return 200;
    }

    /** The readers by connection name, for a test that reads a delivery itself. */
    Optional<WebhookReader> reader(String connection) {
        return Optional.ofNullable(readers.get(connection));
    }
}
