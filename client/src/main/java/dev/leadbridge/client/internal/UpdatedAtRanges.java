package dev.leadbridge.client.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of a sync checkpoint that a first sync read in disjoint {@code updatedAt} ranges needs to resume: each
 * range's bounds and how far its keyset read has delivered. Ranges are in ascending order and disjoint; only the last
 * is open at the top. Immutable.
 *
 * @param parts the ranges, lowest first (at least one)
 */
public record UpdatedAtRanges(List<Part> parts) {

    private static final int MAX_PARTS = 10_000;

    /** Copies the list. */
    public UpdatedAtRanges {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("at least one range");
        }
    }

    /**
     * One range {@code [lower, upper)}.
     *
     * @param lower the lower bound (inclusive), null for the first range (from the start of the listing)
     * @param upper the upper bound (exclusive), null for the last range (open)
     * @param from  the {@code updatedAt} of the last lead of the range delivered (every lead of the range before it
     *              was delivered), null when none was
     * @param done  whether every lead of the range was delivered
     */
    public record Part(Instant lower, Instant upper, Instant from, boolean done) {
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(parts.size());
        for (Part part : parts) {
            writeNullable(out, part.lower());
            writeNullable(out, part.upper());
            writeNullable(out, part.from());
            out.writeBoolean(part.done());
        }
    }

    static UpdatedAtRanges read(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 1 || n > MAX_PARTS) {
            throw new IOException("its range count " + n + " is impossible");
        }
        List<Part> parts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            parts.add(new Part(readNullable(in), readNullable(in), readNullable(in), in.readBoolean()));
        }
        return new UpdatedAtRanges(parts);
    }

    private static void writeNullable(DataOutputStream out, Instant instant) throws IOException {
        out.writeBoolean(instant != null);
        if (instant != null) {
            SyncState.writeInstant(out, instant);
        }
    }

    private static Instant readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? SyncState.readInstant(in) : null;
    }

    /** The number of ranges and how many are done. */
    @Override
    public String toString() {
        return "ranges[" + parts.size() + ", done " + parts.stream().filter(Part::done).count() + "]";
    }
}
