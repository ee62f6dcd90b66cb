package dev.leadbridge.provider.octanist.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.MalformedResponseException;
import dev.leadbridge.core.http.ProviderHttpClient;
import dev.leadbridge.provider.octanist.internal.dto.OctanistPaginationDto;
import java.util.List;
import org.junit.jupiter.api.Test;

class OctanistPaginationTest {

    private static final ErrorDetails DETAILS = ErrorDetails.of("octanist", "test");

    @Test
    void paginationReadByHandIsWhatJacksonsBindingGives() throws JsonProcessingException {
        for (String json : List.of("{}", "{\"limit\":50,\"page\":1,\"totalPages\":5,\"total\":234,\"hasMore\":true}",
                "{\"limit\":null,\"page\":null,\"totalPages\":null,\"total\":null,\"hasMore\":null}",
                "{\"page\":9000000000,\"total\":9000000001,\"hasMore\":false,\"other\":[1]}",
                "{\"limit\":\"50\",\"page\":\"2\",\"hasMore\":\"true\"}", "{\"limit\":4.0,\"total\":9.0}",
                "{\"limit\":1,\"limit\":2}")) {
            JsonNode node = ProviderHttpClient.mapper().readTree(json);
            assertThat(OctanistResponses.pagination(node, DETAILS)).as(json)
                    .isEqualTo(ProviderHttpClient.convert(node, OctanistPaginationDto.class, DETAILS));
        }
    }

    @Test
    void paginationOfTheWrongTypeIsStillMalformed() throws JsonProcessingException {
        JsonNode node = ProviderHttpClient.mapper().readTree("{\"totalPages\":\"many\"}");
        assertThatThrownBy(() -> OctanistResponses.pagination(node, DETAILS))
                .isInstanceOf(MalformedResponseException.class);
    }
}
