package dev.leadbridge.samples;

import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.client.SyncCheckpoint;
import dev.leadbridge.client.SyncResult;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.function.Function;

/**
 * Incremental sync with a persisted checkpoint: each run prints only the leads created or updated since the previous
 * run, as a reporting pipeline that runs every hour would.
 *
 * <p>Shows {@link LeadbridgeClient#changesSince}: the first run (no checkpoint file) delivers every lead; each run
 * saves the checkpoint ({@link SyncCheckpoint#asString()}, a short ASCII string) to a file; the next run starts from
 * it and delivers only what changed. The checkpoint is saved every {@value #SAVE_EVERY} leads and at the end, each
 * time after the leads before it were processed, and written atomically (a temporary file, then a rename), so a run
 * that crashes resumes without skipping a lead. A lead changed twice between runs is delivered once, as it is now.
 *
 * <p>Run it with a configuration file, the checkpoint file and optionally the connection to sync (default the first
 * in name order):
 * <pre>
 * java -cp ... dev.leadbridge.samples.IncrementalSyncSample leadbridge.properties sync.checkpoint acme-octanist
 * </pre>
 * Without arguments the configuration file comes from {@code LEADBRIDGE_CONFIG} and the checkpoint file from
 * {@code LEADBRIDGE_CHECKPOINT} (default {@code leadbridge-sync.checkpoint} in the working directory).
 *
 * <p>Output of a second run after one lead was marked won:
 * <pre>
 * Sync of acme-octanist since 2025-03-02T10:00:00Z
 *   changed acme-octanist:lead_8f2k  updated 2025-03-04T08:15:00.123Z  WON       Ava Stone &lt;ava.stone@example.com&gt;
 * 1 changed lead; checkpoint saved to sync.checkpoint
 * </pre>
 */
public final class IncrementalSyncSample {

    /** The environment variable naming the checkpoint file when no argument does. */
    public static final String CHECKPOINT_ENV = "LEADBRIDGE_CHECKPOINT";
    /** The checkpoint file when neither an argument nor {@value #CHECKPOINT_ENV} names one. */
    public static final String DEFAULT_CHECKPOINT = "leadbridge-sync.checkpoint";
    /** How often, in delivered leads, the checkpoint is saved during a run. */
    public static final int SAVE_EVERY = 100;

    private IncrementalSyncSample() {
    }

    /**
     * Arguments: configuration file (or {@code LEADBRIDGE_CONFIG}), checkpoint file (or {@code LEADBRIDGE_CHECKPOINT},
     * default {@value #DEFAULT_CHECKPOINT}), connection (default the first in name order).
     */
    public static void main(String[] args) {
        SampleSupport.exit(() -> {
            Properties config = SampleSupport.load(SampleSupport.configPath(args, System::getenv));
            String checkpoint = args.length > 1 ? args[1]
                    : System.getenv().getOrDefault(CHECKPOINT_ENV, DEFAULT_CHECKPOINT);
            String connection = args.length > 2 ? args[2] : null;
            run(config, System::getenv, connection, Path.of(checkpoint), System.out);
            return 0;
        });
    }

    /**
     * Syncs one connection from the checkpoint in {@code checkpointFile} (from the beginning when the file does not
     * exist), prints every changed lead and saves the new checkpoint to the file.
     *
     * @param config         the connection properties
     * @param env            expands {@code ${NAME}} in values, e.g. {@code System::getenv}
     * @param connection     the connection to sync, or null for the first in name order
     * @param checkpointFile where the checkpoint is read from and saved to
     * @param out            where to print
     * @return the number of changed leads printed
     * @throws dev.leadbridge.core.error.InvalidRequestException when the file holds no checkpoint, or one of
     *                                                           another connection
     * @throws UncheckedIOException                              when the file cannot be read or written
     */
    public static long run(Properties config, Function<String, String> env, String connection, Path checkpointFile,
                           PrintStream out) {
        try (LeadbridgeClient client = LeadbridgeClient.fromProperties(config, env)) {
            String name = connection != null ? connection : client.connectionNames().get(0);
            SyncCheckpoint start = load(checkpointFile);
            out.printf("Sync of %s %s%n", name, start.watermark().map(w -> "since " + w).orElse("from the beginning"));

            try (SyncResult changes = client.changesSince(name, start, LeadQuery.ALL)) {
                for (Lead lead : changes.leads()) {
                    out.printf("  changed %s  updated %s  %s%n", lead.id(), lead.updatedAt(),
                            SampleSupport.person(lead));
                    if (changes.delivered() % SAVE_EVERY == 0) {
                        save(checkpointFile, changes.next());   // past every lead processed so far
                    }
                }
                save(checkpointFile, changes.next());
                long count = changes.delivered();
                out.printf("%d changed %s; checkpoint saved to %s%n", count, count == 1 ? "lead" : "leads",
                        checkpointFile);
                return count;
            }
        }
    }

    private static SyncCheckpoint load(Path file) {
        if (!Files.exists(file)) {
            return SyncCheckpoint.initial();
        }
        try {
            return SyncCheckpoint.parse(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint " + file.toAbsolutePath(), e);
        }
    }

    /** Writes the checkpoint to a temporary file next to {@code file}, then renames it over {@code file}. */
    private static void save(Path file, SyncCheckpoint checkpoint) {
        Path target = file.toAbsolutePath();
        try {
            Path parent = target.getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, target.getFileName().toString(), ".tmp");
            try {
                Files.writeString(temp, checkpoint.asString() + System.lineSeparator(), StandardCharsets.US_ASCII);
                try {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);   // left only when writing or moving failed
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the checkpoint to " + target, e);
        }
    }
}
