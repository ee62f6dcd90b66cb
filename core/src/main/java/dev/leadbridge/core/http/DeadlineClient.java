package dev.leadbridge.core.http;

import dev.leadbridge.core.api.Durations;
import feign.Client;
import feign.Request;
import feign.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gives every request one overall deadline that covers the body. The JDK client's request timeout
 * ({@code read-timeout}) ends when the response headers arrive, so a server that sends headers and then one byte
 * per second could hold a call forever. This client reads the whole body before it returns the response, and when
 * the deadline (counted from the request's start) passes first, a watchdog closes the body stream, which cancels
 * the exchange and closes its connection; the call then fails with an {@link HttpTimeoutException}, which becomes a
 * typed timeout ({@code ProviderUnavailableException} with reason {@code TIMEOUT}, naming the connection) that the
 * retry policy treats like any other timeout. Thread-safe.
 */
final class DeadlineClient implements Client {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "leadbridge-request-deadline");
        t.setDaemon(true);
        return t;
    });

    private final Client delegate;
    private final Duration deadline;

    /**
     * Wraps {@code delegate}.
     *
     * @param delegate the client that sends the request (its own timeouts bound the wait for the headers)
     * @param deadline the longest a request may take from its start to the end of its body
     */
    DeadlineClient(Client delegate, Duration deadline) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
    }

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
        long start = System.nanoTime();
        Response response = delegate.execute(request, options);
        if (response.body() == null) {
            return response;
        }
        InputStream in = response.body().asInputStream();
        AtomicBoolean expired = new AtomicBoolean();
        long left = deadline.toNanos() - (System.nanoTime() - start);
        ScheduledFuture<?> alarm = WATCHDOG.schedule(() -> {
            expired.set(true);
            closeQuietly(in);
        }, Math.max(0, left), TimeUnit.NANOSECONDS);
        byte[] body;
        try {
            body = readBody(in, response.body().length());
        } catch (IOException e) {
            if (expired.get()) {
                throw timeout(e);
            }
            throw e;
        } finally {
            alarm.cancel(false);
            closeQuietly(in);
        }
        if (expired.get()) {
            throw timeout(null);
        }
        return response.toBuilder().body(new BodyBytes(body), body.length).build();
    }

    /**
     * The body the deadline read, as a stream whose array the decoder can take without another copy
     * ({@link #bytesOf}); a Feign {@code byte[]} body would hand out a copy each time.
     */
    static final class BodyBytes extends java.io.ByteArrayInputStream {
        BodyBytes(byte[] body) {
            super(body);
        }

        /** The whole body, when none of it has been read from this stream yet; else null. */
        byte[] unread() {
            return pos == 0 ? buf : null;
        }
    }

    /**
     * The whole body of a response: the array itself when this client read it (nothing of it read yet), else the
     * bytes read from its stream. Empty when there is no body.
     */
    static byte[] bytesOf(Response response) throws IOException {
        if (response.body() == null) {
            return new byte[0];
        }
        InputStream in = response.body().asInputStream();
        if (in instanceof BodyBytes held && held.unread() != null) {
            return held.unread();
        }
        try (in) {
            return in.readAllBytes();
        }
    }

    /**
     * The whole body. With a {@code Content-Length} it is read straight into an array of that size: one copy of the
     * bytes, where {@link InputStream#readAllBytes()} collects chunks and copies them again into the result.
     */
    static byte[] readBody(InputStream in, Integer length) throws IOException {
        if (length == null || length < 0) {
            return in.readAllBytes();
        }
        byte[] body = new byte[length];
        int read = in.readNBytes(body, 0, length);
        if (read < length) {
            return Arrays.copyOf(body, read);
        }
        byte[] more = in.readAllBytes();
        if (more.length == 0) {
            return body;
        }
        byte[] all = Arrays.copyOf(body, length + more.length);
        System.arraycopy(more, 0, all, length, more.length);
        return all;
    }

    private HttpTimeoutException timeout(Throwable cause) {
        HttpTimeoutException e = new HttpTimeoutException("the answer did not arrive in full within the request's"
                + " deadline of " + Durations.format(deadline) + " (connect-timeout + read-timeout, body included)");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException | RuntimeException ignored) {
            // closing is best effort: the exchange is abandoned either way
        }
    }
}
