package dev.leadbridge.store.internal;

import dev.leadbridge.core.Lead;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The SQL of the store's tables on one JDBC connection, inside the caller's transaction: the upsert of leads that
 * never writes an older version over a newer one, the bookkeeping columns, checkpoints and sync runs. Not
 * thread-safe; the caller commits.
 */
public final class LeadRows {

    /** The canonical columns, in binding order (the nested ones are JSON). */
    static final String[] CONTENT = {"connection", "provider", "native_id", "person_key", "name", "first_name",
        "last_name", "email", "phone", "phone_e164", "company", "title", "status", "status_raw", "source", "value",
        "note", "loss_reason", "conversion_name", "attribution", "consent", "campaign", "workflow", "assignee",
        "labels", "custom", "created_at", "updated_at", "qualified_at", "expires_at", "raw", "content_hash"};

    private static final int IN_CHUNK = 500;

    /** The indexed canonical columns an update leaves out when they hold the incoming values already. */
    private static final List<String> KEYS = List.of("connection", "native_id", "person_key");

    /** The write statements of each dialect (by ordinal), built once; updates by [guarded][with keys]. */
    private static final String[] INSERT = new String[Dialect.values().length];
    private static final String[][][] UPDATE = new String[Dialect.values().length][2][2];
    private static final String TOUCH =
            "UPDATE leads SET last_seen_at = ?, last_run_id = ?, deleted_at = NULL WHERE id = ?";

    static {
        for (Dialect d : Dialect.values()) {
            INSERT[d.ordinal()] = insertSql(d);
            for (int guarded = 0; guarded < 2; guarded++) {
                for (int keys = 0; keys < 2; keys++) {
                    UPDATE[d.ordinal()][guarded][keys] = updateSql(d, guarded == 1, keys == 1);
                }
            }
        }
    }

    private final Connection connection;
    private final Dialect dialect;

