package dev.leadbridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadbridge.core.Lead;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store suite on real SQLite files in a temporary directory, plus what only a file can do wrong. */
class SqliteStoreTest extends StoreSuite {

    @TempDir
    static Path dir;

    private static final AtomicInteger NEXT = new AtomicInteger();

    @Override
    StoreDatabase database() {
        return () -> "jdbc:sqlite:" + dir.resolve("store-" + NEXT.incrementAndGet() + ".db");
    }

    private static Lead lead(String id) {
        return Lead.builder().connection("x").provider("octanist").nativeId(id).build();
    }

    @Test
    void aReadOnlyFileIsAOneLineUnavailableErrorAndStaysUnchanged() throws Exception {
        String url = database().freshUrl();
        try (LeadStore store = LeadStore.open(url)) {
            store.save(lead("kept"), Origin.CREATE);
        }
        try (LeadStore readOnly = LeadStore.open(url + "?open_mode=1")) {
            assertThatThrownBy(() -> readOnly.save(lead("new"), Origin.CREATE))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("the SQLite file is read-only")
                    .hasMessageNotContaining("\n");
            assertThat(readOnly.count(true)).isEqualTo(1);
        }
    }

    @Test
    void aFileLockedByAnotherWriterIsReportedAsLockedAndTheStoreStaysUsable() throws Exception {
        String url = database().freshUrl();
        try (LeadStore store = LeadStore.open(url)) {
            try (Connection other = DriverManager.getConnection(url); Statement st = other.createStatement()) {
                st.execute("BEGIN EXCLUSIVE");
                assertThatThrownBy(() -> store.save(lead("a"), Origin.CREATE))
                        .isInstanceOf(StoreUnavailableException.class)
                        .hasMessageContaining("locked by another process")
                        .hasMessageNotContaining("\n");
                st.execute("ROLLBACK");
            }
            store.save(lead("a"), Origin.CREATE);
            assertThat(store.count(true)).isEqualTo(1);
        }
    }

    @Test
    void aMissingDirectoryOrAFileThatIsNoDatabaseIsAOneLineUnavailableError() throws Exception {
        assertThatThrownBy(() -> LeadStore.open("jdbc:sqlite:" + dir.resolve("no/such/dir/leads.db")))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("does not exist");
        Path text = java.nio.file.Files.writeString(dir.resolve("notes.txt"), "not a database at all, just text"
                .repeat(100));
        assertThatThrownBy(() -> LeadStore.open("jdbc:sqlite:" + text))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("not a SQLite database")
                .hasMessageNotContaining("\n");
    }
}
