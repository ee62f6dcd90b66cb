package dev.leadbridge.cli.write;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The append-only journal of an {@code import} or {@code copy}: one line per event, {@code <key> TAB <state>[ <detail>]},
 * where state is {@code pending} (about to be sent), {@code created <global id>}, {@code rejected <reason>} or
 * {@code unknown <reason>}. Lines are written and forced to disk before a request is sent ({@code pending}) and as each
 * outcome arrives, so after a crash at any moment the last line of each key says what may have happened: a key whose
 * last line is {@code pending} may have been created and is treated as {@code unknown}. Keys and details are escaped
 * to one line ({@code \\}, {@code \t}, {@code \n}, {@code \r}). Not thread-safe.
 */
public final class Journal implements AutoCloseable {

    /** What the journal says about one key. */
    public enum State {
        /** Sent or about to be sent, outcome not recorded: may have been created. */ PENDING,
        /** Created; the detail is the global id. */ CREATED,
        /** Not created; tried again by a rerun. */ REJECTED,
        /** May have been created; never tried again automatically. */ UNKNOWN
    }

    /**
     * The last entry of a key.
     *
     * @param state  the state
     * @param detail the global id or reason, possibly empty
     */
    public record Entry(State state, String detail) {
    }

    private final Path path;
    private final FileChannel channel;
    private final Map<String, Entry> last;

    private Journal(Path path, FileChannel channel, Map<String, Entry> last) {
        this.path = path;
        this.channel = channel;
        this.last = last;
    }

    /**
     * Opens (creating when missing) the journal at {@code path} and reads what it already holds. A last line cut short
     * by a crash is ignored (its key keeps its earlier state) and the next line starts on a fresh line.
     *
     * @throws UncheckedIOException when the file cannot be read or opened for appending
     */
    public static Journal open(Path path) {
        Map<String, Entry> last = read(path);
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            Journal journal = new Journal(path, channel, last);
            if (channel.size() > 0 && !endsWithNewline(path)) {
                journal.write("\n");
            }
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a journal file holds, without opening it for writing (for {@code --dry-run}): key to last entry. */
    public static Map<String, Entry> read(Path path) {
        Map<String, Entry> last = new HashMap<>();
        if (!Files.exists(path)) {
            return last;
        }
        try {
            String content = Files.readString(path, StandardCharsets.UTF_8);
            List<String> lines = content.lines().toList();
            int complete = content.endsWith("\n") ? lines.size() : lines.size() - 1;
            for (int i = 0; i < complete; i++) {
                String line = lines.get(i);
                int tab = line.indexOf('\t');
                if (tab <= 0) {
                    continue;
                }
                String key = unescape(line.substring(0, tab));
                String rest = line.substring(tab + 1);
                int space = rest.indexOf(' ');
                String word = space < 0 ? rest : rest.substring(0, space);
                String detail = space < 0 ? "" : unescape(rest.substring(space + 1));
                State state = switch (word) {
                    case "pending" -> State.PENDING;
                    case "created" -> State.CREATED;
                    case "rejected" -> State.REJECTED;
                    case "unknown" -> State.UNKNOWN;
                    default -> null;
                };
                if (state != null) {
                    last.put(key, new Entry(state, detail));
                }
            }
            return last;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The journal's file. */
    public Path path() {
        return path;
    }

    /** The last entry of {@code key}, or null when the journal has none. */
    public Entry last(String key) {
        return last.get(key);
    }

    /** Records that the records of {@code keys} are about to be sent, and forces the lines to disk. */
    public void pending(List<String> keys) {
        StringBuilder sb = new StringBuilder();
        for (String key : keys) {
            sb.append(escape(key)).append("\tpending\n");
            last.put(key, new Entry(State.PENDING, ""));
        }
        write(sb.toString());
    }

    /** Records the outcome of one record and forces the line to disk. */
    public void outcome(String key, State state, String detail) {
        write(line(key, state, detail));
        last.put(key, new Entry(state, detail == null ? "" : detail));
    }

    /** Records several outcomes at once (one bulk answer) and forces them to disk. */
    public void outcomes(Map<String, Entry> outcomes) {
        StringBuilder sb = new StringBuilder();
        outcomes.forEach((key, e) -> sb.append(line(key, e.state(), e.detail())));
        write(sb.toString());
        last.putAll(outcomes);
    }

    private static String line(String key, State state, String detail) {
        String word = state.name().toLowerCase(java.util.Locale.ROOT);
        return escape(key) + "\t" + word + (detail == null || detail.isEmpty() ? "" : " " + escape(detail)) + "\n";
    }

    private void write(String text) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean endsWithNewline(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            if (ch.size() == 0) {
                return true;
            }
            ByteBuffer one = ByteBuffer.allocate(1);
            ch.read(one, ch.size() - 1);
            return one.get(0) == '\n';
        }
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
