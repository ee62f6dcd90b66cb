package dev.leadbridge.provider.nexor;

import dev.leadbridge.provider.nexor.internal.NexorWebhookReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Nexor's webhook authentication, for tests that post deliveries as Nexor does (Leadbridge's and users' own): Nexor's
 * signature scheme is not documented, so the webhook URL configured at Nexor carries the connection's secret as the
 * query parameter {@value #TOKEN_PARAMETER}. Verification is done by the connection's reader
 * ({@link dev.leadbridge.core.connect.LeadProviders#webhooks(dev.leadbridge.core.api.ConnectionConfig)}).
 */
public final class NexorWebhooks {

    /** The query parameter carrying the secret. */
    public static final String TOKEN_PARAMETER = NexorWebhookReader.TOKEN_PARAMETER;

    private NexorWebhooks() {
    }

    /** {@code url} with the secret appended as {@value #TOKEN_PARAMETER}, URL-encoded: the URL to give Nexor. */
    public static String signedUrl(String url, String secret) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
        return url + (url.contains("?") ? "&" : "?") + TOKEN_PARAMETER + "="
                + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    }
}
