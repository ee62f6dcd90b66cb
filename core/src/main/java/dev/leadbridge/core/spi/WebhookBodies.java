package dev.leadbridge.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.InvalidWebhookException;
import dev.leadbridge.core.error.InvalidWebhookException.Problem;
import dev.leadbridge.core.http.ProviderHttpClient;
import java.io.IOException;

/** Reading a verified webhook body, the same way for every provider: JSON object or a typed error. */
public final class WebhookBodies {

    private WebhookBodies() {
    }

    /**
     * The body as a JSON object.
     *
     * @throws InvalidWebhookException {@code MALFORMED} when it is not JSON or not an object
     */
    public static JsonNode object(byte[] body, ErrorDetails where) {
        JsonNode node;
        try {
            node = body == null || body.length == 0 ? null : ProviderHttpClient.mapper().readTree(body);
        } catch (IOException e) {
            throw new InvalidWebhookException(Problem.MALFORMED, "the webhook body is not JSON", where, null);
        }
        if (node == null || !node.isObject()) {
            throw new InvalidWebhookException(Problem.MALFORMED, "the webhook body is not a JSON object", where,
                    null);
        }
        return node;
    }

    /** A {@code UNEXPECTED_CONTENT} error: the body is JSON but not the documented envelope, for {@code reason}. */
    public static InvalidWebhookException unexpected(String reason, ErrorDetails where, Throwable cause) {
        return new InvalidWebhookException(Problem.UNEXPECTED_CONTENT, "the webhook is not the documented envelope: "
                + reason, where, cause);
    }

    /** An {@code UNAUTHENTICATED} error naming what is missing or wrong, never a value. */
    public static InvalidWebhookException unauthenticated(String what, ErrorDetails where) {
        return new InvalidWebhookException(Problem.UNAUTHENTICATED, what, where, null);
    }
}
