package dev.leadbridge.provider.octanist.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.canonical.UnreadableFields;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.http.JsonBody;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The page read straight from the stream gives exactly what the tree path gives (the same leads, {@code raw}
 * included, the same unreadable fields in the same order), and leaves every shape it does not take to the tree path.
 */
class OctanistPageReaderTest {

    private static final ErrorDetails DETAILS = ErrorDetails.of("octanist", "test");
    private final OctanistLeadReader reader = new OctanistLeadReader("test", "octanist", OctanistStatuses.DEFAULTS,
            "DE", DETAILS);

    @Test
    void realisticPagesFromTheSimulatorReadAsTheTreeReadsThem() throws Exception {
        try (OctanistSimulator simulator = OctanistSimulator.builder().seed(250, 7).build()) {
            HttpClient http = HttpClient.newHttpClient();
            for (int page = 1; page <= 3; page++) {
                HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl()
                                + "/leads?limit=100&page=" + page)).header("X-API-KEY", simulator.apiKey()).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(answer.statusCode()).isEqualTo(200);
                OctanistPageReader.Page streamed = assertSameAsTree(answer.body());
                assertThat(streamed.leads()).hasSize(page < 3 ? 100 : 50);
                assertThat(streamed.pagination().totalPages()).isEqualTo(3);
            }
        }
    }

    @Test
    void theDocumentedExampleReadsAsTheTreeReadsIt() throws IOException {
        OctanistPageReader.Page page = assertSameAsTree(example("list-leads.json"));
        assertThat(page.leads()).extracting(Lead::nativeId).containsExactly("lead_abc123", "lead_def456");
        assertThat(page.pagination().total()).isEqualTo(234L);
    }

    @Test
    void awkwardValuesReadAsTheTreeReadsThem() {
        String leads = String.join(",",
                // numbers where text is due, numeric strings, decimals with trailing zeros, an integral id
                lead("1", "\"value\":\"1.50\",\"phone\":4930123456,\"name\":true,\"email\":12.50"),
                "{\"id\":42,\"value\":1.50,\"status\":\"WON\",\"updatedAt\":\"2026-03-10T12:00:00+02:00\"}",
                lead("3", "\"value\":1e3,\"note\":\"caf\\u00e9 \\\"quoted\\\"\\n\\ud83d\\ude00\",\"name\":\"Zoë\""),
                // wrong types read as null and recorded, in the DTO's order
                lead("4", "\"createdAt\":1700000000,\"name\":{\"first\":\"A\"},\"value\":\"lots\",\"gclid\":[1]"),
                // custom as an object, as text of an object, as plain text, as an array; consent as strings
                lead("5", "\"custom\":{\"utm_source\":\"fb\",\"n\":1.20,\"deep\":{\"a\":[1,{\"b\":null}]}}"),
                lead("6", "\"custom\":\"{\\\"utm_medium\\\":\\\"email\\\"}\",\"ad_storage\":\"granted\","
                        + "\"ad_user_data\":\"denied\",\"analytics_storage\":false,\"ad_personalization\":null"),
                lead("7", "\"custom\":\"just a note\",\"labelId\":[\"a\",null,\" \",7]"),
                lead("8", "\"custom\":[1,2],\"labelId\":12"),
                // duplicate keys: the last one wins, in raw too; unknown fields of every kind stay in raw only
                lead("9", "\"name\":\"first\",\"name\":\"second\",\"extra\":{\"x\":[true,{}]},\"more\":[[]],"
                        + "\"n\":-0.00e5,\"big\":123456789012345678901234567890,\"f\":1.0e-2"),
                "{\"name\":\"id last\",\"id\":\"lead_10\"}");
        String body = "{\"meta\":{\"pagination\":{\"page\":1,\"totalPages\":1}},\"success\":true,\"data\":[" + leads
                + "],\"trailing\":{\"ignored\":[1,2,3]}}";
        OctanistPageReader.Page page = assertSameAsTree(body.getBytes(StandardCharsets.UTF_8));
        assertThat(page.leads()).hasSize(10);
        assertThat(page.unreadable().list()).isNotEmpty();
        assertThat(page.leads().get(8).raw().get("name").asText()).isEqualTo("second");
        assertThat(page.leads().get(8).name()).isEqualTo("second");
    }

    @Test
    void rawIsTheLeadObjectAndBehavesAsAnyTree() throws IOException {
        OctanistPageReader.Page page = read(example("list-leads.json"));
        JsonNode tree = JsonBody.of(example("list-leads.json"), DETAILS).tree().get("data").get(0);
        ObjectNode raw = (ObjectNode) page.leads().get(0).raw();
        assertThat(raw.get("selectedConversionEventId").asText()).isEqualTo("conv_123");
        assertThat(raw).isEqualTo(tree);
        assertThat(tree).isEqualTo(raw);
        assertThat(raw.hashCode()).isEqualTo(tree.hashCode());
        assertThat(raw.toString()).isEqualTo(tree.toString());
        assertThat(raw.size()).isEqualTo(tree.size());
        assertThat(raw.deepCopy()).isEqualTo(tree);
        raw.put("added", 1);
        assertThat(raw.get("added").intValue()).isEqualTo(1);
        assertThat(raw.remove("added")).isNotNull();
        assertThat(raw).isEqualTo(tree);
    }

    @Test
    void everyOtherShapeIsLeftToTheTreePath() {
        for (String body : List.of(
                "[" + lead("1", "") + "]",                                          // legacy bare array
                "{\"success\":false,\"data\":[" + lead("1", "") + "]}",             // an error said with 200
                "{\"success\":\"yes\",\"data\":[]}",
                "{\"data\":[" + lead("1", "") + "],\"data\":[]}",                   // duplicate envelope key
                "{\"data\":null}", "{\"data\":{}}", "{\"data\":[1]}", "{\"data\":[null]}",
                "{\"data\":[{\"name\":\"no id\"}]}", "{\"data\":[{\"id\":\" \"}]}", "{\"data\":[{\"id\":1.5}]}",
                "{\"data\":[{\"id\":true}]}",
                "{\"data\":[" + lead("1", "\"labelId\":{\"a\":1}") + "]}",       // the mapper refuses it
                "{\"data\":[" + lead("1", "\"ad_storage\":\"maybe\"") + "]}",
                "{\"data\":[],\"meta\":[]}", "{\"data\":[],\"meta\":{\"pagination\":3}}",
                "{\"data\":[],\"meta\":{\"pagination\":{\"totalPages\":\"many\"}}}",
                "{\"id\":\"lead_1\"}", "{}", "", "   ", "null", "\"text\"",
                "<html><body>502 Bad Gateway</body></html>",
                "{\"data\":[" + lead("1", "") + ",{\"id\":\"lead_2\",\"name\":\"trunc")) {
            assertThat(read(body.getBytes(StandardCharsets.UTF_8))).as(body).isNull();
        }
        // not UTF-8: no byte offsets to cut raw from
        byte[] utf16 = ("{\"data\":[" + lead("1", "") + "]}").getBytes(StandardCharsets.UTF_16);
        assertThat(read(utf16)).isNull();
    }

    @Test
    void anEmptyPageReadsAsEmpty() {
        OctanistPageReader.Page page = assertSameAsTree("{\"success\":true,\"data\":[],\"meta\":null}"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(page.leads()).isEmpty();
        assertThat(page.pagination()).isNull();
    }

    private OctanistPageReader.Page assertSameAsTree(byte[] bytes) {
        OctanistPageReader.Page streamed = read(bytes);
        assertThat(streamed).as("read from the stream").isNotNull();
        OctanistResponses.ListBody list = OctanistResponses.list(JsonBody.of(bytes, DETAILS).tree(), DETAILS);
        UnreadableFields unreadable = new UnreadableFields();
        List<Lead> fromTree = new ArrayList<>();
        for (JsonNode lead : list.leads()) {
            fromTree.add(reader.read(lead, unreadable));
        }
        assertThat(streamed.leads()).isEqualTo(fromTree);
        for (int i = 0; i < fromTree.size(); i++) {
            // BigDecimal equality includes the scale: 1.50 and 1.5 are different values of a lead
            assertThat(String.valueOf(streamed.leads().get(i).value()))
                    .isEqualTo(String.valueOf(fromTree.get(i).value()));
            assertThat(streamed.leads().get(i).raw().toString()).isEqualTo(fromTree.get(i).raw().toString());
        }
        assertThat(streamed.unreadable().list()).isEqualTo(unreadable.list());
        assertThat(streamed.pagination()).isEqualTo(list.pagination());
        return streamed;
    }

    private OctanistPageReader.Page read(byte[] bytes) {
        return OctanistPageReader.read(JsonBody.of(bytes, DETAILS), reader);
    }

    private static String lead(String id, String fields) {
        return "{\"id\":\"lead_" + id + "\"" + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    private static byte[] example(String name) throws IOException {
        try (InputStream in = OctanistPageReaderTest.class.getResourceAsStream("/examples/" + name)) {
            return in.readAllBytes();
        }
    }
}
