package dev.leadbridge.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.MalformedResponseException;
import feign.RequestLine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An answer handed over as {@link JsonBody} by a real client over loopback HTTP: its tree and errors are those of a
 * {@link JsonNode} return type, and {@link JsonBody#objectAt} gives objects equal to the tree's, parsed on first use.
 */
class JsonBodyTest {

    private static final ErrorDetails DETAILS = ErrorDetails.of("test", "body");
    private static final String PAGE = "{\"data\":[{\"id\":\"a\",\"n\":1.50,\"x\":[1,{\"y\":null}]},"
            + " {\"id\":\"b\",\"s\":\"caf\\u00e9\"}],\"meta\":{}}";

    /** The answer's shapes as a client method declares them. */
    interface Api {
        @RequestLine("GET /body")
        JsonBody body();

        @RequestLine("GET /body")
        JsonNode tree();
    }

    private HttpServer server;
    private volatile String contentType = "application/json";
    private volatile byte[] answer = PAGE.getBytes(StandardCharsets.UTF_8);
    private Api api;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/body", exchange -> Answers.send(exchange, 200, answer, "Content-Type", contentType));
        server.start();
        api = ProviderHttpClient.builder(Api.class, "http://127.0.0.1:" + server.getAddress().getPort())
                .details(DETAILS).build();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theBodysTreeIsWhatATreeReturnTypeGives() {
        JsonBody body = ProviderHttpClient.call(DETAILS, api::body);
        assertThat(body.tree()).isEqualTo(ProviderHttpClient.call(DETAILS, api::tree));
        assertThat(body.tree().get("data").get(0).get("n").decimalValue()).hasToString("1.5");
        assertThat(body.details().httpStatus()).isEqualTo(200);
    }

    @Test
    void anHtmlPageIsTheSameTypedErrorFromTheTree() {
        answer = "<html><body>502 Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8);
        contentType = "text/html";
        JsonBody body = ProviderHttpClient.call(DETAILS, api::body);
        assertThatThrownBy(body::tree).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("HTTP 200").hasMessageContaining("looks like HTML");
        assertThatThrownBy(() -> ProviderHttpClient.call(DETAILS, api::tree))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("looks like HTML");
    }

    @Test
    void aTruncatedBodyIsATypedErrorFromTheTree() {
        answer = PAGE.substring(0, 30).getBytes(StandardCharsets.UTF_8);
        JsonBody body = ProviderHttpClient.call(DETAILS, api::body);
        assertThatThrownBy(body::tree).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("truncated or invalid JSON");
    }

    @Test
    void anEmptyBodyIsAMissingTree() {
        answer = new byte[0];
        assertThat(ProviderHttpClient.call(DETAILS, api::body).tree().isMissingNode()).isTrue();
    }

    @Test
    void objectsCutFromTheStreamEqualTheTreesObjects() throws Exception {
        JsonBody body = ProviderHttpClient.call(DETAILS, api::body);
        List<ObjectNode> cut = objects(body);
        JsonNode tree = body.tree().get("data");
        assertThat(cut).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(cut.get(i)).isEqualTo(tree.get(i));
            assertThat(tree.get(i)).isEqualTo(cut.get(i));
            assertThat(cut.get(i).toString()).isEqualTo(tree.get(i).toString());
            assertThat(cut.get(i).hashCode()).isEqualTo(tree.get(i).hashCode());
        }
        assertThat(cut.get(0).get("n").decimalValue()).hasToString("1.5");
        assertThat(cut.get(1).get("s").textValue()).isEqualTo("café");
        cut.get(1).put("t", true);
        assertThat(cut.get(1).properties()).extracting(java.util.Map.Entry::getKey).containsExactly("id", "s", "t");
    }

    @Test
    void anObjectParsedOnFirstUseByManyThreadsAtOnceIsOneTree() throws Exception {
        JsonBody body = ProviderHttpClient.call(DETAILS, api::body);
        for (int round = 0; round < 50; round++) {
            ObjectNode node = objects(body).get(0);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Callable<JsonNode>> reads = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    reads.add(() -> node.get("x"));
                }
                List<JsonNode> seen = new ArrayList<>();
                for (Future<JsonNode> f : pool.invokeAll(reads)) {
                    seen.add(f.get());
                }
                assertThat(seen).allSatisfy(x -> assertThat(x).isSameAs(seen.get(0)));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aRangeThatIsNotAnObjectIsRefused() {
        JsonBody body = JsonBody.of(PAGE.getBytes(StandardCharsets.UTF_8), DETAILS);
        assertThatThrownBy(() -> body.objectAt(1, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> body.objectAt(-1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> body.objectAt(0, PAGE.length() + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(body.objectAt(0, PAGE.getBytes(StandardCharsets.UTF_8).length)).isEqualTo(body.tree());
    }

    /** The objects of {@code data}, cut out of the body by their byte offsets as a streaming reader does. */
    private static List<ObjectNode> objects(JsonBody body) throws IOException {
        List<ObjectNode> objects = new ArrayList<>();
        try (JsonParser parser = body.parser()) {
            JsonToken token = parser.nextToken();
            while (token != null) {
                if (token == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        long start = parser.currentTokenLocation().getByteOffset();
                        parser.skipChildren();
                        long end = parser.currentTokenLocation().getByteOffset() + 1;
                        objects.add(body.objectAt((int) start, (int) end));
                    }
                    return objects;
                }
                token = parser.nextToken();
            }
        }
        return objects;
    }
}
