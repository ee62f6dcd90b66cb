package dev.leadbridge.provider.workspace.internal;

import com.fasterxml.jackson.databind.JsonNode;
import feign.Headers;
import feign.Param;
import feign.QueryMap;
import feign.RequestLine;
import java.util.Map;

/**
 * The workspace-v1 lead routes, relative to the Feign target: either the API base ({@code .../api/v1}, the
 * operation pages' workspace-level paths) or the chatbot scope ({@code .../api/v1/chatbots/{chatbotId}}, the index
 * page's and the public client's paths). Every method answers the response body as JSON.
 */
@Headers({"Accept: application/json", "Content-Type: application/json"})
interface WorkspaceApi {

    /** {@code GET /leads/{id}}. */
    @RequestLine("GET /leads/{id}")
    JsonNode get(@Param("id") String id);

    /** {@code GET /leads?page&limit&status&source&search}; parameters in the map's order. */
    @RequestLine("GET /leads")
    JsonNode list(@QueryMap Map<String, Object> query);

    /** {@code POST /leads} (only under a chatbot scope). */
    @RequestLine("POST /leads")
    JsonNode create(JsonNode body);

    /** {@code PUT /leads/{id}}: a partial update. */
    @RequestLine("PUT /leads/{id}")
    JsonNode update(@Param("id") String id, JsonNode body);

    /** {@code DELETE /leads/{id}}. */
    @RequestLine("DELETE /leads/{id}")
    JsonNode delete(@Param("id") String id);
}
