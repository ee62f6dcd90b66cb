package dev.leadbridge.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.http.JsonBody;
import dev.leadbridge.core.http.ProviderHttpClient;
import dev.leadbridge.core.api.ApiKey;
import dev.leadbridge.core.canonical.Instants;
import dev.leadbridge.core.spi.ProviderSettings;
import dev.leadbridge.provider.octanist.OctanistProvider;
import dev.leadbridge.provider.octanist.internal.OctanistClient;
import dev.leadbridge.provider.octanist.internal.dto.OctanistLeadDto;
import java.time.Clock;
import java.time.Duration;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Comparison 3, per-lead CPU: decoding and mapping one page of 100 Octanist leads the way the provider does it
 * against Jackson decoding the same bytes into a {@code Map}, the floor for reading the JSON at all.
 *
 * <p>The page is real: a testkit {@link OctanistSimulator} seeded with realistic leads answers
 * {@code GET /api/leads?limit=100&page=1} once at setup, and every benchmark reads those bytes. {@link #leadbridge}
 * runs the provider's own path after the HTTP exchange: the Feign response read by {@link ProviderHttpClient}'s own
 * decoder as a {@link JsonBody}, then {@link OctanistClient#readList} (the page read from the stream, the tolerant
 * reader and the MapStruct mapper per lead: DTO conversion, status mapping, timestamps, attribution, consent, custom,
 * person key), then the client-side filter
 * and projection of {@code AbstractLeadProvider.list}. It goes through the client's public entry point only, so it
 * needs no access to the provider's package-private types.
 *
 * <p>Scores are per page of 100 leads; divide by 100 for per lead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OctanistDecodeBenchmark {

    /** Leads on the page. */
    public static final int PAGE_SIZE = 100;

    private final ObjectMapper plainJackson = new ObjectMapper();
    private final ErrorDetails details = ErrorDetails.of(OctanistProvider.PROVIDER_ID, "bench");
    private final LeadQuery query = LeadQuery.ALL;
    private byte[] page;
    private byte[] pageWithoutPhones;
    private List<JsonNode> nodes;
    private List<String> phones;
    private List<String> timestamps;
    private OctanistClient client;

    /** Fetches one page of 100 realistic leads from a simulator and keeps its bytes (and, for the profile, parts). */
    @Setup(Level.Trial)
    public void fetchPage() throws IOException, InterruptedException {
        page = realPage();
        com.fasterxml.jackson.databind.node.ObjectNode stripped =
                (com.fasterxml.jackson.databind.node.ObjectNode) plainJackson.readTree(page);
        stripped.path("data").forEach(lead -> ((com.fasterxml.jackson.databind.node.ObjectNode) lead).remove("phone"));
        pageWithoutPhones = plainJackson.writeValueAsBytes(stripped);
        client = new OctanistClient(new ProviderSettings(OctanistProvider.PROVIDER_ID, "bench", "http://127.0.0.1",
                ApiKey.of("bench"), Duration.ofSeconds(5), Duration.ofSeconds(30), null, Clock.systemUTC(),
                OctanistProvider.DEFAULT_STATUS_MAPPING), false);
        nodes = new ArrayList<>();
        ProviderHttpClient.mapper().readTree(page).path("data").forEach(nodes::add);
        phones = new ArrayList<>();
        timestamps = new ArrayList<>();
        for (JsonNode node : nodes) {
            if (node.hasNonNull("phone")) {
                phones.add(node.get("phone").asText());
            }
            for (String field : List.of("createdAt", "updatedAt", "qualifiedAt", "expiresAt")) {
                if (node.hasNonNull(field)) {
                    timestamps.add(node.get(field).asText());
                }
            }
        }
    }

    /** Fetches page 1 of 100 leads from a freshly seeded simulator. */
    public static byte[] realPage() throws IOException, InterruptedException {
        try (OctanistSimulator simulator = OctanistSimulator.builder().seed(1_000, 42).build()) {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(simulator.baseUrl() + "/leads?limit=" + PAGE_SIZE + "&page=1"))
                    .header("X-API-KEY", simulator.apiKey()).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("the simulator answered HTTP " + response.statusCode());
            }
            return response.body();
        }
    }

    /** The floor: Jackson decodes the bytes into plain maps and lists. */
    @Benchmark
    public Map<?, ?> jacksonMap() throws IOException {
        return plainJackson.readValue(page, Map.class);
    }

    /**
     * The phone-aware floor (issue 15): Jackson into a {@code Map}, plus libphonenumber parsing and formatting each
     * lead's phone to E.164, as any client must to give the canonical {@code phoneE164}.
     */
    @Benchmark
    @SuppressWarnings("unchecked")
    public int jacksonMapPhones() throws IOException {
        Map<String, Object> body = plainJackson.readValue(page, Map.class);
        int n = 0;
        for (Map<String, Object> lead : (List<Map<String, Object>>) body.get("data")) {
            if (lead.get("phone") instanceof String phone && ConcurrentHandClient.e164(phone) != null) {
                n++;
            }
        }
        return n + body.size();
    }

    /** The floor on the same page with every phone removed: Jackson into a {@code Map}. */
    @Benchmark
    public Map<?, ?> jacksonMapNoPhones() throws IOException {
        return plainJackson.readValue(pageWithoutPhones, Map.class);
    }

    /** The provider's path on the same page with every phone removed (so no libphonenumber at all). */
    @Benchmark
    public List<Lead> leadbridgeNoPhones() throws IOException {
        return decodeAndMap(pageWithoutPhones);
    }

    /** For the profile only: Jackson decodes the bytes into a tree (the first step of the provider's path). */
    @Benchmark
    public JsonNode jacksonTree() throws IOException {
        return plainJackson.readTree(page);
    }

    /** For the profile only: the page's phone numbers to E.164 (libphonenumber), as {@code Lead.Builder} does. */
    @Benchmark
    public int partPhones() {
        int n = 0;
        for (String phone : phones) {
            n += dev.leadbridge.core.PersonKey.toE164(phone, null) == null ? 0 : 1;
        }
        return n;
    }

    /** For the profile only: the page's timestamps read as the mapper reads them (core's canonical rule). */
    @Benchmark
    public long partTimestamps() {
        long n = 0;
        for (String timestamp : timestamps) {
            n += Instants.parse(timestamp).getNano();
        }
        return n;
    }

    /** For the profile only: the page's lead trees converted to the wire DTO, as the mapper does first. */
    @Benchmark
    public int partDto() {
        int n = 0;
        for (JsonNode node : nodes) {
            n += ProviderHttpClient.convert(node, OctanistLeadDto.class, details).id().length();
        }
        return n;
    }

    /** The provider's path from response bytes to canonical leads. */
    @Benchmark
    public List<Lead> leadbridge() throws IOException {
        return decodeAndMap(page);
    }

    /** Decodes and maps one page exactly as the Octanist provider does after its HTTP exchange. */
    List<Lead> decodeAndMap(byte[] bytes) {
        // the body as core's decoder hands it to the list call: the array the HTTP client read, not a copy
        List<Lead> leads = client.readList(JsonBody.of(bytes, details));
        // AbstractLeadProvider.list: the whole query again on the client
        return leads.stream().filter(query::matches).map(query::project).toList();
    }
}
