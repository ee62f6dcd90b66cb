package dev.leadbridge.store;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.WebhookEvent;
import dev.leadbridge.core.error.InvalidWebhookException;
import dev.leadbridge.core.error.LeadbridgeException;
import dev.leadbridge.core.error.SafeText;
import dev.leadbridge.core.spi.WebhookSecrets;
import dev.leadbridge.store.internal.Dialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
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
 * leaves the row {@code failed} with the error and a time for the next attempt, with an exponential backoff per row;
 * after {@link #DEFAULT_MAX_ATTEMPTS} attempts (see {@link #retries(int, Duration)}) the row stays {@code failed}
 * for good, with the reason. {@link #processPending()} (what a restart calls) gets the lead of every pending or
 * retryable row by id and stores it; {@link #processDue()} (what a service calls on a timer) only those whose time
 * has come.
 *
 * <p>Event keys are scoped by connection: the stored {@code event_key} is {@code <connection>:<provider key>}, so
 * two connections that send the same event id (or the same body) never collide.
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
                        Status status, String error, int attempts, Instant nextAttemptAt) {

        /**
         * An entry that was never processed (no attempts, nothing due): the shape of the first version.
         */
        public Entry(String eventKey, String connection, String eventType, Instant receivedAt, String leadId,
                     Status status, String error) {
            this(eventKey, connection, eventType, receivedAt, leadId, status, error, 0, null);
        }

        /** Whether a failed row will be tried again ({@code false} once it gave up, or when it names no lead). */
        public boolean retryable() {
            return leadId != null && (status == Status.PENDING || status == Status.FAILED && nextAttemptAt != null);
        }
    }

    /** How many times processing is tried before a row stays {@code failed} for good. */
    public static final int DEFAULT_MAX_ATTEMPTS = 8;

    /** The wait before the second attempt; it doubles with each further one (30 s, 1 min, 2 min, ... 1 h at most). */
    public static final Duration DEFAULT_FIRST_BACKOFF = Duration.ofSeconds(30);

    /** The longest wait between two attempts. */
    public static final Duration MAX_BACKOFF = Duration.ofHours(1);

    /** How long a pending row is left to the receiver that recorded it before {@link #processDue()} takes it. */
    static final Duration PENDING_GRACE = Duration.ofMinutes(1);

    private static final String RETRYABLE = "lead_id IS NOT NULL AND (status = 'pending'"
            + " OR (status = 'failed' AND next_attempt_at IS NOT NULL))";

    private final LeadStore store;
    private final Function<String, Optional<LeadProvider>> providers;
    private final int maxAttempts;
    private final Duration firstBackoff;

    private WebhookInbox(LeadStore store, Function<String, Optional<LeadProvider>> providers, int maxAttempts,
                         Duration firstBackoff) {
        this.store = store;
        this.providers = providers;
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
    }

    /**
     * An inbox in {@code store}; events naming only a lead id get it through the connection's provider given by
     * {@code providers} (by connection name; give the opened, resilient ones, so the gets respect the rate budget).
     */
    public static WebhookInbox of(LeadStore store, Function<String, Optional<LeadProvider>> providers) {
        return new WebhookInbox(Objects.requireNonNull(store, "store"), Objects.requireNonNull(providers,
                "providers"), DEFAULT_MAX_ATTEMPTS, DEFAULT_FIRST_BACKOFF);
    }

    /**
     * This inbox with another retry policy: a row is tried at most {@code maxAttempts} times, waiting
     * {@code firstBackoff} before the second attempt and twice as long before each further one (at most
     * {@link #MAX_BACKOFF}).
     *
     * @throws IllegalArgumentException when {@code maxAttempts} is below 1 or the backoff negative
     */
    public WebhookInbox retries(int maxAttempts, Duration firstBackoff) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (Objects.requireNonNull(firstBackoff, "firstBackoff").isNegative()) {
            throw new IllegalArgumentException("firstBackoff must not be negative, was " + firstBackoff);
        }
        return new WebhookInbox(store, providers, maxAttempts, firstBackoff);
    }

    /** The key stored in {@code event_key} for a provider's event key: scoped by connection. */
    public static String storedKey(String connection, String eventKey) {
        return Objects.requireNonNull(connection, "connection") + ":" + Objects.requireNonNull(eventKey, "eventKey");
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
        return insert(storedKey(event.connection(), event.eventKey()), event.connection(), event.eventType(), leadId,
                status,
                event.test() ? "test delivery" : null);
    }

    /**
     * Records several verified events in one transaction (one commit for all: what a receiver under load uses to
     * acknowledge many deliveries at the cost of one), each as {@link #record(WebhookEvent)} would.
     *
     * @return what happened to each event, in order
     * @throws StoreException when the store cannot be written (acknowledge none of them)
     */
    public List<Recorded> recordAll(List<WebhookEvent> events) {
        List<WebhookEvent> all = List.copyOf(events);
        Instant now = store.now();
        return store.transaction("cannot write to", rows -> {
            List<Recorded> results = new ArrayList<>(all.size());
            try (PreparedStatement ps = rows.connection().prepareStatement(INSERT)) {
                for (WebhookEvent event : all) {
                    Status status = event.test() || !event.concernsLead() ? Status.IGNORED : Status.PENDING;
                    String leadId = event.leadNativeId().map(id -> event.connection() + ":" + id).orElse(null);
                    bind(ps, rows.dialect(), storedKey(event.connection(), event.eventKey()), event.connection(),
                            event.eventType(), now, leadId, status, event.test() ? "test delivery" : null);
                    results.add(ps.executeUpdate() == 1 ? Recorded.RECORDED : Recorded.DUPLICATE);
                }
            }
            return results;
        });
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
        return insert(storedKey(connection, "sha256:" + WebhookSecrets.sha256Hex(body == null ? new byte[0] : body)),
                connection, "invalid", null, Status.FAILED, SafeText.message(problem.getMessage()));
    }

    /**
     * Stores the lead of a recorded event (carried, else got by id through the connection's provider) and marks it
     * {@code done}; an event about no lead stays as recorded. A failure marks it {@code failed} with the error and
     * counts an attempt: it is retried by {@link #processDue()} after its backoff (or by {@link #processPending()}),
     * until the last attempt leaves it {@code failed} for good.
     *
     * @return the event's status afterwards
     * @throws StoreException when the store cannot be written at all
     */
    public Status process(WebhookEvent event) {
        Objects.requireNonNull(event, "event");
        if (event.test() || !event.concernsLead()) {
            return Status.IGNORED;
        }
        return store(storedKey(event.connection(), event.eventKey()), event.connection(),
                event.leadNativeId().orElseThrow(), event.lead());
    }

    /**
     * Processes every {@code pending} row and every {@code failed} row that is still retryable, naming a lead,
     * oldest first, getting each lead by id, whatever its backoff: what a restart calls to finish what was
     * acknowledged but not stored. Each try counts as an attempt.
     *
     * @return how many rows are {@code done} now
     * @throws StoreException when the store cannot be read or written
     */
    public int processPending() {
        return retry(entries("WHERE " + RETRYABLE + " ORDER BY received_at, event_key"));
    }

    /**
     * Processes the rows whose time has come: {@code failed} rows whose backoff is over, and {@code pending} rows
     * recorded over a minute ago (left over by a receiver that did not process them). What a service calls on a
     * timer.
     *
     * @return how many rows are {@code done} now
     * @throws StoreException when the store cannot be read or written
     */
    public int processDue() {
        Instant now = store.now();
        return retry(store.transaction("cannot read from", rows -> {
            try (PreparedStatement ps = rows.connection().prepareStatement("SELECT * FROM webhook_events WHERE "
                    + "lead_id IS NOT NULL AND ((status = 'pending' AND received_at <= ?)"
                    + " OR (status = 'failed' AND next_attempt_at <= ?)) ORDER BY received_at, event_key")) {
                rows.dialect().setInstant(ps, 1, now.minus(PENDING_GRACE));
                rows.dialect().setInstant(ps, 2, now);
                return read(ps, rows.dialect());
            }
        }));
    }

    private int retry(List<Entry> entries) {
        int done = 0;
        for (Entry entry : entries) {
            String nativeId = entry.leadId().substring(entry.connection().length() + 1);
            if (store(entry.eventKey(), entry.connection(), nativeId, Optional.empty()) == Status.DONE) {
                done++;
            }
        }
        return done;
    }

    /**
     * The recorded event with this key: the stored (connection-scoped) key, or a provider's event key, in which case
     * the oldest event of any connection with that key is given (use {@link #find(String, String)} to say which
     * connection).
     */
    public Optional<Entry> find(String eventKey) {
        Objects.requireNonNull(eventKey, "eventKey");
        List<Entry> found = entries("WHERE event_key = ?", eventKey);
        if (found.isEmpty()) {
            found = entries("WHERE event_key = connection || ':' || ? ORDER BY received_at", eventKey);
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The event with this provider event key recorded for this connection. */
    public Optional<Entry> find(String connection, String eventKey) {
        List<Entry> found = entries("WHERE event_key = ?", storedKey(connection, eventKey));
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

    /**
     * Processes several recorded events as {@link #process(WebhookEvent)} does, storing every lead and marking every
     * row {@code done} in one transaction (the gets by id, if any, come first, outside it).
     *
     * @return each event's status afterwards, in order
     * @throws StoreException when the store cannot be written at all
     */
    public List<Status> processAll(List<WebhookEvent> events) {
        List<WebhookEvent> all = List.copyOf(events);
        List<Status> results = new ArrayList<>(all.size());
        List<String> keys = new ArrayList<>();
        List<Lead> leads = new ArrayList<>();
        for (WebhookEvent event : all) {
            if (event.test() || !event.concernsLead()) {
                results.add(Status.IGNORED);
                continue;
            }
            String key = storedKey(event.connection(), event.eventKey());
            try {
                leads.add(event.lead().isPresent() ? event.lead().get()
                        : get(event.connection(), event.leadNativeId().orElseThrow()));
                keys.add(key);
                results.add(Status.DONE);
            } catch (StoreException e) {
                throw e;
            } catch (LeadbridgeException | IllegalStateException e) {
                failed(key, SafeText.message(String.valueOf(e.getMessage())));
                results.add(Status.FAILED);
            }
        }
        if (!leads.isEmpty()) {
            saveAndMarkDone(keys, leads);
        }
        return results;
    }

    private Status store(String eventKey, String connection, String nativeId, Optional<Lead> carried) {
        Lead lead;
        try {
            lead = carried.isPresent() ? carried.get() : get(connection, nativeId);
        } catch (StoreException e) {
            throw e;
        } catch (LeadbridgeException | IllegalStateException e) {
            failed(eventKey, SafeText.message(String.valueOf(e.getMessage())));
            return Status.FAILED;
        }
        try {
            saveAndMarkDone(List.of(eventKey), List.of(lead));
        } catch (StoreException e) {
            throw e;
        } catch (LeadbridgeException | IllegalStateException e) {
            failed(eventKey, SafeText.message(String.valueOf(e.getMessage())));
            return Status.FAILED;
        }
        return Status.DONE;
    }

    /** Saves the leads through the sync path and marks their rows done, in one transaction (one commit). */
    private void saveAndMarkDone(List<String> keys, List<Lead> leads) {
        Instant now = store.now();
        store.transaction("cannot write to", rows -> {
            for (Lead lead : leads) {
                rows.write(List.of(lead), Origin.WEBHOOK.column(), now, null);
            }
            try (PreparedStatement ps = rows.connection().prepareStatement("UPDATE webhook_events SET status ="
                    + " 'done', error = NULL, next_attempt_at = NULL WHERE event_key = ?")) {
                for (String key : keys) {
                    ps.setString(1, key);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** Counts a failed attempt: a backoff before the next one, or, after the last, {@code failed} for good. */
    private void failed(String key, String error) {
        Instant now = store.now();
        store.transaction("cannot write to", rows -> {
            int attempts;
            try (PreparedStatement ps = rows.connection().prepareStatement(
                    "SELECT attempts FROM webhook_events WHERE event_key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    attempts = rs.next() ? rs.getInt(1) + 1 : 1;
                }
            }
            boolean last = attempts >= maxAttempts;
            try (PreparedStatement ps = rows.connection().prepareStatement("UPDATE webhook_events SET status ="
                    + " 'failed', error = ?, attempts = ?, next_attempt_at = ? WHERE event_key = ?")) {
                ps.setString(1, last ? "gave up after " + attempts + (attempts == 1 ? " attempt: " : " attempts: ")
                        + error : error);
                ps.setInt(2, attempts);
                rows.dialect().setInstant(ps, 3, last ? null : now.plus(backoff(attempts)));
                ps.setString(4, key);
                return ps.executeUpdate();
            }
        });
    }

    /** The wait after the given number of failed attempts: the first backoff, doubled each time, bounded. */
    Duration backoff(int attempts) {
        Duration wait = firstBackoff;
        for (int i = 1; i < attempts && wait.compareTo(MAX_BACKOFF) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    private Lead get(String connection, String nativeId) {
        LeadProvider provider = providers.apply(connection).orElseThrow(() -> new IllegalStateException(
                "no provider for connection '" + connection + "' to get lead '" + nativeId + "' by id"));
        return provider.getFresh(nativeId);
    }

    private Recorded insert(String key, String connection, String type, String leadId, Status status, String error) {
        Instant now = store.now();
        return store.transaction("cannot write to", rows -> {
            try (PreparedStatement ps = rows.connection().prepareStatement(INSERT)) {
                bind(ps, rows.dialect(), key, connection, type, now, leadId, status, error);
                return ps.executeUpdate() == 1 ? Recorded.RECORDED : Recorded.DUPLICATE;
            }
        });
    }

    private static final String INSERT = "INSERT INTO webhook_events (event_key, connection, event_type,"
            + " received_at, lead_id, status, error) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_key) DO NOTHING";

    private static void bind(PreparedStatement ps, Dialect dialect, String key, String connection, String type,
                             Instant now, String leadId, Status status, String error) throws SQLException {
        ps.setString(1, key);
        ps.setString(2, connection);
        ps.setString(3, type);
        dialect.setInstant(ps, 4, now);
        ps.setString(5, leadId);
        ps.setString(6, status.column());
        ps.setString(7, error);
    }

    private List<Entry> entries(String where, String... parameters) {
        return store.transaction("cannot read from", rows -> {
            List<Entry> found = new ArrayList<>();
            try (PreparedStatement ps = rows.connection().prepareStatement("SELECT * FROM webhook_events " + where)) {
                for (int i = 0; i < parameters.length; i++) {
                    ps.setString(i + 1, parameters[i]);
                }
                found.addAll(read(ps, rows.dialect()));
            }
            return found;
        });
    }

    private static List<Entry> read(PreparedStatement ps, Dialect dialect) throws SQLException {
        List<Entry> found = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                found.add(entry(rs, dialect));
            }
        }
        return found;
    }

    private static Entry entry(ResultSet rs, Dialect dialect) throws SQLException {
        return new Entry(rs.getString("event_key"), rs.getString("connection"), rs.getString("event_type"),
                dialect.getInstant(rs, "received_at"), rs.getString("lead_id"),
                Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), rs.getString("error"),
                rs.getInt("attempts"), dialect.getInstant(rs, "next_attempt_at"));
    }
}
