package dev.leadbridge.core.http;

import dev.leadbridge.core.api.Durations;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.MalformedResponseException;
import feign.Client;
import feign.Request;
import feign.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Sends Feign's requests on the JDK {@link HttpClient} and gives every request one overall deadline that covers the
 * body. The JDK client's request timeout ({@code read-timeout}) ends when the response headers arrive, so a server
 * that sends headers and then one byte per second could hold a call forever. Here the body must be in by the
 * deadline, counted from the request's start (the headers' own timeout ends before it). When it passes, the body's
 * subscription is cancelled, which closes its connection, and the call fails with an {@link HttpTimeoutException}:
 * a typed timeout ({@code ProviderUnavailableException} with reason {@code TIMEOUT}, naming the connection) that the
 * retry policy treats like any other timeout. Any other failure is the JDK's own {@link IOException} (connect
 * refused, connect timeout, reset), as {@code HttpErrors} classifies them. Thread-safe.
 *
 * <p>Written instead of Feign's {@code Http2Client} (feign-java11): that client hands the body over as a stream that
 * the calling thread reads buffer by buffer from the JDK's queue (a wake-up per buffer) before this deadline could
 * read it into an array; the JDK collects the body into one array itself ({@code BodyHandlers.ofByteArray()}), and a
 * page of leads cost measurably less CPU this way ({@code docs/BENCHMARKS.md}, section 10).
 */
final class DeadlineClient implements Client {

    /** Headers the JDK client sets itself and refuses from callers (as Feign's own JDK client leaves them out). */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    /**
     * The largest answer read, 32 MiB: a page of a thousand leads is about 1 MiB. A bigger one (announced or sent)
     * is refused before it fills the memory, as a {@link MalformedResponseException}.
     */
    static final int MAX_BODY_BYTES = 32 << 20;

    private final HttpClient http;
    private final Duration deadline;
    private final ErrorDetails details;

