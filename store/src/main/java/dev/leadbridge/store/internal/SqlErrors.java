package dev.leadbridge.store.internal;

import dev.leadbridge.store.StoreException;
import dev.leadbridge.store.StoreSchemaException;
import dev.leadbridge.store.StoreUnavailableException;
import java.sql.SQLException;

/**
 * Turns a JDBC failure into a one-line typed store error naming the store (password removed) and the cause in
 * words: locked, read-only, unreachable, login refused, missing, not a database. Never includes a password, even
 * when the driver echoes the URL.
 */
public final class SqlErrors {

    private static final int MAX_DETAIL = 200;

    private SqlErrors() {
    }

    /**
     * The typed error for a failure while {@code action} (e.g. "cannot open the store") on {@code url}.
     *
     * @param action what was being done, as the start of the message
     * @param url    the store
     * @param e      the failure (a {@link SQLException} is classified; anything else kept as the cause)
     */
    public static StoreException translate(String action, StoreUrl url, Throwable e) {
        SQLException sql = sqlCause(e);
        String where = action + " " + url.shown();
        if (sql == null) {
            return new StoreException(where + ": " + detail(e), e);
        }
        String message = String.valueOf(sql.getMessage());
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        if (url.dialect() == Dialect.SQLITE) {
            if (message.contains("SQLITE_BUSY") || message.contains("SQLITE_LOCKED")) {
                return new StoreUnavailableException(where + ": the SQLite file is locked by another process;"
                        + " try again when it is done", e);
            }
            if (message.contains("SQLITE_READONLY")) {
                return new StoreUnavailableException(where + ": the SQLite file is read-only", e);
            }
            if (message.contains("SQLITE_CANTOPEN") || message.contains("does not exist")) {
                return new StoreUnavailableException(where + ": the SQLite file cannot be opened (does its"
                        + " directory exist and is it writable?)", e);
            }
            if (message.contains("SQLITE_NOTADB") || message.contains("SQLITE_CORRUPT")) {
                return new StoreUnavailableException(where + ": the file is not a SQLite database", e);
            }
        } else {
            if (state.startsWith("08") || state.startsWith("57P")) {
                return new StoreUnavailableException(where + ": the PostgreSQL server cannot be reached ("
                        + detail(sql) + ")", e);
            }
            if (state.startsWith("28")) {
                return new StoreUnavailableException(where + ": PostgreSQL refused the login (" + detail(sql)
                        + ")", e);
            }
            if (state.equals("3D000")) {
                return new StoreUnavailableException(where + ": the database does not exist (" + detail(sql)
                        + ")", e);
            }
            if (state.equals("25006")) {
                return new StoreUnavailableException(where + ": the database is read-only", e);
            }
        }
        return new StoreException(where + ": " + detail(sql), e);
    }

    /** As {@link #translate}, as a schema error (a migration or schema check failed). */
    public static StoreException schema(String action, StoreUrl url, Throwable e) {
        StoreException typed = translate(action, url, e);
        if (typed instanceof StoreUnavailableException || sqlCause(e) == null && e instanceof StoreException) {
            return typed;
        }
        return new StoreSchemaException(typed.getMessage(), e);
    }

    /** The first {@link SQLException} in the cause chain, or null. */
    public static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** The message of a failure on one line, shortened, with URL passwords removed. */
    public static String detail(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = StoreUrl.redact(m.replaceAll("\\s+", " ").trim());
        return m.length() > MAX_DETAIL ? m.substring(0, MAX_DETAIL) + "..." : m;
    }
}
