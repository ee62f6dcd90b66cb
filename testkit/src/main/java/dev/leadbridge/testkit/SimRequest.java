package dev.leadbridge.testkit;

import java.util.List;
import java.util.Map;

/**
 * One HTTP request as a simulator sees it: the raw (still percent-encoded) path, the decoded query
 * parameters in order, the headers (names lower-cased) and the body text.
 *
 * @param method     upper-case HTTP method
 * @param rawPath    the path exactly as sent, without the query string, not decoded
 * @param query      decoded query parameters; a key given twice keeps both values in order
 * @param headers    header values by lower-cased name
 * @param body       the request body as UTF-8 text, empty when there is none
 */
public record SimRequest(String method, String rawPath, Map<String, List<String>> query,
                         Map<String, List<String>> headers, String body) {

    /** Returns the first value of a query parameter, or null. */
    public String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Returns the first value of a header (case-insensitive name), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
