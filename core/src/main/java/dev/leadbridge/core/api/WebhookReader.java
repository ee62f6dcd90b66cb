package dev.leadbridge.core.api;

import java.util.Map;

/**
 * Verifies and reads one connection's webhook deliveries, without a server: a pure function of the raw body, the
 * request headers and query parameters, and the connection's secrets (as stripe-java's
 * {@code Webhook.constructEvent} and Svix's {@code verify}). Signatures and tokens are compared in constant time;
 * during a rotation every configured secret is accepted. Get one with
 * {@link dev.leadbridge.core.connect.LeadProviders#webhooks(ConnectionConfig)}. Thread-safe.
 */
public interface WebhookReader {

    /** The connection whose deliveries this reader accepts. */
    String connection();

    /**
     * Verifies a delivery and reads its event.
     *
     * @param body    the raw request body, exactly as received (the signature covers these bytes)
     * @param headers the request headers; names are matched ignoring case
     * @param query   the request's query parameters (Nexor's {@code token}); may be empty
     * @return the verified event
     * @throws dev.leadbridge.core.error.InvalidWebhookException when the signature or token is missing or wrong
     *         ({@code UNAUTHENTICATED}, checked first: nothing else is read from an unauthenticated body), the body is
     *         not JSON ({@code MALFORMED}) or not the documented envelope ({@code UNEXPECTED_CONTENT})
     */
    WebhookEvent read(byte[] body, Map<String, String> headers, Map<String, String> query);
}
