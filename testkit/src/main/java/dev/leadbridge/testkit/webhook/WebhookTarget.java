package dev.leadbridge.testkit.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a simulator posts its webhooks and how: the receiver's base URL (the simulator appends
 * {@code /webhooks/<connection>}, as {@code leadbridge serve} expects), the connection name, the secret the simulator
 * signs with, and the delivery policy (retry delays, queue bound, timeout). Immutable; the {@code with...} methods
 * return copies.
 *
 * @param baseUrl       the receiver's base URL, {@code http} or {@code https}, without user info
 * @param connection    the Leadbridge connection the deliveries are for (the last path segment)
 * @param secret        the webhook secret ({@code connections.<name>.webhook-secret} at the receiver)
 * @param retryDelays   the wait before each retry of a failed delivery; its size is the number of retries
 * @param queueCapacity the most deliveries held at once (queued, in flight or waiting to retry); more are dropped
 * @param timeout       how long one delivery attempt may take, connecting included
 */
public record WebhookTarget(String baseUrl, String connection, String secret, List<Duration> retryDelays,
                            int queueCapacity, Duration timeout) {

    /**
     * Nexor's documented retry schedule (1 min, 5 min, 30 min) scaled down to seconds, so that a receiver started a
     * little after the simulator still gets every delivery, without a test or a demo waiting for minutes.
     */
    public static final List<Duration> DEFAULT_RETRY_DELAYS =
            List.of(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30));
    /** Default bound of held deliveries. */
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    /** Default time one attempt may take (PollyBot documents 30 s; a loopback receiver needs far less). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Checks every part; see {@link #checkBaseUrl(String)} for the URL. */
    public WebhookTarget {
        checkBaseUrl(baseUrl);
        Objects.requireNonNull(connection, "connection");
        if (connection.isBlank()) {
            throw new IllegalArgumentException("connection must not be blank");
        }
        Objects.requireNonNull(secret, "secret");
        if (secret.isBlank()) {
            throw new IllegalArgumentException("secret must not be blank");
        }
        retryDelays = List.copyOf(retryDelays);
        for (Duration delay : retryDelays) {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("retry delays must not be negative, was " + delay);
            }
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1, was " + queueCapacity);
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }

    /** A target with the default delivery policy. */
    public static WebhookTarget of(String baseUrl, String connection, String secret) {
        return new WebhookTarget(baseUrl, connection, secret, DEFAULT_RETRY_DELAYS, DEFAULT_QUEUE_CAPACITY,
                DEFAULT_TIMEOUT);
    }

    /** This target with other retry delays (none: a failed delivery is given up at once). */
    public WebhookTarget withRetryDelays(Duration... delays) {
        return new WebhookTarget(baseUrl, connection, secret, List.of(delays), queueCapacity, timeout);
    }

    /** This target with another bound of held deliveries. */
    public WebhookTarget withQueueCapacity(int capacity) {
        return new WebhookTarget(baseUrl, connection, secret, retryDelays, capacity, timeout);
    }

    /** This target with another attempt timeout. */
    public WebhookTarget withTimeout(Duration attemptTimeout) {
        return new WebhookTarget(baseUrl, connection, secret, retryDelays, queueCapacity, attemptTimeout);
    }

    /** The URL deliveries go to: the base URL without trailing slashes, then {@code /webhooks/<connection>}. */
    public String url() {
        String base = baseUrl;
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + "/webhooks/" + URLEncoder.encode(connection, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "WebhookTarget[" + url() + ", secret=****, retries=" + retryDelays.size() + "]";
    }

    /** A fresh random secret, {@code whsec_} and 32 letters and digits, as providers issue them. */
    public static String randomSecret() {
        StringBuilder secret = new StringBuilder("whsec_");
        for (int i = 0; i < 32; i++) {
            secret.append(SECRET_ALPHABET.charAt(RANDOM.nextInt(SECRET_ALPHABET.length())));
        }
        return secret.toString();
    }

    /**
     * Checks a receiver base URL: absolute {@code http} or {@code https} with a host, no user info (a password in a
     * URL ends up in logs), no query or fragment (the simulators append the path and, for Nexor, the token).
     *
     * @throws IllegalArgumentException with a one-line reason that never repeats user info
     */
    public static URI checkBaseUrl(String url) {
        Objects.requireNonNull(url, "url");
        if (!url.trim().matches("(?i)[a-z][a-z0-9+.-]*://.*")) {
            throw new IllegalArgumentException("must be an http:// or https:// URL");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("must be an http:// or https:// URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("must not carry a user name or password");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("has no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("must be a base URL without '?' or '#'");
        }
        return uri;
    }
}
