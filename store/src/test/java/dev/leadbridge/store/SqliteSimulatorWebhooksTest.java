package dev.leadbridge.store;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** Simulators → signed webhooks → inbox → leads, on real SQLite files. */
class SqliteSimulatorWebhooksTest extends SimulatorWebhooksSuite {

    @TempDir
    static Path dir;

    private static final AtomicInteger NEXT = new AtomicInteger();

    @Override
    StoreDatabase database() {
        return () -> "jdbc:sqlite:" + dir.resolve("hooks-" + NEXT.incrementAndGet() + ".db");
    }
}