    /**
     * Sends on {@code http}.
     *
     * @param http     the JDK client (its connect timeout bounds connecting; each request's timeout the headers)
     * @param deadline the longest a request may take from its start to the end of its body
     * @param details  provider and connection, for the error of an answer too large to read
     */
    DeadlineClient(HttpClient http, Duration deadline, ErrorDetails details) {
        this.http = Objects.requireNonNull(http, "http");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.details = Objects.requireNonNull(details, "details");
    }

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
        Deadline answer = new Deadline(System.nanoTime() + deadline.toNanos());
        HttpResponse<byte[]> response;
        try {
            // send, not sendAsync: the JDK hands sendAsync's result to its default async executor, which on a
            // machine of one or two cores starts a new thread for every response
            response = http.send(jdkRequest(request, options), answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();  // send has cancelled the exchange
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting for "
                    + request.httpMethod() + " " + request.url());
            interrupted.initCause(e);
            throw interrupted;
        } catch (IOException e) {
            throw failure(e, answer);
        }
        return feignResponse(request, response);
    }

    /**
     * What the call throws for a failed send: the timeout of this deadline, or the JDK's own exception (send wraps
     * the one from its exchange in a copy of the same type, whose cause it is).
     *
     * @throws MalformedResponseException when the answer was refused for its size
     */
    private IOException failure(IOException thrown, Deadline answer) {
        CappedBody body = answer.body;
        if (body != null && body.expired) {
            return timeout(thrown);
        }
        if (thrown.getCause() instanceof TooLarge tooLarge) {
            throw new MalformedResponseException("the provider's answer is larger than " + (MAX_BODY_BYTES >> 20)
                    + " MiB (" + tooLarge.getMessage() + "); it was not read",
                    details.withResponse(tooLarge.status, null, null));
        }
        return thrown.getCause() instanceof IOException original ? original : thrown;
    }

    private static HttpRequest jdkRequest(Request request, Request.Options options) throws IOException {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(new URI(request.url()));
        } catch (URISyntaxException e) {
            throw new IOException("invalid URI " + request.url(), e);
        }
        builder.timeout(Duration.ofMillis(options.readTimeoutMillis()));
        for (Map.Entry<String, Collection<String>> header : request.headers().entrySet()) {
            if (!RESTRICTED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                for (String value : header.getValue()) {
                    builder.header(header.getKey(), value);
                }
            }
        }
        byte[] body = request.body();
        return builder.method(request.httpMethod().name(), body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static Response feignResponse(Request request, HttpResponse<byte[]> response) throws IOException {
        byte[] body = decoded(response.body(), response.headers().allValues("Content-Encoding"));
        return Response.builder()
                .request(request)
                .protocolVersion(Request.ProtocolVersion.HTTP_1_1)
                .status(response.statusCode())
                .headers(Collections.unmodifiableMap(response.headers().map()))  // Feign copies it itself
                .body(new BodyBytes(body), body.length)
                .build();
    }

    /** The body as sent, or inflated when the server compressed it although nothing asked for that. */
    private static byte[] decoded(byte[] body, List<String> encodings) throws IOException {
        if (body.length == 0 || encodings.isEmpty()) {
            return body;
        }
        if (encodings.contains("gzip")) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                return in.readAllBytes();
            }
        }
        if (encodings.contains("deflate")) {
            try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(body))) {
                return in.readAllBytes();
            }
        }
        return body;
    }

    private HttpTimeoutException timeout(Throwable cause) {
        HttpTimeoutException e = new HttpTimeoutException("the answer did not arrive in full within the request's"
                + " deadline of " + Durations.format(deadline) + " (connect-timeout + read-timeout, body included)");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /**
     * The handler of one request's answer: it gives the body subscriber the request's deadline and keeps it, to tell
     * the deadline's timeout from the JDK's own timeout of the headers.
     */
    private static final class Deadline implements HttpResponse.BodyHandler<byte[]> {
        private final long atNanos;
        private volatile CappedBody body;

        Deadline(long atNanos) {
            this.atNanos = atNanos;
        }

        @Override
        public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
            CappedBody subscriber = new CappedBody(info, atNanos);
            body = subscriber;
            return subscriber;
        }
    }

    /**
     * The body as one array, as {@code BodyHandlers.ofByteArray()} collects it, but no more than
     * {@link #MAX_BODY_BYTES} and no later than the deadline: an answer that announces more is cancelled before any
     * of its body is read, one that sends more is cancelled as soon as it passes the limit, one still arriving at the
     * deadline is cancelled then. Cancelling closes the connection. The JDK calls the subscriber's methods one at a
     * time, the deadline's timer calls {@link #expire} from its own thread: both are serialised on this object.
     */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final HttpResponse.BodySubscriber<byte[]> collected = HttpResponse.BodySubscribers.ofByteArray();
        private final int status;
        private final long announced;
        private final long deadlineNanos;
        private Flow.Subscription subscription;
        private ScheduledFuture<?> timer;
        private long received;
        private boolean done;
        volatile boolean expired;

        CappedBody(HttpResponse.ResponseInfo info, long deadlineNanos) {
            this.status = info.statusCode();
            this.announced = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public synchronized void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            collected.onSubscribe(subscription);
            if (announced > MAX_BODY_BYTES) {
                refuse(new TooLarge(announced + " bytes announced", status));
            } else {
                timer = Timer.SCHEDULER.schedule(this::expire, deadlineNanos - System.nanoTime(),
                        TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public synchronized void onNext(List<ByteBuffer> buffers) {
            if (done) {
                return;  // what was on its way when the answer was refused
            }
            for (ByteBuffer buffer : buffers) {
                received += buffer.remaining();
            }
            if (received > MAX_BODY_BYTES) {
                refuse(new TooLarge("more than " + MAX_BODY_BYTES + " bytes sent", status));
            } else {
                collected.onNext(buffers);
            }
        }

        private synchronized void expire() {
            if (!done) {
                expired = true;
                refuse(new HttpTimeoutException("the body did not arrive in full within the deadline"));
            }
        }

        private void refuse(IOException why) {
            finish();
            subscription.cancel();
            collected.onError(why);
        }

        private void finish() {
            done = true;
            if (timer != null) {
                timer.cancel(false);
            }
        }

        @Override
        public synchronized void onError(Throwable failure) {
            if (!done) {
                finish();
                collected.onError(failure);
            }
        }

        @Override
        public synchronized void onComplete() {
            if (!done) {
                finish();
                collected.onComplete();
            }
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return collected.getBody();
        }
    }

    /** The one timer thread of every client's deadlines, started with the first answer. */
    private static final class Timer {
        static final ScheduledExecutorService SCHEDULER = scheduler();

        private static ScheduledExecutorService scheduler() {
            ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "leadbridge-http-deadline");
                t.setDaemon(true);
                return t;
            });
            scheduler.setRemoveOnCancelPolicy(true);  // most answers arrive in time: their tasks leave at once
            return scheduler;
        }
    }

    /** An answer over {@link #MAX_BODY_BYTES}, refused. */
    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;

        TooLarge(String message, int status) {
            super(message);
            this.status = status;
        }
    }

    /**
     * The body as a stream whose array the decoder can take without another copy ({@link #bytesOf}); a Feign
     * {@code byte[]} body would hand out a copy each time.
     */
    static final class BodyBytes extends ByteArrayInputStream {
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
}
