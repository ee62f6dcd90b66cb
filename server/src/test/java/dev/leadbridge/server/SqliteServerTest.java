package dev.leadbridge.server;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** The server suite on real SQLite files. */
class SqliteServerTest extends ServerSuite {

    @TempDir
    static Path dir;

    private static final AtomicInteger NEXT = new AtomicInteger();

    @Override
    String freshUrl() {
        return "jdbc:sqlite:" + dir.resolve("serve-" + NEXT.incrementAndGet() + ".db");
    }
}
