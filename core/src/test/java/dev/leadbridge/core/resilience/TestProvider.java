package dev.leadbridge.core.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.RateLimitStatus;
import dev.leadbridge.core.api.ApiKey;
import dev.leadbridge.core.api.Operation;
import dev.leadbridge.core.api.ProviderCapabilities;
import dev.leadbridge.core.http.HttpErrors;
import dev.leadbridge.core.http.ProviderHttpClient;
import dev.leadbridge.core.spi.AbstractLeadProvider;
import dev.leadbridge.core.spi.NativeIds;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/** A minimal real-HTTP provider for {@link TestSimulator}, built on {@link ProviderHttpClient} like the real ones. */
final class TestProvider extends AbstractLeadProvider {

    static final String PROVIDER = "testprov";

    interface Api {
        @RequestLine("GET /leads/{id}")
        JsonNode get(@Param("id") String id);

        @RequestLine("GET /leads?page={page}&limit={limit}")
        JsonNode list(@Param("page") int page, @Param("limit") int limit);

        @RequestLine("POST /leads")
        @Headers("Content-Type: application/json")
        JsonNode create(JsonNode body);

        @RequestLine("PUT /leads/{id}")
        @Headers("Content-Type: application/json")
        JsonNode update(@Param("id") String id, JsonNode body);

        @RequestLine("DELETE /leads/{id}")
        JsonNode delete(@Param("id") String id);
    }

    private static final ProviderCapabilities CAPABILITIES = new ProviderCapabilities(
            EnumSet.of(Operation.GET, Operation.LIST, Operation.CREATE, Operation.UPDATE, Operation.CHANGE_STATUS,
                    Operation.DELETE), Set.of(), Set.of(), false, List.of(), 100, true);

    private final Api api;
    private final AtomicReference<RateLimitStatus> budget = new AtomicReference<>();
    private final String apiKeyText;

    TestProvider(String connection, String baseUrl, String apiKey, Duration readTimeout, Clock clock) {
        super(PROVIDER, connection);
        ApiKey key = ApiKey.of(apiKey);
        this.apiKeyText = key.toString();
        this.api = ProviderHttpClient.builder(Api.class, baseUrl)
                .timeouts(Duration.ofMillis(500), readTimeout)
                .auth(template -> template.header("X-API-KEY", key.reveal()))
                .errorBody(json -> new HttpErrors.ErrorBody(json.has("error"), null, json.path("error").asText(null),
                        null, null))
                .details(details())
                .apiKey(key)
                .onResponse(headers -> {
                    RateLimitStatus status = HttpErrors.rateLimit(headers);
                    if (status != null) {
                        budget.set(status);
                    }
                })
                .clock(clock)
                .build();
    }

    @Override
    public ProviderCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Lead get(String nativeId) {
        String id = NativeIds.requirePathSafe(nativeId, details());
        return toLead(ProviderHttpClient.call(details(), () -> api.get(id)));
    }

    @Override
    protected LeadPage fetchPage(LeadQuery query, int page) {
        JsonNode body = ProviderHttpClient.call(details(), () -> api.list(page, query.pageSize()));
        List<Lead> leads = new ArrayList<>();
        body.path("data").forEach(n -> leads.add(toLead(n)));
        int totalPages = body.path("totalPages").asInt();
        return new LeadPage(leads, page, query.pageSize(), totalPages, body.path("total").asLong(),
                page < totalPages, budget.get());
    }

    @Override
    public Lead create(NewLead lead) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("name", lead.name()).put("email", lead.email());
        return toLead(ProviderHttpClient.call(details(), () -> api.create(body)));
    }

    @Override
    public Lead update(String nativeId, LeadUpdate update) {
        String id = NativeIds.requirePathSafe(nativeId, details());
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (update.has(LeadUpdate.Field.NAME)) {
            body.put("name", update.text(LeadUpdate.Field.NAME));
        }
        if (update.has(LeadUpdate.Field.STATUS)) {
            body.put("status", update.status().name().toLowerCase(Locale.ROOT));
        }
        return toLead(ProviderHttpClient.call(details(), () -> api.update(id, body)));
    }

    @Override
    public void delete(String nativeId) {
        String id = NativeIds.requirePathSafe(nativeId, details());
        ProviderHttpClient.call(details(), () -> api.delete(id));
    }

    @Override
    public Optional<RateLimitStatus> rateLimitStatus() {
        return Optional.ofNullable(budget.get());
    }

    @Override
    public String toString() {
        return "TestProvider[connection=" + connection() + ", key=" + apiKeyText + "]";
    }

    private Lead toLead(JsonNode n) {
        String status = n.path("status").asText("");
        return Lead.builder().connection(connection()).provider(PROVIDER).nativeId(n.path("id").asText())
                .name(n.path("name").asText(null)).email(n.path("email").asText(null))
                .status(status.isEmpty() ? LeadStatus.UNKNOWN : LeadStatus.valueOf(status.toUpperCase(Locale.ROOT)))
                .statusRaw(status).raw(n).build();
    }
}
