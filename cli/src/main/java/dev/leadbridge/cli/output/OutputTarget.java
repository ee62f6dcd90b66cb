package dev.leadbridge.cli.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;

/**
 * Where an export goes: standard output, or a file written as a hidden temporary file next to it. A complete export
 * is {@linkplain #commit() moved atomically} over the final name; an export that does not complete (a failed
 * connection, an error, Ctrl-C) never touches the final name, which keeps its previous content: what was written is
 * left next to it as {@code FILE.incomplete}. UTF-8.
 */
public final class OutputTarget implements AutoCloseable {

    /** The suffix of the file an export that did not complete leaves next to the final name. */
    public static final String INCOMPLETE_SUFFIX = ".incomplete";

    private enum State { OPEN, COMMITTED, ABANDONED }

    private final Writer writer;
    private final Path file;
    private final Path temp;
    private final Consumer<Path> whenIncomplete;
    private final Thread onShutdown;
    private State state = State.OPEN;

    private OutputTarget(Writer writer, Path file, Path temp, Consumer<Path> whenIncomplete) {
        this.writer = writer;
        this.file = file;
        this.temp = temp;
        this.whenIncomplete = whenIncomplete;
        if (file == null) {
            this.onShutdown = null;
        } else {
            // Ctrl-C or a kill: what was written goes to FILE.incomplete, never under the final name
            this.onShutdown = new Thread(this::abandonAndTell, "leadbridge-output-shutdown");
            Runtime.getRuntime().addShutdownHook(onShutdown);
        }
    }

    /** Standard output (never closed here). */
    public static OutputTarget stdout(Writer out) {
        return new OutputTarget(out, null, null, p -> { });
    }

    /**
     * A file; its directory must exist. See {@link #file(Path, Consumer)}; nobody is told of an incomplete export.
     *
     * @throws IOException when the temporary file cannot be created there
     */
    public static OutputTarget file(Path file) throws IOException {
        return file(file, p -> { });
    }

    /**
     * A file; its directory must exist.
     *
     * @param file           the final name
     * @param whenIncomplete told the path of {@code FILE.incomplete} when the target is closed (or the process ends)
     *                       without {@link #commit()}; called at most once
     * @throws IOException when the temporary file cannot be created there
     */
    public static OutputTarget file(Path file, Consumer<Path> whenIncomplete) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new IOException("it is a directory");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("directory '" + dir + "' does not exist");
        }
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".part");
        Writer w;
        try {
            w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(temp), StandardCharsets.UTF_8),
                    1 << 16);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return new OutputTarget(w, absolute, temp, whenIncomplete);
    }

    /** The writer to write leads to. */
    public Writer writer() {
        return writer;
    }

    /** The file written, or null for standard output. */
    public Path file() {
        return file;
    }

    /** Where an export that does not complete is left: {@code FILE.incomplete} next to the file; null for stdout. */
    public Path incompleteFile() {
        return file == null ? null : file.resolveSibling(file.getFileName() + INCOMPLETE_SUFFIX);
    }

    /**
     * Flushes, and for a file closes it and moves it atomically over the final name (replacing what was there),
     * then removes a {@code FILE.incomplete} an earlier run left. Does nothing more once the target was abandoned.
     */
    public synchronized void commit() throws IOException {
        writer.flush();
        if (file == null || state != State.OPEN) {
            return;
        }
        writer.close();
        move(temp, file);
        state = State.COMMITTED;
        removeShutdownHook();
        // what an earlier failed run left is outdated now
        Files.deleteIfExists(incompleteFile());
    }

    /**
     * Ends an export that did not complete: for a file, closes it and moves what was written to
     * {@code FILE.incomplete} (replacing an older one); the final name is not touched. Nobody is told here.
     *
     * @return the {@code .incomplete} file, or null for standard output or when already committed
     */
    public synchronized Path abandon() {
        if (file == null || state == State.COMMITTED) {
            return null;
        }
        Path incomplete = incompleteFile();
        if (state == State.OPEN) {
            state = State.ABANDONED;
            removeShutdownHook();
            try {
                writer.close();
            } catch (IOException e) {
                // already failing: keep what reached the file
            }
            try {
                move(temp, incomplete);
            } catch (IOException e) {
                return temp;  // the partial file stays under its temporary name, still not under the final one
            }
        }
        return incomplete;
    }

    /** Abandons the file when the export did not commit, and says where what was written went. */
    @Override
    public void close() {
        boolean open;
        synchronized (this) {
            open = state == State.OPEN;
        }
        if (open) {
            abandonAndTell();
        }
    }

    private void abandonAndTell() {
        Path left;
        synchronized (this) {
            if (file == null || state != State.OPEN) {
                return;
            }
            if (Thread.currentThread() == onShutdown) {
                // the process is ending while the export still writes: keep what was written so far
                state = State.ABANDONED;
                try {
                    writer.flush();
                } catch (IOException e) {
                    // keep what reached the file
                }
                try {
                    move(temp, incompleteFile());
                    left = incompleteFile();
                } catch (IOException e) {
                    left = temp;
                }
            } else {
                left = abandon();
            }
        }
        if (left != null) {
            whenIncomplete.accept(left);
        }
    }

    private void removeShutdownHook() {
        if (onShutdown == null || Thread.currentThread() == onShutdown) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(onShutdown);
        } catch (IllegalStateException e) {
            // the process is already ending
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
