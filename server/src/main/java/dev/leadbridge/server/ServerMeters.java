package dev.leadbridge.server;

import dev.leadbridge.store.StoreException;
import dev.leadbridge.store.SyncReport.ConnectionReport;
import dev.leadbridge.store.WebhookInbox;
import dev.leadbridge.store.WebhookInbox.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;

/**
 * Leadbridge's own meters of the server, next to the Resilience4j and Caffeine meters of each connection:
 * webhook answers by connection and outcome, the acknowledgement latency, inbox rows by status, sync runs and
 * leads by connection.
 */
final class ServerMeters {

    private final MeterRegistry registry;

    ServerMeters(MeterRegistry registry, WebhookInbox inbox) {
        this.registry = registry;
        for (Status status : Status.values()) {
            String name = status.name().toLowerCase(Locale.ROOT);
            Gauge.builder("leadbridge.webhook.inbox.events", inbox, i -> count(i, status))
                    .description("Rows of webhook_events by status").tag("status", name).register(registry);
        }
    }

    private static double count(WebhookInbox inbox, Status status) {
        try {
            return inbox.count(status);
        } catch (StoreException e) {
            return Double.NaN;
        }
    }

    /** One webhook answered: {@code outcome} is recorded, duplicate, invalid, unauthenticated, ... */
    void answer(String connection, String outcome) {
        Counter.builder("leadbridge.webhook.deliveries").description("Webhook deliveries by answer")
                .tag("connection", connection == null ? "(unknown)" : connection).tag("outcome", outcome)
                .register(registry).increment();
    }

    /** A delivery acknowledged after {@code startedNanos}. */
    void ack(String connection, long startedNanos) {
        Timer.builder("leadbridge.webhook.ack").description("Time from request to acknowledgement (event committed)")
                .tag("connection", connection).publishPercentiles(0.5, 0.99).register(registry)
                .record(Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    /** An event's processing ended with {@code status}. */
    void processed(String connection, Status status) {
        Counter.builder("leadbridge.webhook.processed").description("Webhook events processed by resulting status")
                .tag("connection", connection).tag("status", status.name().toLowerCase(Locale.ROOT))
                .register(registry).increment();
    }

    /** One connection's sync run. */
    void sync(ConnectionReport r) {
        Counter.builder("leadbridge.sync.runs").description("Sync runs by connection and outcome")
                .tag("connection", r.connection()).tag("outcome", r.outcome().column()).register(registry)
                .increment();
        leads(r.connection(), "new", r.leadsNew());
        leads(r.connection(), "updated", r.updated());
        leads(r.connection(), "deleted", r.deleted());
    }

    private void leads(String connection, String kind, long count) {
        Counter.builder("leadbridge.sync.leads").description("Leads written by sync").tag("connection", connection)
                .tag("kind", kind).register(registry).increment(count);
    }
}