    /** Works on {@code connection} in {@code dialect}. */
    public LeadRows(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    /** The connection this works on, for other tables of the store in the same transaction. */
    public Connection connection() {
        return connection;
    }

    /** The database's dialect. */
    public Dialect dialect() {
        return dialect;
    }

    /**
     * What the store holds of one lead: enough to decide whether an incoming version is new, newer, the same or older.
     *
     * @param updatedAt   the stored updatedAt, or null
     * @param contentHash the stored content hash
     * @param deleted     whether it is marked deleted
     * @param connection  the stored connection
     * @param nativeId    the stored native id
     * @param personKey   the stored person key, or null
     */
    public record Existing(Instant updatedAt, String contentHash, boolean deleted, String connection,
                           String nativeId, String personKey) {

        /** Whether the indexed columns an update could leave out hold {@code lead}'s values already. */
        boolean sameKeys(Lead lead) {
            return Objects.equals(connection, lead.connection()) && Objects.equals(nativeId, lead.nativeId())
                    && Objects.equals(personKey, lead.personKey());
        }
    }

    /** Counts of one write. */
    public static final class Counts {
        /** Leads inserted. */
        public long inserted;
        /** Leads whose content changed, or that came back from deleted. */
        public long updated;
        /** Leads seen again unchanged, or older than stored. */
        public long unchanged;
    }

    /** The stored state of the leads with these ids (absent ids are missing from the map). */
    public Map<String, Existing> existing(List<String> ids) throws SQLException {
        Map<String, Existing> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
            StringJoiner marks = new StringJoiner(",", "(", ")");
            chunk.forEach(x -> marks.add("?"));
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT id, updated_at, content_hash, deleted_at, connection, native_id, person_key"
                            + " FROM leads WHERE id IN " + marks)) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getString("id"), new Existing(dialect.getInstant(rs, "updated_at"),
                                rs.getString("content_hash"), rs.getObject("deleted_at") != null,
                                rs.getString("connection"), rs.getString("native_id"),
                                rs.getString("person_key")));
                    }
                }
            }
        }
        return found;
    }

    /**
     * Writes leads seen now: new ones are inserted (first seen now, with {@code origin}), changed ones updated
     * (changed now) unless the stored version is newer, and every one of them marked seen now in {@code runId} and
     * not deleted. The same lead twice keeps the newer version.
     */
    public Counts write(List<Lead> leads, String origin, Instant now, Long runId) throws SQLException {
        Map<String, Lead> byId = new LinkedHashMap<>();
        for (Lead lead : leads) {
            Lead before = byId.get(lead.id());
            if (before == null || !older(lead.updatedAt(), before.updatedAt())) {
                byId.put(lead.id(), lead);
            }
        }
        Map<String, Existing> existing = existing(new ArrayList<>(byId.keySet()));
        Counts counts = new Counts();
        // each statement is prepared only when the batch needs it: a batch of new leads prepares the insert alone.
        // An update leaves the indexed key columns out when they are unchanged (the usual case), so that SQLite
        // does not rewrite those index entries: it maintains every index whose column is SET, same value or not.
        String[][] updates = UPDATE[dialect.ordinal()];
        Batch[][] update = {{new Batch(updates[0][0]), new Batch(updates[0][1])},
            {new Batch(updates[1][0]), new Batch(updates[1][1])}};
        try (Batch insert = new Batch(INSERT[dialect.ordinal()]);
             Batch u00 = update[0][0]; Batch u01 = update[0][1]; Batch u10 = update[1][0]; Batch u11 = update[1][1];
             Batch touch = new Batch(TOUCH)) {
            for (Lead lead : byId.values()) {
                LeadCodec.Encoded enc = LeadCodec.encode(lead);
                Existing was = existing.get(lead.id());
                if (was == null) {
                    PreparedStatement ps = insert.statement();
                    int i = bindContent(ps, 1, lead, enc, true);
                    ps.setString(i++, lead.id());
                    dialect.setInstant(ps, i++, now);
                    dialect.setInstant(ps, i++, now);
                    dialect.setInstant(ps, i++, now);
                    ps.setString(i++, origin);
                    setRun(ps, i, runId);
                    ps.addBatch();
                    counts.inserted++;
                } else if (older(lead.updatedAt(), was.updatedAt()) || enc.contentHash().equals(was.contentHash())) {
                    PreparedStatement ps = touch.statement();
                    dialect.setInstant(ps, 1, now);
                    setRun(ps, 2, runId);
                    ps.setString(3, lead.id());
                    ps.addBatch();
                    if (was.deleted()) {
                        counts.updated++;
                    } else {
                        counts.unchanged++;
                    }
                } else {
                    boolean keys = !was.sameKeys(lead);
                    PreparedStatement ps = update[lead.updatedAt() == null ? 0 : 1][keys ? 1 : 0].statement();
                    int i = bindContent(ps, 1, lead, enc, keys);
                    dialect.setInstant(ps, i++, now);
                    dialect.setInstant(ps, i++, now);
                    setRun(ps, i++, runId);
                    ps.setString(i++, lead.id());
                    if (lead.updatedAt() != null) {
                        dialect.setInstant(ps, i, lead.updatedAt());
                    }
                    ps.addBatch();
                    counts.updated++;
                }
            }
            insert.execute();
            u00.execute();
            u01.execute();
            u10.execute();
            u11.execute();
            touch.execute();
        }
        return counts;
    }

    /** One statement of a write, prepared on first use and executed as a batch. */
    private final class Batch implements AutoCloseable {
        private final String sql;
        private PreparedStatement statement;

        Batch(String sql) {
            this.sql = sql;
        }

        PreparedStatement statement() throws SQLException {
            if (statement == null) {
                statement = connection.prepareStatement(sql);
            }
            return statement;
        }

        void execute() throws SQLException {
            if (statement != null) {
                statement.executeBatch();
            }
        }

        @Override
        public void close() throws SQLException {
            if (statement != null) {
                statement.close();
            }
        }
    }

    /** Marks a lead deleted now unless it already is; true when it was marked. */
    public boolean markDeleted(String id, Instant now) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE leads SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL")) {
            dialect.setInstant(ps, 1, now);
            ps.setString(2, id);
            return ps.executeUpdate() > 0;
        }
    }

    /**
     * Up to {@code limit} native ids of a connection's leads not marked deleted, in native-id order (the database's),
     * after {@code after} when given: one chunk of a keyset walk, so a caller never holds every id of a large
     * connection. When {@code notSeenInRun} is given, only the leads not seen in that run.
     */
    public List<String> livingNativeIds(String conn, Long notSeenInRun, String after, int limit)
            throws SQLException {
        String sql = "SELECT native_id FROM leads WHERE connection = ? AND deleted_at IS NULL"
                + (notSeenInRun == null ? "" : " AND (last_run_id IS NULL OR last_run_id <> ?)")
                + (after == null ? "" : " AND native_id > ?") + " ORDER BY native_id LIMIT ?";
        List<String> ids = new ArrayList<>(Math.min(limit, IN_CHUNK));
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, conn);
            if (notSeenInRun != null) {
                ps.setLong(i++, notSeenInRun);
            }
            if (after != null) {
                ps.setString(i++, after);
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    /** The checkpoint text of a connection, or null. */
    public String checkpoint(String conn) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT checkpoint FROM sync_state WHERE connection = ?")) {
            ps.setString(1, conn);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Saves a connection's checkpoint. */
    public void saveCheckpoint(String conn, String checkpoint, Instant now) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO sync_state (connection, checkpoint,"
                + " updated_at) VALUES (?, ?, ?) ON CONFLICT (connection) DO UPDATE SET checkpoint ="
                + " excluded.checkpoint, updated_at = excluded.updated_at")) {
            ps.setString(1, conn);
            ps.setString(2, checkpoint);
            dialect.setInstant(ps, 3, now);
            ps.executeUpdate();
        }
    }

    /** Starts a sync run row; returns its id. */
    public long startRun(String conn, String mode, Instant now) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO sync_runs (connection, mode,"
                + " started_at) VALUES (?, ?, ?) RETURNING id")) {
            ps.setString(1, conn);
            ps.setString(2, mode);
            dialect.setInstant(ps, 3, now);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Finishes a sync run row. */
    public void finishRun(long runId, String outcome, long inserted, long updated, long deleted, long requests,
                          String error, Instant now) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE sync_runs SET finished_at = ?, outcome = ?,"
                + " leads_new = ?, leads_updated = ?, leads_deleted = ?, requests = ?, error = ? WHERE id = ?")) {
            dialect.setInstant(ps, 1, now);
            ps.setString(2, outcome);
            ps.setLong(3, inserted);
            ps.setLong(4, updated);
            ps.setLong(5, deleted);
            ps.setLong(6, requests);
            ps.setString(7, error);
            ps.setLong(8, runId);
            ps.executeUpdate();
        }
    }

    /** Reads the canonical lead of the current row. */
    public Lead lead(ResultSet rs) throws SQLException {
        return new Lead(rs.getString("id"), rs.getString("connection"), rs.getString("provider"),
                rs.getString("native_id"), rs.getString("person_key"), rs.getString("name"),
                rs.getString("first_name"), rs.getString("last_name"), rs.getString("email"), rs.getString("phone"),
                rs.getString("phone_e164"), rs.getString("company"), rs.getString("title"),
                LeadCodec.status(rs.getString("status")), rs.getString("status_raw"), rs.getString("source"),
                dialect.getDecimal(rs, "value"), rs.getString("note"), rs.getString("loss_reason"),
                rs.getString("conversion_name"), LeadCodec.attribution(rs.getString("attribution")),
                LeadCodec.consent(rs.getString("consent")), LeadCodec.reference(rs.getString("campaign")),
                LeadCodec.reference(rs.getString("workflow")), LeadCodec.reference(rs.getString("assignee")),
                LeadCodec.labels(rs.getString("labels")), LeadCodec.custom(rs.getString("custom")),
                dialect.getInstant(rs, "created_at"), dialect.getInstant(rs, "updated_at"),
                dialect.getInstant(rs, "qualified_at"), dialect.getInstant(rs, "expires_at"),
                LeadCodec.raw(rs.getString("raw")));
    }

    private static String insertSql(Dialect dialect) {
        StringJoiner cols = new StringJoiner(", ");
        StringJoiner vals = new StringJoiner(", ");
        for (String c : CONTENT) {
            cols.add(c);
            vals.add(placeholder(dialect, c));
        }
        return "INSERT INTO leads (" + cols + ", id, first_seen_at, last_seen_at, changed_at, origin, last_run_id)"
                + " VALUES (" + vals + ", ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
    }

    private static String updateSql(Dialect dialect, boolean guarded, boolean keys) {
        StringJoiner sets = new StringJoiner(", ");
        for (String c : CONTENT) {
            if (keys || !KEYS.contains(c)) {
                sets.add(c + " = " + placeholder(dialect, c));
            }
        }
        return "UPDATE leads SET " + sets + ", last_seen_at = ?, changed_at = ?, deleted_at = NULL, last_run_id = ?"
                + " WHERE id = ?" + (guarded ? " AND (updated_at IS NULL OR updated_at <= ?)" : "");
    }

    private static String placeholder(Dialect dialect, String column) {
        return switch (column) {
            case "attribution", "consent", "campaign", "workflow", "assignee", "labels", "custom", "raw" ->
                    dialect.json();
            default -> "?";
        };
    }

    /** Binds the {@link #CONTENT} columns from {@code start}, without {@link #KEYS} unless {@code keys}. */
    private int bindContent(PreparedStatement ps, int start, Lead lead, LeadCodec.Encoded enc, boolean keys)
            throws SQLException {
        int i = start;
        if (keys) {
            ps.setString(i++, lead.connection());
        }
        ps.setString(i++, lead.provider());
        if (keys) {
            ps.setString(i++, lead.nativeId());
            ps.setString(i++, lead.personKey());
        }
        ps.setString(i++, lead.name());
        ps.setString(i++, lead.firstName());
        ps.setString(i++, lead.lastName());
        ps.setString(i++, lead.email());
        ps.setString(i++, lead.phone());
        ps.setString(i++, lead.phoneE164());
        ps.setString(i++, lead.company());
        ps.setString(i++, lead.title());
        ps.setString(i++, lead.status().name());
        ps.setString(i++, lead.statusRaw());
        ps.setString(i++, lead.source());
        dialect.setDecimal(ps, i++, lead.value());
        ps.setString(i++, lead.note());
        ps.setString(i++, lead.lossReason());
        ps.setString(i++, lead.conversionName());
        ps.setString(i++, enc.attribution());
        ps.setString(i++, enc.consent());
        ps.setString(i++, enc.campaign());
        ps.setString(i++, enc.workflow());
        ps.setString(i++, enc.assignee());
        ps.setString(i++, enc.labels());
        ps.setString(i++, enc.custom());
        dialect.setInstant(ps, i++, lead.createdAt());
        dialect.setInstant(ps, i++, lead.updatedAt());
        dialect.setInstant(ps, i++, lead.qualifiedAt());
        dialect.setInstant(ps, i++, lead.expiresAt());
        ps.setString(i++, enc.raw());
        ps.setString(i++, enc.contentHash());
        return i;
    }

    private static void setRun(PreparedStatement ps, int index, Long runId) throws SQLException {
        if (runId == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, runId);
        }
    }

    /** Whether {@code candidate} is strictly older than {@code stored} (unknown is never older). */
    static boolean older(Instant candidate, Instant stored) {
        return candidate != null && stored != null && Dialect.stored(candidate).isBefore(stored);
    }
}
