package dev.leadbridge.core.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.MalformedResponseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A successful answer's body as its bytes, for a provider that reads a big answer (a page of leads) straight from a
 * streaming parser instead of building the whole tree first. Declare it as the return type of a Feign method of a
 * client built by {@link ProviderHttpClient}; {@link #tree()} gives what a {@link JsonNode} return type would have
 * given, the same tree and the same typed errors, so a reader can fall back to it for any shape it does not expect.
 * Immutable; the bytes are not copied and must not be changed.
 */
public final class JsonBody {

    private final byte[] bytes;
    private final int status;
    private final ErrorDetails details;

    JsonBody(byte[] bytes, int status, ErrorDetails details) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
        this.status = status;
        this.details = Objects.requireNonNull(details, "details");
    }

    /** A body of the given bytes, as if a provider had answered them with HTTP 200; for tests and benchmarks. */
    public static JsonBody of(byte[] bytes, ErrorDetails details) {
        return new JsonBody(bytes, 200, details.withResponse(200, null, null));
    }

    /** The provider and connection, with the answer's HTTP status: for the errors of a reader of this body. */
    public ErrorDetails details() {
        return details;
    }

    /**
     * The body as a tree, exactly as a method returning {@link JsonNode} would have read it (nothing or only blanks
     * give a missing node).
     *
     * @throws MalformedResponseException when the body is not JSON (an HTML error page, a truncated body)
     */
    public JsonNode tree() {
        return ProviderHttpClient.readTree(bytes, status, details);
    }

    /**
     * A streaming parser over the body, with the providers' mapper as its codec (so {@code readValueAsTree} reads
     * decimals as {@code BigDecimal}, as {@link #tree()} does); byte offsets of its tokens index these bytes.
     */
    public JsonParser parser() {
        try {
            return ProviderHttpClient.mapper().createParser(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The JSON object at {@code [start, end)} of this body as an {@link ObjectNode} whose fields are parsed from a
     * copy of those bytes on first use. A reader that takes what it needs from the stream keeps the object whole
     * this way (a lead's {@code raw}) for the price of a byte copy, not a tree nobody may look at.
     *
     * @param start the offset of the object's opening brace
     * @param end   the offset just after its closing brace
     * @throws IllegalArgumentException when the range is not an object's braces; the bytes between must be a JSON
     *                                  object the caller has already read through
     */
    public ObjectNode objectAt(int start, int end) {
        if (start < 0 || end > bytes.length || end - start < 2 || bytes[start] != '{' || bytes[end - 1] != '}') {
            throw new IllegalArgumentException("not an object's range: [" + start + ", " + end + ")");
        }
        return new ObjectNode(JsonNodeFactory.instance, new ParsedOnFirstUse(Arrays.copyOfRange(bytes, start, end)));
    }
}
