package dev.leadbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.testkit.octanist.OctanistSimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sync --every} in a real process: it keeps syncing, and SIGTERM stops it after the current transaction. */
class SyncEveryProcessTest {

    @TempDir
    Path dir;

    @Test
    void syncEveryKeepsTheStoreCurrentAndStopsCleanlyOnSigterm() throws Exception {
        try (OctanistSimulator octanist = OctanistSimulator.builder().seed(250, 31).build()) {
            Path db = dir.resolve("leads.db");
            Path config = Files.writeString(dir.resolve("acme.properties"), String.join("\n",
                    "connections.acme.provider = octanist",
                    "connections.acme.base-url = " + octanist.baseUrl(),
                    "connections.acme.api-key = " + octanist.apiKey(), ""));
            Path err = dir.resolve("stderr.txt");
            Process sync = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LeadbridgeCommand.class.getName(), "sync",
                    "--config", config.toString(), "--db", "jdbc:sqlite:" + db, "--every", "1s")
                    .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (System.nanoTime() < deadline && count(err, "sync: acme (octanist") < 2) {
                    assertThat(sync.isAlive()).as("still running").isTrue();
                    Thread.sleep(100);
                }
                assertThat(count(err, "sync: acme (octanist")).isGreaterThanOrEqualTo(2);

                sync.destroy();   // SIGTERM
                assertThat(sync.waitFor(30, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
            } finally {
                sync.destroyForcibly();
            }
            String printed = Files.readString(err, StandardCharsets.UTF_8);
            assertThat(printed).contains("sync: acme (octanist, incremental): 250 new, 0 updated, ")
                    .doesNotContain(octanist.apiKey());
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*), COUNT(DISTINCT id) FROM leads")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(250);
                assertThat(rs.getLong(2)).isEqualTo(250);
            }
        }
    }

    private static long count(Path file, String prefix) throws Exception {
        if (!Files.exists(file)) {
            return 0;
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith(prefix)).count();
    }
}
