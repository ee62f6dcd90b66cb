package dev.leadbridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.connect.LeadProviders;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The store suite on a real PostgreSQL server (embedded, binaries from Maven), plus what only a server can do wrong. */
class PostgresStoreTest extends StoreSuite {

    @Override
    StoreDatabase database() {
        return TestPostgres.database();
    }

    @Test
    void anUnreachableServerIsAOneLineUnavailableErrorWithoutThePassword() {
        assertThatThrownBy(() -> LeadStore.open("jdbc:postgresql://127.0.0.1:1/leads?user=lb&password=sekrit"))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("the PostgreSQL server cannot be reached")
                .hasMessageContaining("password=***")
                .hasMessageNotContaining("sekrit")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aWrongPasswordOrDatabaseIsAOneLineUnavailableError() throws Exception {
        String url = database().freshUrl().replace("/store_", "/nothere_");
        assertThatThrownBy(() -> LeadStore.open(url))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("does not exist")
                .hasMessageNotContaining("\n");
    }

    @Test
    void theTablesLiveInTheChosenSchema() throws Exception {
        String url = database().freshUrl();
        try (LeadStore store = closeLater(LeadStore.builder().url(url).schema("reporting").build())) {
            store.save(dev.leadbridge.core.Lead.builder().connection("x").provider("octanist").nativeId("1").build(),
                    Origin.CREATE);
        }
        try (var c = database().connect(url); var st = c.createStatement();
             var rs = st.executeQuery("SELECT COUNT(*) FROM reporting.leads")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1);
        }
        try (LeadStore reader = LeadStore.builder().url(url + "&currentSchema=reporting").migrate(false).build()) {
            assertThat(reader.count(true)).isEqualTo(1);
        }
    }

    @Test
    void aServerGoingDownMidSyncIsAOneLineErrorAndWhatWasCommittedStays() throws Exception {
        OctanistSimulator oct = closeLater(OctanistSimulator.builder().seed(300, 17).build());
        EmbeddedPostgres own = EmbeddedPostgres.builder().start();
        String url = own.getJdbcUrl("postgres", "postgres");
        LeadStore store = closeLater(LeadStore.open(url));
        int[] pages = new int[1];
        ForwardingProvider dying = new ForwardingProvider(LeadProviders.open(octanist(oct))) {
            @Override
            public LeadPage list(LeadQuery query, int page) {
                if (++pages[0] == 2) {
                    try {
                        own.close();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                return super.list(query, page);
            }
        };
        LeadSync sync = closeLater(LeadSync.builder().store(store).connection(dying).build());

        assertThatThrownBy(() -> sync.run(List.of(), false))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot write to the store jdbc:postgresql://")
                .hasMessageNotContaining("\n");
        assertThat(pages[0]).isGreaterThanOrEqualTo(2);
    }
}
