package dev.leadbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.core.Lead;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store opened on an application's {@link DataSource}, on a real SQLite file and a real PostgreSQL server. */
class DataSourceStoreTest {

    @TempDir
    Path dir;

    private static Lead lead(String id) {
        return Lead.builder().connection("x").provider("octanist").nativeId(id).build();
    }

    @Test
    void onASqliteDataSourceTheStoreMigratesWritesReadsAndGivesEveryConnectionBack() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("app.db");
        CountingDataSource pool = new CountingDataSource(url);
        try (LeadStore store = LeadStore.builder().dataSource(pool).build()) {
            store.save(lead("1"), Origin.WEBHOOK);
            store.save(lead("2"), Origin.CREATE);
            try (Stream<Lead> leads = store.leads(false)) {
                assertThat(leads.map(Lead::nativeId)).containsExactly("1", "2");
            }
            assertThat(store.url()).isEqualTo(url);
            assertThat(pool.open.get()).as("connections still borrowed").isZero();
        }
        assertThat(pool.borrowed.get()).isGreaterThan(3);
        // the application's data source is still usable, and a store on the same file by URL sees the same leads
        try (Connection c = pool.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM leads")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(2);
        }
        try (LeadStore byUrl = LeadStore.builder().url(url).migrate(false).build()) {
            assertThat(byUrl.find("x:1").orElseThrow().origin()).isEqualTo(Origin.WEBHOOK);
        }
    }

    @Test
    void onAPostgresDataSourceTheTablesLiveInTheChosenSchemaAndTheConnectionsKeepTheirOwn() throws Exception {
        String url = TestPostgres.database().freshUrl();
        CountingDataSource pool = new CountingDataSource(url);
        try (LeadStore store = LeadStore.builder().dataSource(pool).schema("leadbridge").build()) {
            store.save(lead("1"), Origin.WEBHOOK);
            assertThat(store.count(false)).isEqualTo(1);
            try (Stream<Lead> leads = store.leads(false)) {
                assertThat(leads).hasSize(1);
            }
            assertThat(pool.open.get()).as("connections still borrowed").isZero();
        }
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            assertThat(c.getSchema()).isEqualTo("public");
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM leadbridge.leads")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.tables"
                    + " WHERE table_schema = 'public' AND table_name = 'leads'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("nothing in the application's own schema").isZero();
            }
        }
        // reopened on the same data source, the migrated schema is found and kept
        try (LeadStore again = LeadStore.builder().dataSource(pool).schema("leadbridge").migrate(false).build()) {
            assertThat(again.count(false)).isEqualTo(1);
        }
    }

    @Test
    void onAPostgresDataSourceWithoutASchemaTheStoreUsesTheConnectionsCurrentSchema() throws Exception {
        String url = TestPostgres.database().freshUrl();
        CountingDataSource pool = new CountingDataSource(url + "&currentSchema=reporting");
        try (Connection c = new CountingDataSource(url).getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA reporting");
        }
        try (LeadStore store = LeadStore.builder().dataSource(pool).build()) {
            store.save(lead("1"), Origin.CREATE);
        }
        try (Connection c = new CountingDataSource(url).getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM reporting.leads")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1);
        }
    }

    /** A data source over DriverManager that counts the connections handed out and not yet closed. */
    static final class CountingDataSource implements DataSource {
        final AtomicInteger open = new AtomicInteger();
        final AtomicInteger borrowed = new AtomicInteger();
        private final String url;

        CountingDataSource(String url) {
            this.url = url;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection c = DriverManager.getConnection(url);
            open.incrementAndGet();
            borrowed.incrementAndGet();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close") && !c.isClosed()) {
                            open.decrementAndGet();
                        }
                        try {
                            return method.invoke(c, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
