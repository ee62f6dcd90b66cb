package dev.leadbridge.client;

import dev.leadbridge.client.internal.SyncState;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A position in the incremental sync of one connection, which the caller persists as a string
 * ({@link #asString()}) and hands back to {@link LeadbridgeClient#changesSince} next time ({@link #parse(String)}).
 * It holds the watermark (every lead updated up to it was delivered) and the ids delivered within the look-back
 * window before it, so leads re-read there are not delivered twice unless they changed; during a first sync read in
 * disjoint {@code updatedAt} ranges (Octanist), also each range's position, so a stopped first sync resumes every
 * range where it stopped. Immutable and thread-safe; equal when their string forms are equal.
 */
public final class SyncCheckpoint {

    private static final SyncCheckpoint INITIAL = new SyncCheckpoint(SyncState.INITIAL);

    private final SyncState state;
    private volatile String text;

    SyncCheckpoint(SyncState state) {
        this.state = Objects.requireNonNull(state, "state");
    }

    /** The checkpoint before the first sync: every lead is new. */
    public static SyncCheckpoint initial() {
        return INITIAL;
    }

    /**
     * Reads a checkpoint from the text {@link #asString()} gave.
     *
     * @throws dev.leadbridge.core.error.InvalidRequestException when the text is not a checkpoint
     */
    public static SyncCheckpoint parse(String text) {
        return new SyncCheckpoint(SyncState.decode(text));
    }

    /** The text form to persist: ASCII only, safe in files, URLs and environment variables. */
    public String asString() {
        String t = text;
        if (t == null) {
            t = state.encode();
            text = t;
        }
        return t;
    }

    /** The watermark: every lead updated up to this instant was delivered; empty before the first delivered lead. */
    public Optional<Instant> watermark() {
        return Optional.ofNullable(state.watermark());
    }

    /** The connection this checkpoint belongs to; empty for {@link #initial()}. */
    public Optional<String> connection() {
        return Optional.ofNullable(state.connection());
    }

    SyncState state() {
        return state;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SyncCheckpoint other && other.asString().equals(asString());
    }

    @Override
    public int hashCode() {
        return asString().hashCode();
    }

    /** Shows the connection and watermark, not the whole window. */
    @Override
    public String toString() {
        return "SyncCheckpoint[connection=" + state.connection() + ", watermark=" + state.watermark()
                + ", windowLeads=" + state.window().size() + "]";
    }
}
