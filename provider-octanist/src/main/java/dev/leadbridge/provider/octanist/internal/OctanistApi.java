package dev.leadbridge.provider.octanist.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbridge.core.http.JsonBody;
import feign.Headers;
import feign.Param;
import feign.QueryMap;
import feign.RequestLine;
import java.util.Map;

/**
 * The Octanist lead endpoints as a Feign interface, relative to the API base ({@code https://octanist.com/api}).
 * Every method returns the body as a tree, but the list, whose page of leads {@link OctanistPageReader} reads straight
 * from the bytes; {@link OctanistResponses} reads the documented shapes out of a tree.
 */
@Headers("Accept: application/json")
interface OctanistApi {

    /** GET /leads/{id}: one lead; the id must already be a safe path segment. */
    @RequestLine("GET /leads/{id}")
    JsonNode get(@Param("id") String id);

    /** GET /leads: one page of leads; keys and values are already percent-encoded by {@link OctanistListRequest}. */
    @RequestLine("GET /leads")
    JsonBody list(@QueryMap(encoded = true) Map<String, Object> query);

    /** POST /leads: creates a lead. */
    @RequestLine("POST /leads")
    @Headers("Content-Type: application/json")
    JsonNode create(JsonNode body);

    /** PATCH /leads: updates the leads the body identifies (id, then email, then phone). */
    @RequestLine("PATCH /leads")
    @Headers("Content-Type: application/json")
    JsonNode update(JsonNode body);
}
