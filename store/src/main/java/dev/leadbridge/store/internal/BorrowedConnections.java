package dev.leadbridge.store.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The store's connections borrowed from a {@link DataSource} it does not own (an application's pool): for
 * PostgreSQL each connection is switched to the store's schema and, when it is closed (given back), switched back
 * to the schema it had and to auto-commit, so that the pool's next user finds it as it was. Written by hand because
 * only this reset is needed, and not every pool resets a connection's schema itself.
 */
public final class BorrowedConnections extends PlainDataSource {

    private final DataSource pool;
    private final String schema;

    /**
     * Connections of {@code pool}.
     *
     * @param pool   the data source; never closed here
     * @param schema the PostgreSQL schema to work in, or null to leave the connection's schema alone (SQLite)
     */
    public BorrowedConnections(DataSource pool, String schema) {
        this.pool = pool;
        this.schema = schema;
    }

    /** A connection of the pool in the store's schema; closing it restores its state and gives it back. */
    @Override
    public Connection getConnection() throws SQLException {
        Connection c = pool.getConnection();
        String original;
        try {
            original = schema == null ? null : c.getSchema();
            if (schema != null && !schema.equals(original)) {
                c.setSchema(schema);
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        giveBack(c, original);
                        return null;
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private void giveBack(Connection c, String original) throws SQLException {
        try {
            if (!c.isClosed()) {
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
                if (schema != null && original != null && !original.equals(c.getSchema())) {
                    c.setSchema(original);
                }
            }
        } finally {
            c.close();
        }
    }
}
