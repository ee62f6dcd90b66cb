package dev.leadbridge.core.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.leadbridge.core.api.ApiKey;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.LeadbridgeException;
import dev.leadbridge.core.error.MalformedResponseException;
import feign.Feign;
import feign.FeignException;
import feign.Request;
import feign.RequestInterceptor;
import feign.Response;
import feign.RetryableException;
import feign.Retryer;
import feign.codec.Decoder;
import feign.codec.ErrorDecoder;
import feign.jackson.JacksonEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Feign set-up every provider shares: the JDK {@link HttpClient} underneath, Jackson for bodies, Feign's own
 * retries switched off (Resilience4j owns retries), every successful body read as a {@link JsonNode}, or handed over
 * as a {@link JsonBody} to a method that declares it (anything that is not JSON is a
 * {@link MalformedResponseException} with the status kept, at once or from {@link JsonBody#tree()}), and every error
 * status turned into a typed error by {@link HttpErrors} after the provider has read its own error body shape. Every
 * request has one overall deadline, connect-timeout + read-timeout, that covers the body too (a body that drips fails
 * as a timeout).
 */
public final class ProviderHttpClient {

    /** Connect timeout when the connection sets none. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Read timeout when the connection sets none. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    private static final int MAX_ERROR_BODY = 64 * 1024;

    /**
     * The JDK clients, one for all connections with the same connect timeout and scheme rather than one per
     * connection: one selector thread and one pool of workers, not one of each per account, and one selector that
     * reads the answers of every connection together (with {@code DeadlineClient} sending on the calling thread, an
     * export of three accounts took a third less CPU: docs/BENCHMARKS.md section 10, round 4). Connections share
     * nothing else: each request carries its own key, and each connection keeps its own rate limit and bulkhead.
     * Held weakly, so a client no connection uses any more ends.
     */
    private static final Cache<JdkClientKey, HttpClient> JDK_CLIENTS = Caffeine.newBuilder().weakValues().build();

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private ProviderHttpClient() {
    }

    /** The lenient JSON mapper providers use for wire DTOs: unknown fields ignored, decimals as BigDecimal. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * A builder of the Feign client of {@code api} at {@code baseUrl}, whose methods return {@link JsonNode}; see
     * {@link ProviderHttpClientBuilder} for what can be set.
     */
    public static <T> ProviderHttpClientBuilder<T> builder(Class<T> api, String baseUrl) {
        return new ProviderHttpClientBuilder<>(api, baseUrl);
    }

    /**
     * Builds a Feign client of {@code api} whose methods return {@link JsonNode}; called by
     * {@link ProviderHttpClientBuilder}.
     *
     * @param api            the Feign interface
     * @param baseUrl        the API base URL
     * @param connectTimeout connect timeout
     * @param readTimeout    read timeout
     * @param auth           sets the authentication header
     * @param errorBody      reads the provider's error body (null when the body is not JSON) into an {@link HttpErrors.ErrorBody}
     * @param details        provider and connection, for errors
     * @param apiKey         the key, redacted from any server message
     * @param onResponse     sees the headers of every response (e.g. to record rate-limit headers); may be null
     * @param clock          time source for {@code Retry-After} dates
     */
    static <T> T build(Class<T> api, String baseUrl, Duration connectTimeout, Duration readTimeout,
                              RequestInterceptor auth, Function<JsonNode, HttpErrors.ErrorBody> errorBody,
                              ErrorDetails details, ApiKey apiKey,
                              Consumer<Map<String, Collection<String>>> onResponse, Clock clock) {
        boolean plainHttp = "http".equalsIgnoreCase(baseUrl.substring(0, Math.max(0, baseUrl.indexOf(':'))));
        HttpClient http = JDK_CLIENTS.get(new JdkClientKey(connectTimeout, plainHttp), ProviderHttpClient::jdkClient);
        Consumer<Map<String, Collection<String>>> headers = onResponse == null ? h -> { } : onResponse;
        return Feign.builder()
                .client(new DeadlineClient(http, connectTimeout.plus(readTimeout), details))
                .encoder(new JacksonEncoder(MAPPER))
                .decoder(new JsonDecoder(details, headers))
                .errorDecoder(new TypedErrorDecoder(errorBody, details, apiKey, headers, clock))
                .retryer(Retryer.NEVER_RETRY)
                .options(new Request.Options(connectTimeout, readTimeout, false))
                .requestInterceptor(auth)
                .target(api, baseUrl);
    }

    private static HttpClient jdkClient(JdkClientKey key) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(key.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (key.plainHttp()) {
            // every request of this client goes to a plain-http base URL (no redirects are followed): it needs no
            // TLS, and the JDK's default context (reading the trust store) is a good part of a one-shot command's
            // start-up
            builder.sslContext(NoTls.CONTEXT);
        }
        return builder.build();
    }

    /** What tells the shared JDK clients apart: all else is the same for every connection. */
    private record JdkClientKey(Duration connectTimeout, boolean plainHttp) {
    }

    /**
     * Runs one Feign call and turns whatever Feign throws into a typed {@link LeadbridgeException}.
     *
     * @throws LeadbridgeException always typed; never a Feign or I/O exception
     */
    public static <T> T call(ErrorDetails details, Supplier<T> call) {
        try {
            return call.get();
        } catch (LeadbridgeException e) {
            throw e;
        } catch (RetryableException e) {
            LeadbridgeException typed = typedCause(e);
            throw typed != null ? typed : HttpErrors.forIoFailure(e, details);
        } catch (FeignException e) {
            LeadbridgeException typed = typedCause(e);
            if (typed != null) {
                throw typed;
            }
            if (e.getCause() instanceof IOException || e.status() <= 0) {
                throw HttpErrors.forIoFailure(e, details);
            }
            throw new MalformedResponseException("could not read the provider's answer (HTTP " + e.status() + ")",
                    details.withResponse(e.status(), null, null), e);
        }
    }

    /**
     * Converts a JSON node to a wire DTO.
     *
     * @throws MalformedResponseException when the node does not fit the DTO (wrong types)
     */
    public static <T> T convert(JsonNode node, Class<T> type, ErrorDetails details) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new MalformedResponseException("the provider's answer does not have the documented shape ("
                    + e.getOriginalMessage() + ")", details, e);
        } catch (IllegalArgumentException e) {
            throw new MalformedResponseException("the provider's answer does not have the documented shape",
                    details, e);
        }
    }

    private static LeadbridgeException typedCause(Throwable e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof LeadbridgeException typed) {
                return typed;
            }
        }
        return null;
    }

    private static String readLimited(Response response, int limit) throws IOException {
        if (response.body() == null) {
            return "";
        }
        try (InputStream in = response.body().asInputStream()) {
            byte[] bytes = in.readNBytes(limit);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static final class JsonDecoder implements Decoder {
        private final ErrorDetails details;
        private final Consumer<Map<String, Collection<String>>> onHeaders;

        JsonDecoder(ErrorDetails details, Consumer<Map<String, Collection<String>>> onHeaders) {
            this.details = details;
            this.onHeaders = onHeaders;
        }

        @Override
        public Object decode(Response response, Type type) throws IOException {
            onHeaders.accept(response.headers());
            ErrorDetails where = details.withResponse(response.status(), null, null);
            byte[] bytes;
            try {
                bytes = DeadlineClient.bytesOf(response);
            } catch (IOException e) {
                throw HttpErrors.forIoFailure(e, where);
            }
            if (type == JsonBody.class) {
                return new JsonBody(bytes, response.status(), where);
            }
            return readTree(bytes, response.status(), where);
        }
    }

    /**
     * A successful answer's bytes as a tree: nothing or only blanks give {@link MissingNode}; anything that is not
     * JSON is a {@link MalformedResponseException} with the status kept. Parsed from the bytes (no UTF-8 decoding
     * into a String first), each object's map sized like the one before it (a page's leads), see
     * {@link SizedNodeFactory}.
     */
    static JsonNode readTree(byte[] bytes, int status, ErrorDetails where) {
        JsonNode tree;
        try {
            SizedNodeFactory nodes = new SizedNodeFactory();
            tree = MAPPER.reader().with(nodes).readTree(bytes);
            nodes.finish();
        } catch (JsonProcessingException e) {
            throw new MalformedResponseException("the provider answered HTTP " + status
                    + " with a body that is not JSON (" + describe(new String(bytes, StandardCharsets.UTF_8)) + ")",
                    where, e);
        } catch (IOException e) {
            throw HttpErrors.forIoFailure(e, where);
        }
        return tree == null ? MissingNode.getInstance() : tree;
    }

    private static String describe(String text) {
        String t = text.stripLeading();
        if (t.startsWith("<")) {
            return "looks like HTML";
        }
        return "truncated or invalid JSON, " + text.length() + " characters";
    }

    private static final class TypedErrorDecoder implements ErrorDecoder {
        private final Function<JsonNode, HttpErrors.ErrorBody> errorBody;
        private final ErrorDetails details;
        private final ApiKey apiKey;
        private final Consumer<Map<String, Collection<String>>> onHeaders;
        private final Clock clock;

        TypedErrorDecoder(Function<JsonNode, HttpErrors.ErrorBody> errorBody, ErrorDetails details, ApiKey apiKey,
                          Consumer<Map<String, Collection<String>>> onHeaders, Clock clock) {
            this.errorBody = Objects.requireNonNull(errorBody);
            this.details = details;
            this.apiKey = apiKey;
            this.onHeaders = onHeaders;
            this.clock = clock;
        }

        @Override
        public Exception decode(String methodKey, Response response) {
            onHeaders.accept(response.headers());
            JsonNode json = null;
            try {
                String text = readLimited(response, MAX_ERROR_BODY);
                if (!text.isBlank()) {
                    json = MAPPER.readTree(text);
                }
            } catch (IOException e) {
                json = null;
            }
            HttpErrors.ErrorBody body;
            try {
                body = json == null ? HttpErrors.ErrorBody.undocumented() : errorBody.apply(json);
            } catch (RuntimeException e) {
                body = HttpErrors.ErrorBody.undocumented();
            }
            if (body.message() != null && apiKey != null) {
                body = new HttpErrors.ErrorBody(body.documented(), body.code(), apiKey.redact(body.message()),
                        body.requestId(), body.existingLeadId());
            }
            Duration retryAfter = response.status() == 429 ? HttpErrors.retryAfter(response.headers(), clock) : null;
            return HttpErrors.forStatus(response.status(), body, details, retryAfter);
        }
    }

    /**
     * The TLS context of clients that never use TLS (plain-http base URL, no redirects): the JDK client demands one,
     * and any real one initialises the JDK's TLS provider (about a hundred classes and its elliptic curves), a good
     * part of a one-shot command's start-up (docs/BENCHMARKS.md section 10). This one only answers the empty
     * parameters the client asks for when it is built; anything that would need TLS fails.
     */
    private static final class NoTls extends javax.net.ssl.SSLContextSpi {
        static final javax.net.ssl.SSLContext CONTEXT = new javax.net.ssl.SSLContext(new NoTls(),
                new java.security.Provider("leadbridge-no-tls", "1", "plain http only") {
                    private static final long serialVersionUID = 1L;
                }, "none") {
        };

        private static UnsupportedOperationException plainHttpOnly() {
            return new UnsupportedOperationException("this client speaks plain http only");
        }

        @Override
        protected void engineInit(javax.net.ssl.KeyManager[] km, javax.net.ssl.TrustManager[] tm,
                                  java.security.SecureRandom random) {
            throw plainHttpOnly();
        }

        @Override
        protected javax.net.ssl.SSLSocketFactory engineGetSocketFactory() {
            throw plainHttpOnly();
        }

        @Override
        protected javax.net.ssl.SSLServerSocketFactory engineGetServerSocketFactory() {
            throw plainHttpOnly();
        }

        @Override
        protected javax.net.ssl.SSLEngine engineCreateSSLEngine() {
            throw plainHttpOnly();
        }

        @Override
        protected javax.net.ssl.SSLEngine engineCreateSSLEngine(String host, int port) {
            throw plainHttpOnly();
        }

        @Override
        protected javax.net.ssl.SSLSessionContext engineGetServerSessionContext() {
            throw plainHttpOnly();
        }

        @Override
        protected javax.net.ssl.SSLSessionContext engineGetClientSessionContext() {
            throw plainHttpOnly();
        }

        @Override
        protected javax.net.ssl.SSLParameters engineGetDefaultSSLParameters() {
            return new javax.net.ssl.SSLParameters();
        }

        @Override
        protected javax.net.ssl.SSLParameters engineGetSupportedSSLParameters() {
            return new javax.net.ssl.SSLParameters();
        }
    }
}
