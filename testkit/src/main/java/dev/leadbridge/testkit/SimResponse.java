package dev.leadbridge.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response a simulator sends: status, headers and body text (JSON unless a header says otherwise).
 *
 * @param status  HTTP status code
 * @param headers response headers; {@code Content-Type} defaults to {@code application/json}
 * @param body    body text, possibly empty
 */
public record SimResponse(int status, Map<String, String> headers, String body) {

    /** Creates a response with a JSON body. */
    public static SimResponse json(int status, String body) {
        return new SimResponse(status, Map.of("Content-Type", "application/json"), body);
    }

    /** Returns a copy with one more header. */
    public SimResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new SimResponse(status, copy, body);
    }

    /** Returns a copy with more headers. */
    public SimResponse withHeaders(Map<String, String> more) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.putAll(more);
        return new SimResponse(status, copy, body);
    }
}
