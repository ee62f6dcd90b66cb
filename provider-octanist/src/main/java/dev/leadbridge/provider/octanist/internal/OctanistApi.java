package dev.leadbridge.provider.octanist.internal;

import com.fasterxml.jackson.databind.JsonNode;
import feign.Headers;
import feign.Param;
import feign.QueryMap;
import feign.RequestLine;
import java.util.Map;

/**
 * The Octanist lead endpoints as a Feign interface, relative to the API base ({@code https://octanist.com/api}).
 * Every method returns the body as a tree; {@link OctanistResponses} reads the documented shapes out of it.
 */
@Headers("Accept: application/json")
interface OctanistApi {

    /** GET /leads/{id}: one lead; the id must already be a safe path segment. */
    @RequestLine("GET /leads/{id}")
    JsonNode get(@Param("id") String id);

    /** GET /leads: one page of leads; keys and values are already percent-encoded by {@link OctanistListRequest}. */
    @RequestLine("GET /leads")
    JsonNode list(@QueryMap(encoded = true) Map<String, Object> query);

    /** POST /leads: creates a lead. */
    @RequestLine("POST /leads")
    @Headers("Content-Type: application/json")
    JsonNode create(JsonNode body);

    /** PATCH /leads: updates the leads the body identifies (id, then email, then phone). */
    @RequestLine("PATCH /leads")
    @Headers("Content-Type: application/json")
    JsonNode update(JsonNode body);
}
