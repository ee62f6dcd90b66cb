package dev.leadbridge.provider.octanist.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.leadbridge.core.JsonValues;
import dev.leadbridge.core.http.ProviderHttpClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OctanistCustomTextTest {

    @Test
    void customTextReadWithoutATreeGivesWhatTheTreeGave() throws JsonProcessingException {
        List<String> texts = List.of("{}", "{\"a\":1}", "{\"company\":\"Acme Inc\",\"seats\":12,\"vip\":true}",
                "{\"n\":null,\"f\":false,\"list\":[1,\"x\",null,[true],{\"k\":\"v\"}],\"o\":{\"p\":{\"q\":[]}}}",
                "{\"big\":123456789012345678901234567890,\"neg\":-9223372036854775808,\"max\":9223372036854775807}",
                "{\"dup\":1,\"other\":2,\"dup\":\"last\"}", "{\"esc\":\"\\u00e9\\n\\\"q\\\"\",\"\\u0041\":\"key\"}",
                "{\"price\":12.50,\"ratio\":1e3,\"nested\":[0.10]}", "  {\"a\" : [ ] }  ");
        for (String text : texts) {
            JsonNode tree = ProviderHttpClient.mapper().readTree(text);
            Map<String, Object> custom = OctanistLeadMapper.custom(TextNode.valueOf(text));
            assertThat(custom).as(text).isEqualTo(JsonValues.mapFromTree(tree));
            assertThat(String.valueOf(custom)).as(text).isEqualTo(String.valueOf(JsonValues.mapFromTree(tree)));
        }
    }

    @Test
    void customTextThatIsNotALoneJsonObjectIsKeptWhole() {
        for (String text : List.of("{\"a\":1} trailing", "{\"a\":1} 2", "{\"a\":1}{}", "{\"a\":", "[1,2]", "12",
                "null", "\"s\"", "call after 5pm", "{\"a\":1,}", "{'a':1}")) {
            assertThat(OctanistLeadMapper.custom(TextNode.valueOf(text))).as(text)
                    .isEqualTo(Map.of(OctanistLeadMapper.CUSTOM_TEXT_KEY, text));
        }
    }

    @Test
    void textSkippedWithoutParsingGivesWhatTheParserGave() {
        ObjectReader strict = ProviderHttpClient.mapper().reader()
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        for (String text : List.of("Referred by Jan", " [\"solar\",\"heat-pump\"]", "\t\n12", "\"quoted\"",
                "company: Acme; size: 10-50", "/* c */ {\"a\":1}", "\uFEFF{\"a\":1}", "\u00e9t\u00e9", "\u0001{}",
                " \r\n{\"a\":1}", "true", "~{}")) {
            Map<String, Object> expected;
            try {
                JsonNode tree = strict.readTree(text);
                expected = tree != null && tree.isObject() ? JsonValues.mapFromTree(tree)
                        : Map.of(OctanistLeadMapper.CUSTOM_TEXT_KEY, text);
            } catch (JsonProcessingException e) {
                expected = Map.of(OctanistLeadMapper.CUSTOM_TEXT_KEY, text);
            }
            assertThat(OctanistLeadMapper.custom(TextNode.valueOf(text))).as(text).isEqualTo(expected);
        }
        assertThat(OctanistLeadMapper.cannotBeAnObject("Referred by Jan")).isTrue();
        assertThat(OctanistLeadMapper.cannotBeAnObject(" {\"a\":1}")).isFalse();
        assertThat(OctanistLeadMapper.cannotBeAnObject("\uFEFF{}")).isFalse();
    }
}
