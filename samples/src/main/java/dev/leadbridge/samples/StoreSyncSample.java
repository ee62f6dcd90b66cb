package dev.leadbridge.samples;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.store.LeadStore;
import dev.leadbridge.store.LeadSync;
import dev.leadbridge.store.SyncReport;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The store from Java: keep a SQL copy of every connection's leads with {@link LeadSync}, then report from the copy
 * with {@link LeadStore} without calling any provider, as a nightly reporting job would.
 *
 * <p>Each run syncs incrementally (only what changed since the checkpoint kept in the store), prints one line per
 * connection, then the number of leads per status and the won value read from the store. Run it with a
 * configuration file and a JDBC URL (default {@value LeadStore#DEFAULT_URL}):
 * <pre>
 * java -cp ... dev.leadbridge.samples.StoreSyncSample leadbridge.properties jdbc:sqlite:leads.db
 * </pre>
 *
 * <p>Output of a first run over five leads:
 * <pre>
 * acme: 5 new, 0 updated, 0 unchanged, 0 deleted, 1 request, ok
 * Store jdbc:sqlite:leads.db holds 5 leads: OPEN 2, QUALIFIED 1, WON 1, LOST 1; won value 2500.5
 * </pre>
 */
public final class StoreSyncSample {

    private StoreSyncSample() {
    }

    /** Arguments: configuration file (or {@code LEADBRIDGE_CONFIG}), JDBC URL of the store. */
    public static void main(String[] args) {
        SampleSupport.exit(() -> {
            Properties config = SampleSupport.load(SampleSupport.configPath(args, System::getenv));
            String url = args.length > 1 ? args[1] : LeadStore.DEFAULT_URL;
            run(config, System::getenv, url, System.out);
            return 0;
        });
    }

    /**
     * Syncs every configured connection into the store at {@code url} and prints a report read from the store.
     *
     * @return the sync's report
     * @throws dev.leadbridge.store.StoreException when the store cannot be opened or written
     */
    public static SyncReport run(Properties config, Function<String, String> env, String url, PrintStream out) {
        List<ConnectionConfig> connections = ConnectionConfig.parse(config, env);
        try (LeadStore store = LeadStore.open(url);
             LeadSync sync = LeadSync.builder().store(store).connections(connections).build()) {
            SyncReport report = sync.run();
            for (SyncReport.ConnectionReport r : report.connections()) {
                out.printf("%s: %d new, %d updated, %d unchanged, %d deleted, %d %s, %s%n", r.connection(),
                        r.leadsNew(), r.updated(), r.unchanged(), r.deleted(), r.requests(),
                        r.requests() == 1 ? "request" : "requests",
                        r.error() == null ? r.outcome().column() : r.outcome().column() + ": " + r.error());
            }
            long[] byStatus = new long[LeadStatus.values().length];
            BigDecimal won = BigDecimal.ZERO;
            long total = 0;
            try (Stream<Lead> leads = store.leads(false)) {
                for (Lead lead : (Iterable<Lead>) leads::iterator) {
                    total++;
                    byStatus[lead.status().ordinal()]++;
                    if (lead.status() == LeadStatus.WON && lead.value() != null) {
                        won = won.add(lead.value());
                    }
                }
            }
            StringBuilder counts = new StringBuilder();
            for (LeadStatus s : LeadStatus.values()) {
                if (byStatus[s.ordinal()] > 0) {
                    counts.append(counts.length() == 0 ? "" : ", ").append(s).append(' ').append(byStatus[s.ordinal()]);
                }
            }
            out.printf("Store %s holds %d leads: %s; won value %s%n", store.url(), total, counts,
                    won.toPlainString());
            return report;
        }
    }
}
