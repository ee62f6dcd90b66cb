package dev.leadbridge.client.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The part of a sync checkpoint that a provider read newest first (workspace-v1: createdAt descending, page-number
 * paging, no server filter on dates) needs: where the new leads end, where the reconcile pass over the older leads
 * stands, and what the reconcile spent of the key's budget in the last hour. Immutable.
 *
 * @param top             the newest createdAt read so far (every lead created up to it was delivered); null before
 *                        the first page was read, which makes the next sync read the whole listing (an initial pass)
 * @param topLeads        the leads read with a createdAt within the look-back before {@code top}, so they are not
 *                        delivered again unless their updatedAt changed
 * @param pass            the reconcile pass in progress, or null
 * @param lastPassStarted the {@link Pass#mark()} of the last completed pass, in the provider's time (leads updated
 *                        before it, less the look-back, were delivered by it); null before the first completed
 * @param spent           requests the reconcile made, per minute (epoch minute to count), within the last hour
 * @param sortByUpdatedAt what the server's answers proved about {@code sortBy=updatedAt&sortOrder=asc}
 * @param sortChecked     when the answers last proved or disproved it (client clock), null before; an
 *                        {@link SortProof#IGNORED} is tried again once it is old enough
 * @param sortedTotal     the listing's total in the last read sorted by updatedAt (guesses the last page), 0 unknown
 */
public record ListingState(Instant top, List<TopLead> topLeads, Pass pass, Instant lastPassStarted,
                           Map<Long, Integer> spent, SortProof sortByUpdatedAt, Instant sortChecked,
                           long sortedTotal) {

    /** Nothing read yet. */
    public static final ListingState EMPTY = new ListingState(null, List.of(), null, null, Map.of(), SortProof.UNKNOWN);

    /** Set in the sort proof's byte when {@code sortChecked} and {@code sortedTotal} follow (older ones lack them). */
    private static final int SORT_DETAILS = 0x80;

    private static final int MAX_ENTRIES = 1_000_000;

    /** Copies the collections. */
    public ListingState {
        topLeads = List.copyOf(topLeads);
        spent = Collections.unmodifiableMap(new TreeMap<>(spent));
        Objects.requireNonNull(sortByUpdatedAt, "sortByUpdatedAt");
        sortedTotal = Math.max(0, sortedTotal);
    }

    /** A state with nothing known of the sorted listing beyond {@code sortByUpdatedAt}. */
    public ListingState(Instant top, List<TopLead> topLeads, Pass pass, Instant lastPassStarted,
                        Map<Long, Integer> spent, SortProof sortByUpdatedAt) {
        this(top, topLeads, pass, lastPassStarted, spent, sortByUpdatedAt, null, 0);
    }

    /**
     * A lead near the top of the listing.
     *
     * @param id        native id
     * @param createdAt its createdAt
     * @param updatedAt its updatedAt when read (null when it has none)
     */
    public record TopLead(String id, Instant createdAt, Instant updatedAt) {
    }

    /**
     * A reconcile pass over the whole listing in its natural order, continued across syncs.
     *
     * @param index   the position (leads before it in the listing) the pass has read up to
     * @param total   the listing's total when {@code index} was reached; the total's change since bounds how far the
     *                position moved (inserts at the top push it down, deletions before it pull it up)
     * @param started when the pass started
     * @param initial whether it is a first (or full) read of the listing, which is not held to the budget share
     * @param mark    the latest updatedAt on the pass's first page, in the provider's time (null before it was
     *                read): every lead the pass reads is read after it, so an update the pass missed is later
     */
    public record Pass(long index, long total, Instant started, boolean initial, Instant mark) {
    }

    /** What the answers to {@code sortBy=updatedAt&sortOrder=asc} proved. */
    public enum SortProof {
        /** Not tried yet. */
        UNKNOWN,
        /** Every page of the last sorted read came in ascending updatedAt, and not in the natural order. */
        HONOURED,
        /**
         * An answer broke the order, or none proved it: the server ignores the parameters (or sorts otherwise); the
         * listing is read newest first with the reconcile pass, and the sort is tried again after a while.
         */
        IGNORED
    }

    /** This state with another pass. */
    public ListingState withPass(Pass newPass) {
        return new ListingState(top, topLeads, newPass, lastPassStarted, spent, sortByUpdatedAt, sortChecked,
                sortedTotal);
    }

    /** This state with what is known of the listing sorted by updatedAt. */
    public ListingState withSort(SortProof proof, Instant checked, long total) {
        return new ListingState(top, topLeads, pass, lastPassStarted, spent, proof, checked, total);
    }

    /** The requests the reconcile made in the hour before {@code now}. */
    public int spentWithin(Instant now, Duration window) {
        long from = (now.getEpochSecond() - window.getSeconds()) / 60;
        int sum = 0;
        for (Map.Entry<Long, Integer> e : spent.entrySet()) {
            if (e.getKey() > from) {
                sum += e.getValue();
            }
        }
        return sum;
    }

    /** The spent map with {@code requests} more at {@code now}, entries older than {@code window} dropped. */
    public static Map<Long, Integer> spend(Map<Long, Integer> spent, Instant now, Duration window, int requests) {
        TreeMap<Long, Integer> copy = new TreeMap<>(spent);
        long minute = now.getEpochSecond() / 60;
        long from = (now.getEpochSecond() - window.getSeconds()) / 60;
        copy.headMap(from, true).clear();
        if (requests > 0) {
            copy.merge(minute, requests, Integer::sum);
        }
        return copy;
    }

    void write(DataOutputStream out) throws IOException {
        writeNullableInstant(out, top);
        out.writeInt(topLeads.size());
        for (TopLead lead : topLeads) {
            out.writeUTF(lead.id());
            SyncState.writeInstant(out, lead.createdAt());
            writeNullableInstant(out, lead.updatedAt());
        }
        out.writeBoolean(pass != null);
        if (pass != null) {
            out.writeLong(pass.index());
            out.writeLong(pass.total());
            SyncState.writeInstant(out, pass.started());
            out.writeBoolean(pass.initial());
            writeNullableInstant(out, pass.mark());
        }
        writeNullableInstant(out, lastPassStarted);
        out.writeInt(spent.size());
        for (Map.Entry<Long, Integer> e : spent.entrySet()) {
            out.writeLong(e.getKey());
            out.writeInt(e.getValue());
        }
        boolean details = sortChecked != null || sortedTotal > 0;
        out.writeByte(sortByUpdatedAt.ordinal() | (details ? SORT_DETAILS : 0));
        if (details) {
            writeNullableInstant(out, sortChecked);
            out.writeLong(sortedTotal);
        }
    }

    static ListingState read(DataInputStream in, int limit) throws IOException {
        Instant top = readNullableInstant(in);
        int n = in.readInt();
        if (n < 0 || n > Math.min(limit, MAX_ENTRIES)) {
            throw new IOException("its top size " + n + " is impossible");
        }
        List<TopLead> topLeads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            topLeads.add(new TopLead(in.readUTF(), SyncState.readInstant(in), readNullableInstant(in)));
        }
        Pass pass = null;
        if (in.readBoolean()) {
            long index = in.readLong();
            long total = in.readLong();
            Instant started = SyncState.readInstant(in);
            boolean initial = in.readBoolean();
            Instant mark = readNullableInstant(in);
            if (index < 0 || total < 0) {
                throw new IOException("its pass position is negative");
            }
            pass = new Pass(index, total, started, initial, mark);
        }
        Instant lastPassStarted = readNullableInstant(in);
        int m = in.readInt();
        if (m < 0 || m > Math.min(limit, MAX_ENTRIES)) {
            throw new IOException("its budget size " + m + " is impossible");
        }
        Map<Long, Integer> spent = new TreeMap<>();
        for (int i = 0; i < m; i++) {
            spent.put(in.readLong(), in.readInt());
        }
        int flags = in.readUnsignedByte();
        int proof = flags & ~SORT_DETAILS;
        if (proof >= SortProof.values().length) {
            throw new IOException("its sort proof " + proof + " is unknown");
        }
        Instant sortChecked = null;
        long sortedTotal = 0;
        if ((flags & SORT_DETAILS) != 0) {
            sortChecked = readNullableInstant(in);
            sortedTotal = in.readLong();
            if (sortedTotal < 0) {
                throw new IOException("its sorted total is negative");
            }
        }
        return new ListingState(top, topLeads, pass, lastPassStarted, spent, SortProof.values()[proof], sortChecked,
                sortedTotal);
    }

    private static void writeNullableInstant(DataOutputStream out, Instant instant) throws IOException {
        out.writeBoolean(instant != null);
        if (instant != null) {
            SyncState.writeInstant(out, instant);
        }
    }

    private static Instant readNullableInstant(DataInputStream in) throws IOException {
        return in.readBoolean() ? SyncState.readInstant(in) : null;
    }

    /** The top, the pass's position and the budget spent; not the lead ids. */
    @Override
    public String toString() {
        return "listing[top=" + top + ", topLeads=" + topLeads.size() + ", pass=" + pass + ", lastPassStarted="
                + lastPassStarted + ", spentMinutes=" + spent.size() + ", sortByUpdatedAt=" + sortByUpdatedAt
                + ", sortChecked=" + sortChecked + ", sortedTotal=" + sortedTotal + "]";
    }
}
