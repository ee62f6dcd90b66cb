package dev.leadbridge.provider.workspace;

import dev.leadbridge.provider.workspace.internal.WorkspaceWebhookReader;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * PollyBot's webhook signature, for tests that post deliveries as PollyBot does (Leadbridge's and users' own): the
 * header {@value #SIGNATURE_HEADER} with the value {@code sha256=<hex>}, the HMAC-SHA256 of the raw body under the
 * webhook's secret. Verification is done by the connection's reader
 * ({@link dev.leadbridge.core.connect.LeadProviders#webhooks(dev.leadbridge.core.api.ConnectionConfig)}).
 */
public final class WorkspaceWebhooks {

    /** The header PollyBot signs its deliveries in. */
    public static final String SIGNATURE_HEADER = WorkspaceWebhookReader.SIGNATURE_HEADER;

    private WorkspaceWebhooks() {
    }

    /** The {@value #SIGNATURE_HEADER} value for {@code body} signed with {@code secret}: {@code sha256=<hex>}. */
    public static String sign(byte[] body, String secret) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(secret, "secret");
        return WorkspaceWebhookReader.signature(body, secret);
    }

    /** As {@link #sign(byte[], String)} for a UTF-8 body. */
    public static String sign(String body, String secret) {
        return sign(body.getBytes(StandardCharsets.UTF_8), secret);
    }
}
