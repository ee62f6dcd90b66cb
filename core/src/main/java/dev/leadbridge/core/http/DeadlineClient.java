package dev.leadbridge.core.http;

import dev.leadbridge.core.api.Durations;
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
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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

    private final HttpClient http;
    private final Duration deadline;

    /**
     * Sends on {@code http}.
     *
     * @param http     the JDK client (its connect timeout bounds connecting; each request's timeout the headers)
     * @param deadline the longest a request may take from its start to the end of its body
     */
    DeadlineClient(HttpClient http, Duration deadline) {
        this.http = Objects.requireNonNull(http, "http");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
    }

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(jdkRequest(request, options),
                HttpResponse.BodyHandlers.ofByteArray());
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
