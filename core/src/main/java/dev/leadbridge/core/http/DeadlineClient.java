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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Sends Feign's requests on the JDK {@link HttpClient} and gives every request one overall deadline that covers the
 * body. The JDK client's request timeout ({@code read-timeout}) ends when the response headers arrive, so a server
 * that sends headers and then one byte per second could hold a call forever. Here the whole answer, body included,
 * is awaited for at most the deadline (counted from the request's start); when it passes, the exchange is cancelled,
 * which closes its connection, and the call fails with an {@link HttpTimeoutException}, which becomes a typed timeout
 * ({@code ProviderUnavailableException} with reason {@code TIMEOUT}, naming the connection) that the retry policy
 * treats like any other timeout. Any other failure is the JDK's own {@link IOException} (connect refused, connect
 * timeout, reset), as {@code HttpErrors} classifies them. Thread-safe.
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
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(jdkRequest(request, options),
                CappedBody::new);
        HttpResponse<byte[]> response;
        try {
            response = answer.get(Math.max(0, deadline.toNanos() - (System.nanoTime() - start)),
                    TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw timeout(e);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting for "
                    + request.httpMethod() + " " + request.url());
            interrupted.initCause(e);
            throw interrupted;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TooLarge tooLarge) {
                throw new MalformedResponseException("the provider's answer is larger than "
                        + (MAX_BODY_BYTES >> 20) + " MiB (" + tooLarge.getMessage() + "); it was not read",
                        details.withResponse(tooLarge.status, null, null));
            }
            throw failure(e.getCause());
        }
        return feignResponse(request, response);
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

    /** The JDK's failure as it is (its type says connect refused, connect timeout, timeout, reset). */
    private static IOException failure(Throwable cause) {
        if (cause instanceof IOException io) {
            return io;
        }
        return new IOException(cause == null ? "the request failed" : cause.toString(), cause);
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
     * The body as one array, as {@code BodyHandlers.ofByteArray()} collects it, but no more than
     * {@link #MAX_BODY_BYTES}: an answer that announces more is cancelled before any of its body is read, one that
     * sends more is cancelled as soon as it passes the limit (which closes its connection).
     */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final HttpResponse.BodySubscriber<byte[]> collected = HttpResponse.BodySubscribers.ofByteArray();
        private final int status;
        private final long announced;
        private Flow.Subscription subscription;
        private long received;
        private boolean refused;

        CappedBody(HttpResponse.ResponseInfo info) {
            this.status = info.statusCode();
            this.announced = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            collected.onSubscribe(subscription);
            if (announced > MAX_BODY_BYTES) {
                refuse(announced + " bytes announced");
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (refused) {
                return;  // what was on its way when the answer was refused
            }
            for (ByteBuffer buffer : buffers) {
                received += buffer.remaining();
            }
            if (received > MAX_BODY_BYTES) {
                refuse("more than " + MAX_BODY_BYTES + " bytes sent");
            } else {
                collected.onNext(buffers);
            }
        }

        private void refuse(String why) {
            refused = true;
            subscription.cancel();
            collected.onError(new TooLarge(why, status));
        }

        @Override
        public void onError(Throwable failure) {
            collected.onError(failure);
        }

        @Override
        public void onComplete() {
            if (!refused) {
                collected.onComplete();
            }
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return collected.getBody();
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
