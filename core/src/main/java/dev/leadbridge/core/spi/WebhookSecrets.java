package dev.leadbridge.core.spi;

import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.ConnectionOptions;
import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.error.ErrorDetails;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook secrets of one connection ({@code connections.<name>.webhook-secret}, several comma-separated during
 * a rotation) and the comparisons provider webhook readers make with them: always in constant time
 * ({@link MessageDigest#isEqual}), against every secret. Its {@link #toString()} never shows a secret. Immutable.
 */
public final class WebhookSecrets {

    private final List<byte[]> secrets;

    private WebhookSecrets(List<byte[]> secrets) {
        this.secrets = secrets;
    }

    /**
     * The connection's webhook secrets.
     *
     * @throws ConfigurationException naming the setting when it is missing or holds no secret
     */
    public static WebhookSecrets of(ConnectionConfig config) {
        String value = config.option(ConnectionOptions.WEBHOOK_SECRET);
        ErrorDetails where = ErrorDetails.of(config.provider(), config.name());
        if (value == null || value.isBlank()) {
            throw new ConfigurationException("connection '" + config.name() + "' needs 'connections."
                    + config.name() + "." + ConnectionOptions.WEBHOOK_SECRET + "' to receive webhooks", where);
        }
        return of(List.of(value.split(",")), where);
    }

    /**
     * The given secrets (blank ones dropped, each trimmed).
     *
     * @throws ConfigurationException when none is left
     */
    public static WebhookSecrets of(List<String> secrets, ErrorDetails where) {
        List<byte[]> kept = new ArrayList<>();
        for (String s : secrets) {
            if (s != null && !s.isBlank()) {
                kept.add(s.trim().getBytes(StandardCharsets.UTF_8));
            }
        }
        if (kept.isEmpty()) {
            throw new ConfigurationException("the " + ConnectionOptions.WEBHOOK_SECRET + " holds no secret", where);
        }
        return new WebhookSecrets(List.copyOf(kept));
    }

    /** Whether {@code presented} equals one of the secrets; compares with every secret, in constant time. */
    public boolean matchesToken(String presented) {
        if (presented == null) {
            return false;
        }
        byte[] given = presented.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] secret : secrets) {
            match |= MessageDigest.isEqual(given, secret);
        }
        return match;
    }

    /**
     * Whether {@code presentedHex} is the lower- or upper-case hex HMAC-SHA256 of {@code body} under one of the
     * secrets; compares with every secret, in constant time.
     */
    public boolean matchesHmacSha256(byte[] body, String presentedHex) {
        if (presentedHex == null) {
            return false;
        }
        byte[] given = presentedHex.trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        boolean match = false;
        for (byte[] secret : secrets) {
            match |= MessageDigest.isEqual(given, hmacSha256Hex(body, secret).getBytes(StandardCharsets.US_ASCII));
        }
        return match;
    }

    /** The lower-case hex HMAC-SHA256 of {@code body} under {@code secret} (for signing helpers). */
    public static String hmacSha256Hex(byte[] body, byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The lower-case hex SHA-256 of {@code body} (a dedupe key for events without an id). */
    public static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The value of header {@code name} in {@code headers}, its name matched ignoring case; null when absent. */
    public static String header(Map<String, String> headers, String name) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** How many secrets there are; never the secrets. */
    @Override
    public String toString() {
        return "WebhookSecrets[" + secrets.size() + " secret(s)]";
    }
}
