package dev.leadbridge.store.internal;

import dev.leadbridge.client.internal.ListingState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the refresh by id of a connection that cannot list (Nexor) stands, kept as the connection's
 * {@code sync_state.checkpoint} text ({@code refresh1.} and URL-safe Base64): the last native id refreshed in the
 * current pass (passes go in native-id order), when that pass and the last complete one started, and the requests
 * made per minute within the last hour, so a run never spends more than its budget share. A text that is not one
 * (none yet, or a listing checkpoint) reads as no position: a new pass. Immutable.
 *
 * @param after           the last native id refreshed in the current pass; null at a pass's start
 * @param passStarted     when the current pass started; null when none is running
 * @param lastPassStarted when the last complete pass started; null before the first completed
 * @param spent           requests per epoch minute within the last hour
 */
public record RefreshPosition(String after, Instant passStarted, Instant lastPassStarted, Map<Long, Integer> spent) {

    private static final String PREFIX = "refresh1.";
    private static final Duration HOUR = Duration.ofHours(1);

    /** Copies the map. */
    public RefreshPosition {
        spent = Map.copyOf(spent);
    }

    /** The position a checkpoint text holds; no position when the text is null or not a refresh position. */
    public static RefreshPosition parse(String text) {
        RefreshPosition none = new RefreshPosition(null, null, null, Map.of());
        if (text == null || !text.startsWith(PREFIX)) {
            return none;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(
                Base64.getUrlDecoder().decode(text.substring(PREFIX.length()))))) {
            String after = in.readBoolean() ? in.readUTF() : null;
            Instant started = in.readBoolean() ? Instant.ofEpochSecond(in.readLong()) : null;
            Instant last = in.readBoolean() ? Instant.ofEpochSecond(in.readLong()) : null;
            int n = in.readInt();
            if (n < 0 || n > 10_000) {
                return none;
            }
            Map<Long, Integer> spent = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                spent.put(in.readLong(), in.readInt());
            }
            return new RefreshPosition(after, started, last, spent);
        } catch (IOException | IllegalArgumentException e) {
            return none;
        }
    }

    /** A new pass starting at {@code now}. */
    public RefreshPosition startPass(Instant now) {
        return new RefreshPosition(null, now, lastPassStarted, spent);
    }

    /** The requests made in the hour before {@code now}. */
    public int spentWithin(Instant now) {
        return new ListingState(null, java.util.List.of(), null, null, spent, ListingState.SortProof.UNKNOWN)
                .spentWithin(now, HOUR);
    }

    /** The positions to save while refreshing the ids of this run. */
    public Passing passing() {
        return new Passing(this);
    }

    /** The text to save. */
    public String encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeBoolean(after != null);
            if (after != null) {
                out.writeUTF(after);
            }
            out.writeBoolean(passStarted != null);
            if (passStarted != null) {
                out.writeLong(passStarted.getEpochSecond());
            }
            out.writeBoolean(lastPassStarted != null);
            if (lastPassStarted != null) {
                out.writeLong(lastPassStarted.getEpochSecond());
            }
            out.writeInt(spent.size());
            for (Map.Entry<Long, Integer> e : new TreeMap<>(spent).entrySet()) {
                out.writeLong(e.getKey());
                out.writeInt(e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
    }

    /** The position as one run refreshes its ids, batch by batch. Not thread-safe. */
    public static final class Passing {
        private RefreshPosition current;

        private Passing(RefreshPosition start) {
            this.current = start;
        }

        /**
         * The text to save with a batch.
         *
         * @param lastId   the last native id of the batch (null when the run refreshed none)
         * @param requests the requests the batch made
         * @param passEnds whether no living lead follows the batch's last: the pass is complete
         * @param now      the clock's time
         */
        public String after(String lastId, int requests, boolean passEnds, Instant now) {
            Map<Long, Integer> spent = ListingState.spend(current.spent(), now, HOUR, requests);
            String after = lastId == null ? current.after() : lastId;
            current = passEnds
                    ? new RefreshPosition(null, null, current.passStarted(), spent)
                    : new RefreshPosition(after, current.passStarted(), current.lastPassStarted(), spent);
            return current.encode();
        }
    }
}
