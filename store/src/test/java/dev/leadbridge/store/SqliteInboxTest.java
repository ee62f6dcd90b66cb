package dev.leadbridge.store;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** The webhook inbox suite on real SQLite files in a temporary directory. */
class SqliteInboxTest extends InboxSuite {

    @TempDir
    static Path dir;

    private static final AtomicInteger NEXT = new AtomicInteger();

    @Override
    StoreDatabase database() {
        return () -> "jdbc:sqlite:" + dir.resolve("inbox-" + NEXT.incrementAndGet() + ".db");
    }
}
