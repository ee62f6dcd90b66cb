package dev.leadbridge.benchmarks;

import dev.leadbridge.core.Attribution;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.store.LeadStore;
import dev.leadbridge.store.internal.Dialect;
import dev.leadbridge.store.internal.LeadCodec;
import dev.leadbridge.store.internal.LeadRows;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Store write throughput: the store's upsert path (compare with what is stored, encode, hash, insert, one
 * transaction per batch of 100) against a bare JDBC batch insert of the same rows with their values prepared in
 * advance, into fresh SQLite files (and a PostgreSQL database when {@code --pg URL} is given, whose {@code leads}
 * tables must not exist yet). Target: ≤ 1.5×. Exits 1 when missed.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.leadbridge.benchmarks.StoreWriteBench [--leads N] [--pg URL]</pre>
 */
public final class StoreWriteBench {

    private StoreWriteBench() {
    }

    /** Runs the comparison. */
    public static void main(String[] args) throws Exception {
        int n = 20_000;
        String pg = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--leads")) {
                n = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--pg")) {
                pg = args[++i];
            }
        }
        List<Lead> leads = leads(n);
        boolean met = true;
        Path dir = Files.createTempDirectory("store-bench");
        for (int round = 0; round < 2; round++) {   // the first round warms up
            double store = storePath("jdbc:sqlite:" + dir.resolve("s" + round + ".db"), Dialect.SQLITE, leads);
            double bare = barePath("jdbc:sqlite:" + dir.resolve("b" + round + ".db"), Dialect.SQLITE, leads);
            met &= report("sqlite", round, n, store, bare);
        }
        if (pg != null) {
            double store = storePath(pg, Dialect.POSTGRESQL, leads);
            try (Connection c = DriverManager.getConnection(pg)) {
                c.createStatement().execute("ALTER TABLE leads RENAME TO leads_store");
                c.createStatement().execute("CREATE TABLE leads (LIKE leads_store INCLUDING ALL)");
            }
            double bare = barePath(pg, Dialect.POSTGRESQL, leads);
            met &= report("postgresql", 1, n, store, bare);
        }
        System.exit(met ? 0 : 1);
    }

    private static boolean report(String db, int round, int n, double store, double bare) {
        double ratio = store / bare;
        System.out.printf(Locale.ROOT, "%s%s: store %.0f leads/s, bare JDBC batch %.0f leads/s: %.2fx (target <= 1.5x)%n",
                db, round == 0 ? " (warm-up)" : "", n / store, n / bare, ratio);
        return round == 0 || ratio <= 1.5;
    }

    /** Seconds to write every lead through the store's upsert, 100 per transaction. */
    private static double storePath(String url, Dialect dialect, List<Lead> leads) throws Exception {
        LeadStore.open(url).close();   // creates the schema
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            LeadRows rows = new LeadRows(c, dialect);
            Instant now = Instant.now();
            long t0 = System.nanoTime();
            for (int i = 0; i < leads.size(); i += 100) {
                rows.write(leads.subList(i, Math.min(leads.size(), i + 100)), "list", now, 1L);
                c.commit();
            }
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    /** Seconds for a bare batch insert of the same rows, values prepared before the clock starts. */
    private static double barePath(String url, Dialect dialect, List<Lead> leads) throws Exception {
        if (dialect == Dialect.SQLITE) {
            LeadStore.open(url).close();
        }
        List<LeadCodec.Encoded> encoded = new ArrayList<>();
        for (Lead lead : leads) {
            encoded.add(LeadCodec.encode(lead));
        }
        String json = dialect.json();
        String sql = "INSERT INTO leads (id, connection, provider, native_id, name, email, phone, status, value,"
                + " attribution, consent, labels, custom, raw, created_at, updated_at, first_seen_at, last_seen_at,"
                + " changed_at, origin, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, " + json + ", " + json + ", "
                + json + ", " + json + ", " + json + ", ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            Instant now = Instant.now();
            long t0 = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < leads.size(); i++) {
                    Lead l = leads.get(i);
                    LeadCodec.Encoded e = encoded.get(i);
                    ps.setString(1, l.id());
                    ps.setString(2, l.connection());
                    ps.setString(3, l.provider());
                    ps.setString(4, l.nativeId());
                    ps.setString(5, l.name());
                    ps.setString(6, l.email());
                    ps.setString(7, l.phone());
                    ps.setString(8, l.status().name());
                    dialect.setDecimal(ps, 9, l.value());
                    ps.setString(10, e.attribution());
                    ps.setString(11, e.consent());
                    ps.setString(12, e.labels());
                    ps.setString(13, e.custom());
                    ps.setString(14, e.raw());
                    dialect.setInstant(ps, 15, l.createdAt());
                    dialect.setInstant(ps, 16, l.updatedAt());
                    dialect.setInstant(ps, 17, now);
                    dialect.setInstant(ps, 18, now);
                    dialect.setInstant(ps, 19, now);
                    ps.setString(20, "list");
                    ps.setString(21, e.contentHash());
                    ps.addBatch();
                    if ((i + 1) % 100 == 0 || i == leads.size() - 1) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
            }
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    private static List<Lead> leads(int n) {
        List<Lead> leads = new ArrayList<>(n);
        Instant base = Instant.parse("2025-01-01T00:00:00Z");
        for (int i = 0; i < n; i++) {
            leads.add(Lead.builder().connection("bench").provider("octanist").nativeId("lead_" + i)
                    .name("Person " + i).email("person" + i + "@example.com").phone("+3161234" + (1000 + i % 9000))
                    .status(LeadStatus.OPEN).statusRaw("open").value(new BigDecimal(i + ".50"))
                    .attribution(new Attribution("https://acme.example", "/contact", "google", "cpc", "spring",
                            Map.of("gclid", "g" + i), null))
                    .labels(List.of("hot")).custom(Map.of("score", i))
                    .createdAt(base.plusSeconds(i)).updatedAt(base.plusSeconds(i + 60)).build());
        }
        return leads;
    }
}
