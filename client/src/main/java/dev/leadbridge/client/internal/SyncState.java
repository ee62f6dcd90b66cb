package dev.leadbridge.client.internal;

import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.InvalidRequestException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The content of a sync checkpoint: the connection it belongs to, the watermark (the latest {@code updatedAt} up to
 * which every lead was delivered) and the leads delivered within the look-back window before it, by native id with
 * the {@code updatedAt} they were delivered with, so a lead re-read in the window is not delivered again unless it
 * changed; for providers read newest first, also the {@link ListingState} (the newest createdAt read, the reconcile
 * pass's position and its budget). Immutable. Its text form is {@code lb1.} followed by the URL-safe Base64 of a
 * deflated binary record; version 1 records (written before the listing state existed) still parse, with no listing
 * state, which makes the next sync of a newest-first provider read the whole listing once (the safe fallback).
 * During a first sync read in disjoint {@code updatedAt} ranges ({@link UpdatedAtRanges}) the record is of version 3
 * (version 2 followed by the ranges); every other state is still written as version 2.
 *
 * @param connection the connection name, null for the initial checkpoint
 * @param watermark  the watermark, null when nothing was delivered yet
 * @param window     native id to the updatedAt delivered, oldest first
 * @param listing    the newest-first listing's state, null when none (other providers, older checkpoints)
 * @param ranges     the ranges of a first sync read in {@code updatedAt} ranges that is not finished, else null
 */
public record SyncState(String connection, Instant watermark, Map<String, Instant> window, ListingState listing,
                        UpdatedAtRanges ranges) {

    /** The state before any sync. */
    public static final SyncState INITIAL = new SyncState(null, null, Map.of(), null);

    private static final String PREFIX = "lb1.";
    private static final int VERSION_1 = 1;
    private static final int VERSION = 2;
    private static final int VERSION_RANGES = 3;
    private static final int MAX_TEXT = 16 * 1024 * 1024;

    /** Copies the window. */
    public SyncState {
        window = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(window, "window")));
    }

    /** A state without a listing state. */
    public SyncState(String connection, Instant watermark, Map<String, Instant> window) {
        this(connection, watermark, window, null);
    }

    /** A state without ranges. */
    public SyncState(String connection, Instant watermark, Map<String, Instant> window, ListingState listing) {
        this(connection, watermark, window, listing, null);
    }

    /** The text form, for the caller to persist. */
    public String encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(ranges == null ? VERSION : VERSION_RANGES);
            writeNullable(out, connection);
            out.writeBoolean(watermark != null);
            if (watermark != null) {
                writeInstant(out, watermark);
            }
            out.writeInt(window.size());
            for (Map.Entry<String, Instant> e : window.entrySet()) {
                out.writeUTF(e.getKey());
                writeInstant(out, e.getValue());
            }
            out.writeBoolean(listing != null);
            if (listing != null) {
                listing.write(out);
            }
            if (ranges != null) {
                ranges.write(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] raw = bytes.toByteArray();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(raw);
        deflater.finish();
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            packed.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(packed.toByteArray());
    }

    /**
     * Reads the text form.
     *
     * @throws InvalidRequestException when the text is not a checkpoint written by {@link #encode()}
     */
    public static SyncState decode(String text) {
        if (text == null || !text.trim().startsWith(PREFIX) || text.length() > MAX_TEXT) {
            throw malformed("it does not start with '" + PREFIX + "'", null);
        }
        byte[] packed;
        try {
            packed = Base64.getUrlDecoder().decode(text.trim().substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw malformed("it is not Base64", e);
        }
        byte[] raw = inflate(packed);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(raw))) {
            int version = in.readUnsignedByte();
            if (version != VERSION && version != VERSION_1 && version != VERSION_RANGES) {
                throw malformed("version " + version + " is not supported", null);
            }
            String connection = readNullable(in);
            Instant watermark = in.readBoolean() ? readInstant(in) : null;
            int size = in.readInt();
            if (size < 0 || size > raw.length) {
                throw malformed("its window size " + size + " is impossible", null);
            }
            Map<String, Instant> window = new LinkedHashMap<>();
            for (int i = 0; i < size; i++) {
                window.put(in.readUTF(), readInstant(in));
            }
            ListingState listing = version >= VERSION && in.readBoolean() ? ListingState.read(in, raw.length) : null;
            UpdatedAtRanges ranges = version == VERSION_RANGES ? UpdatedAtRanges.read(in) : null;
            if (in.read() != -1) {
                throw malformed("it has trailing bytes", null);
            }
            return new SyncState(connection, watermark, window, listing, ranges);
        } catch (EOFException e) {
            throw malformed("it is truncated", e);
        } catch (IOException | DateTimeException e) {
            throw malformed(e.getMessage(), e);
        }
    }

    private static byte[] inflate(byte[] packed) {
        Inflater inflater = new Inflater();
        inflater.setInput(packed);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw malformed("it is truncated", null);
                }
                raw.write(buffer, 0, n);
                if (raw.size() > MAX_TEXT * 8) {
                    throw malformed("it is too large", null);
                }
            }
        } catch (DataFormatException e) {
            throw malformed("it is corrupt", e);
        } finally {
            inflater.end();
        }
        return raw.toByteArray();
    }

    static void writeNullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
        out.writeLong(instant.getEpochSecond());
        out.writeInt(instant.getNano());
    }

    static Instant readInstant(DataInputStream in) throws IOException {
        long seconds = in.readLong();
        int nanos = in.readInt();
        if (nanos < 0 || nanos > 999_999_999) {
            throw new IOException("a timestamp is corrupt");
        }
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static InvalidRequestException malformed(String why, Throwable cause) {
        return new InvalidRequestException("not a sync checkpoint: " + why, ErrorDetails.NONE, cause);
    }

    @Override
    public String toString() {
        return "SyncState[connection=" + connection + ", watermark=" + watermark + ", window=" + window.size()
                + " leads" + (listing == null ? "" : ", " + listing) + (ranges == null ? "" : ", " + ranges) + "]";
    }
}
