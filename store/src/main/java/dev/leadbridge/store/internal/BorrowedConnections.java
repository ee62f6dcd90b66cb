package dev.leadbridge.store.internal;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The store's connections borrowed from a {@link DataSource} it does not own (an application's pool): for
 * PostgreSQL each connection is switched to the store's schema and, when it is closed (given back), switched back
 * to the schema it had and to auto-commit, so that the pool's next user finds it as it was. Written by hand because
 * only this reset is needed, and not every pool resets a connection's schema itself.
 */
public final class BorrowedConnections implements DataSource {

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
        // the pool's own log, if any
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // the pool's own timeouts apply
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper of " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
