package dev.leadbridge.provider.nexor.internal;

import com.fasterxml.jackson.databind.JsonNode;
import feign.Headers;
import feign.Param;
import feign.RequestLine;

/** The documented Nexor lead endpoints, relative to the API base; every answer is read as a JSON tree. */
@Headers("Accept: application/json")
interface NexorApi {

    /** {@code GET /leads/{id}}: one lead, wrapped ({@code {success, lead, variables}}) or bare. */
    @RequestLine("GET /leads/{id}")
    JsonNode get(@Param("id") String id);

    /** {@code POST /leads}: one lead object, or an array of at most 1000 for bulk create. */
    @RequestLine("POST /leads")
    @Headers("Content-Type: application/json")
    JsonNode create(JsonNode body);

    /** {@code PUT /leads/{id}}: partial update, {@code metadata} shallow-merged. */
    @RequestLine("PUT /leads/{id}")
    @Headers("Content-Type: application/json")
    JsonNode update(@Param("id") String id, JsonNode body);

    /** {@code POST /leads/{id}/status}: forces the current workflow status ({@code status_key}, {@code reason}). */
    @RequestLine("POST /leads/{id}/status")
    @Headers("Content-Type: application/json")
    JsonNode setStatus(@Param("id") String id, JsonNode body);
}
