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

/**
 * Where an export goes: standard output, or a file written as a hidden temporary file next to it and moved into place
 * when the export ends, so that a reader never sees a half-written file under the final name. UTF-8.
 */
public final class OutputTarget implements AutoCloseable {

    private final Writer writer;
    private final Path file;
    private final Path temp;
    private boolean committed;

    private OutputTarget(Writer writer, Path file, Path temp) {
        this.writer = writer;
        this.file = file;
        this.temp = temp;
    }

    /** Standard output (never closed here). */
    public static OutputTarget stdout(Writer out) {
        return new OutputTarget(out, null, null);
    }

    /**
     * A file; its directory must exist.
     *
     * @throws IOException when the temporary file cannot be created there
     */
    public static OutputTarget file(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new IOException("it is a directory");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("directory '" + dir + "' does not exist");
        }
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".part");
        temp.toFile().deleteOnExit();  // interrupted (Ctrl-C): no stray partial file
        Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(temp), StandardCharsets.UTF_8),
                1 << 16);
        return new OutputTarget(w, absolute, temp);
    }

    /** The writer to write leads to. */
    public Writer writer() {
        return writer;
    }

    /** The file written, or null for standard output. */
    public Path file() {
        return file;
    }

    /** Flushes, and for a file closes it and moves it into place. */
    public void commit() throws IOException {
        writer.flush();
        if (file == null || committed) {
            return;
        }
        writer.close();
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    /** Removes the temporary file when the export did not commit. */
    @Override
    public void close() {
        if (file == null || committed) {
            return;
        }
        try {
            writer.close();
        } catch (IOException e) {
            // already failing
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // nothing more to do
        }
    }
}
