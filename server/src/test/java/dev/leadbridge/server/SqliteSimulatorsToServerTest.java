package dev.leadbridge.server;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Simulators → server → leads on a real SQLite file. */
class SqliteSimulatorsToServerTest extends SimulatorsToServerSuite {

    @TempDir
    static Path dir;

    @Override
    String freshUrl() {
        return "jdbc:sqlite:" + dir.resolve("e2e.db");
    }
}
