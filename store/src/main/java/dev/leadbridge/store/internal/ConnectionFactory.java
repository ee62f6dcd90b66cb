package dev.leadbridge.store.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Opens JDBC connections to the store: for PostgreSQL with the user and password from {@code PGUSER} /
 * {@code PGPASSWORD} when the URL has none, a connect timeout, and the chosen schema as the current schema; for
 * SQLite with a busy timeout (a locked file is waited for a few seconds, then reported). A {@link DataSource} so
 * that Flyway opens its connections the same way.
 */
public final class ConnectionFactory extends PlainDataSource {

    private static final int SQLITE_BUSY_MILLIS = 5_000;
    private static final int PG_CONNECT_SECONDS = 10;

    private final StoreUrl url;
    private final Properties properties = new Properties();
    private final String schema;

    /**
     * A factory for {@code url}.
     *
     * @param url    the store
     * @param schema the PostgreSQL schema, or null for SQLite
     * @param env    the environment, for {@code PGUSER} and {@code PGPASSWORD}
     */
    public ConnectionFactory(StoreUrl url, String schema, Function<String, String> env) {
        this.url = url;
        this.schema = schema;
        if (url.dialect() == Dialect.SQLITE) {
            properties.setProperty("busy_timeout", Integer.toString(SQLITE_BUSY_MILLIS));
        } else {
            String lower = url.url().toLowerCase(java.util.Locale.ROOT);
            if (!lower.contains("user=") && env.apply("PGUSER") != null) {
                properties.setProperty("user", env.apply("PGUSER"));
            }
            if (!lower.contains("password=") && env.apply("PGPASSWORD") != null) {
                properties.setProperty("password", env.apply("PGPASSWORD"));
            }
            if (!lower.contains("connecttimeout=")) {
                properties.setProperty("connectTimeout", Integer.toString(PG_CONNECT_SECONDS));
            }
            properties.setProperty("ApplicationName", "leadbridge");
        }
    }

    /** A new connection, in auto-commit mode. */
    @Override
    public Connection getConnection() throws SQLException {
        Connection c = DriverManager.getConnection(url.url(), properties);
        try {
            if (url.dialect() == Dialect.SQLITE) {
                try (var st = c.createStatement()) {
                    st.execute("PRAGMA journal_mode = WAL");
                } catch (SQLException e) {
                    // a read-only file keeps its journal mode
                }
            } else if (schema != null) {
                c.setSchema(schema);
            }
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }
}
