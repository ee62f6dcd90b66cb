package dev.leadbridge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonValuesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void aMapReadFromATreeIsFrozenOnceAndNotCopiedAgain() throws JsonProcessingException {
        Map<String, Object> read = JsonValues.mapFromTree(MAPPER.readTree("{\"a\":{\"b\":[1,{\"c\":null}]},\"d\":\"e\"}"));
        assertThat(JsonValues.freezeMap(read)).isSameAs(read);
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("read", read);
        assertThat(JsonValues.freezeMap(nested).get("read")).isSameAs(read);
    }

    @Test
    void aFrozenMapRefusesEveryChangeAsAnUnmodifiableMapDoes() throws JsonProcessingException {
        Map<String, Object> read = JsonValues.mapFromTree(MAPPER.readTree("{\"a\":1,\"b\":[2]}"));
        assertThatThrownBy(() -> read.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> read.remove("absent")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(read::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> read.merge("a", 2L, (x, y) -> y)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> read.putIfAbsent("z", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> read.keySet().remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> read.entrySet().iterator().next().setValue(3))
                .isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) read.get("b");
        assertThatThrownBy(() -> list.add(3)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(read).isEqualTo(Map.of("a", 1L, "b", List.of(2L))).hasToString("{a=1, b=[2]}");
        assertThat(read.hashCode()).isEqualTo(Map.of("a", 1L, "b", List.of(2L)).hashCode());
    }

    @Test
    void aMapFromElsewhereIsStillCopiedDeeply() {
        List<Object> list = new ArrayList<>(List.of("x"));
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("list", list);
        Map<String, Object> frozen = JsonValues.freezeMap(given);
        list.add("y");
        given.put("late", true);
        assertThat(frozen).isEqualTo(Map.of("list", List.of("x")));
    }

    @Test
    void jsonTextReadWithoutATreeGivesWhatTheTreeGives() throws JsonProcessingException {
        for (String text : List.of("{}", "{\"a\":1,\"s\":\"t\",\"n\":null,\"l\":[true,false,null,[],{}]}",
                "{\"big\":123456789012345678901234567890,\"dup\":1,\"dup\":2}", " {\"o\":{\"p\":{\"q\":[-1]}}} ")) {
            JsonNode tree = MAPPER.readTree(text);
            Map<String, Object> direct = JsonValues.objectFromJson(text);
            assertThat(direct).as(text).isEqualTo(JsonValues.mapFromTree(tree));
            assertThat(String.valueOf(direct)).as(text).isEqualTo(String.valueOf(JsonValues.mapFromTree(tree)));
        }
        for (String text : List.of("{\"d\":1.5}", "[1]", "{\"a\":1} 2", "{not json", "12", "")) {
            assertThat(JsonValues.objectFromJson(text)).as(text).isNull();
        }
    }
}
