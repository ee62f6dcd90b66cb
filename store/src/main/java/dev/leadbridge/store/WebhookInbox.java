package dev.leadbridge.store;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.WebhookEvent;
import dev.leadbridge.core.error.InvalidWebhookException;
import dev.leadbridge.core.error.LeadbridgeException;
import dev.leadbridge.core.error.SafeText;
import dev.leadbridge.core.spi.WebhookSecrets;
import dev.leadbridge.store.internal.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The durable inbox of webhook events, in the store's {@code webhook_events} table (same database as the leads).
 * A receiver {@link #record(WebhookEvent) records} a verified event in its own transaction <em>before</em> it
 * acknowledges the delivery, then {@link #process(WebhookEvent) processes} it: the lead it carries (or gets by id)
 * is saved through {@link LeadStore#save(Lead, Origin)}, the same path as a sync (never an older version over a newer
 * one), with origin {@code webhook}. A repeated delivery (same event key) changes nothing. Processing that fails
 * leaves the row {@code failed} with the error; {@link #processPending()} (what a restart calls) gets the lead of
 * every pending or failed row by id and stores it.
 *
 * <p>Statuses: {@code pending} (recorded, not yet stored), {@code done} (the lead is stored), {@code ignored} (a test
 * delivery, or an event about no lead), {@code failed} (processing failed: {@code error} says why; retried when the
 * row names a lead). Thread-safe, as the store.
 */
public final class WebhookInbox {

    /** What {@link #record(WebhookEvent)} did. */
    public enum Recorded {
        /** The event is new and now recorded: acknowledge it. */
        RECORDED,
        /** The event key was already recorded (a repeated delivery): acknowledge it, nothing changed. */
        DUPLICATE
    }

    /** The status of a recorded event. */
    public enum Status {
        /** Recorded; its lead is not stored yet. */
        PENDING,
        /** Its lead is stored. */
        DONE,
        /** A test delivery or an event about no lead: nothing to store. */
        IGNORED,
        /** Processing failed; the error says why. */
        FAILED;

        /** The column value, lower case. */
        String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One row of {@code webhook_events}.
     *
     * @param eventKey   the dedupe key
     * @param connection the connection
     * @param eventType  the provider's event type ({@code invalid} for a delivery that was not the envelope)
     * @param receivedAt when it was recorded
     * @param leadId     the global id of the lead it concerns, or null
     * @param status     where it stands
     * @param error      why processing failed, or null
     */
    public record Entry(String eventKey, String connection, String eventType, Instant receivedAt, String leadId,
                        Status status, String error) {
    }

    private final LeadStore store;
    private final Function<String, Optional<LeadProvider>> providers;

    private WebhookInbox(LeadStore store, Function<String, Optional<LeadProvider>> providers) {
        this.store = store;
        this.providers = providers;
    }

    /**
     * An inbox in {@code store}; events naming only a lead id get it through the connection's provider given by
     * {@code providers} (by connection name; give the opened, resilient ones, so the gets respect the rate budget).
     */
    public static WebhookInbox of(LeadStore store, Function<String, Optional<LeadProvider>> providers) {
        return new WebhookInbox(Objects.requireNonNull(store, "store"), Objects.requireNonNull(providers,
                "providers"));
    }

    /**
     * Records a verified event in its own transaction: {@code ignored} for a test delivery or an event about no lead,
     * else {@code pending}. Call before acknowledging the delivery.
     *
     * @return {@link Recorded#DUPLICATE} when the key was already recorded (nothing changed)
     * @throws StoreException when the store cannot be written (do not acknowledge)
     */
    public Recorded record(WebhookEvent event) {
        Objects.requireNonNull(event, "event");
        Status status = event.test() || !event.concernsLead() ? Status.IGNORED : Status.PENDING;
        String leadId = event.leadNativeId().map(id -> event.connection() + ":" + id).orElse(null);
        return insert(event.eventKey(), event.connection(), event.eventType(), leadId, status,
                event.test() ? "test delivery" : null);
    }

    /**
     * Records a delivery that was authenticated JSON but not the documented envelope as {@code failed} with the
     * reason (keyed by {@code sha256:<hex>} of the body, so its repetitions are duplicates), for receivers that
     * acknowledge such deliveries lest the provider retry them forever. It is never retried.
     *
     * @throws StoreException when the store cannot be written
     */
    public Recorded recordInvalid(String connection, byte[] body, InvalidWebhookException problem) {
        Objects.requireNonNull(connection, "connection");
        return insert("sha256:" + WebhookSecrets.sha256Hex(body == null ? new byte[0] : body), connection,
                "invalid", null, Status.FAILED, SafeText.message(problem.getMessage()));
    }

    /**
     * Stores the lead of a recorded event (carried, else got by id through the connection's provider) and marks it
     * {@code done}; an event about no lead stays as recorded. A failure marks it {@code failed} with the error,
     * to be retried by {@link #processPending()}.
     *
     * @return the event's status afterwards
     * @throws StoreException when the store cannot be written at all
     */
    public Status process(WebhookEvent event) {
        Objects.requireNonNull(event, "event");
        if (event.test() || !event.concernsLead()) {
            return Status.IGNORED;
        }
        return store(event.eventKey(), event.connection(), event.leadNativeId().orElseThrow(), event.lead());
    }

    /**
     * Processes every {@code pending} or {@code failed} row that names a lead, oldest first, getting each lead by id:
     * what a restart calls to finish what was acknowledged but not stored.
     *
     * @return how many rows are {@code done} now
     * @throws StoreException when the store cannot be read or written
     */
    public int processPending() {
        int done = 0;
        for (Entry entry : entries("WHERE status IN ('pending', 'failed') AND lead_id IS NOT NULL"
                + " ORDER BY received_at, event_key")) {
            String nativeId = entry.leadId().substring(entry.connection().length() + 1);
            if (store(entry.eventKey(), entry.connection(), nativeId, Optional.empty()) == Status.DONE) {
                done++;
            }
        }
        return done;
    }

    /** The recorded event with this key. */
    public Optional<Entry> find(String eventKey) {
        Objects.requireNonNull(eventKey, "eventKey");
        List<Entry> found = entries("WHERE event_key = ?", eventKey);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** How many recorded events have this status. */
    public long count(Status status) {
        return store.transaction("cannot read from", rows -> {
            try (PreparedStatement ps = rows.connection().prepareStatement(
                    "SELECT COUNT(*) FROM webhook_events WHERE status = ?")) {
                ps.setString(1, status.column());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private Status store(String eventKey, String connection, String nativeId, Optional<Lead> carried) {
        Lead lead;
        try {
            lead = carried.isPresent() ? carried.get() : get(connection, nativeId);
            store.save(lead, Origin.WEBHOOK);
        } catch (StoreException e) {
            throw e;
        } catch (LeadbridgeException | IllegalStateException e) {
            mark(eventKey, Status.FAILED, SafeText.message(String.valueOf(e.getMessage())));
            return Status.FAILED;
        }
        mark(eventKey, Status.DONE, null);
        return Status.DONE;
    }

    private Lead get(String connection, String nativeId) {
        LeadProvider provider = providers.apply(connection).orElseThrow(() -> new IllegalStateException(
                "no provider for connection '" + connection + "' to get lead '" + nativeId + "' by id"));
        return provider.get(nativeId);
    }

    private Recorded insert(String key, String connection, String type, String leadId, Status status, String error) {
        Instant now = store.now();
        return store.transaction("cannot write to", rows -> {
            Connection c = rows.connection();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhook_events (event_key, connection,"
                    + " event_type, received_at, lead_id, status, error) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (event_key) DO NOTHING")) {
                ps.setString(1, key);
                ps.setString(2, connection);
                ps.setString(3, type);
                rows.dialect().setInstant(ps, 4, now);
                ps.setString(5, leadId);
                ps.setString(6, status.column());
                ps.setString(7, error);
                return ps.executeUpdate() == 1 ? Recorded.RECORDED : Recorded.DUPLICATE;
            }
        });
    }

    private void mark(String key, Status status, String error) {
        store.transaction("cannot write to", rows -> {
            try (PreparedStatement ps = rows.connection().prepareStatement(
                    "UPDATE webhook_events SET status = ?, error = ? WHERE event_key = ?")) {
                ps.setString(1, status.column());
                ps.setString(2, error);
                ps.setString(3, key);
                return ps.executeUpdate();
            }
        });
    }

    private List<Entry> entries(String where, String... parameters) {
        return store.transaction("cannot read from", rows -> {
            List<Entry> found = new ArrayList<>();
            try (PreparedStatement ps = rows.connection().prepareStatement("SELECT * FROM webhook_events " + where)) {
                for (int i = 0; i < parameters.length; i++) {
                    ps.setString(i + 1, parameters[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(entry(rs, rows.dialect()));
                    }
                }
            }
            return found;
        });
    }

    private static Entry entry(ResultSet rs, Dialect dialect) throws SQLException {
        return new Entry(rs.getString("event_key"), rs.getString("connection"), rs.getString("event_type"),
                dialect.getInstant(rs, "received_at"), rs.getString("lead_id"),
                Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), rs.getString("error"));
    }
}
