package dev.leadbridge.provider.octanist;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.error.AuthenticationException;
import dev.leadbridge.core.error.ConflictException;
import dev.leadbridge.core.error.InvalidRequestException;
import dev.leadbridge.core.error.LeadNotFoundException;
import dev.leadbridge.core.error.LeadbridgeException;
import dev.leadbridge.core.error.MalformedResponseException;
import dev.leadbridge.core.error.ProviderUnavailableException;
import dev.leadbridge.core.error.RejectedException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OctanistErrorTest extends WireMockSupport {

    private static void answer(int status, String contentType, String body) {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status).withHeader("Content-Type", contentType)
                .withBody(body)));
    }

    private static String envelope(String code, String message) {
        return "{\"success\":false,\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message
                + "\",\"details\":{}},\"meta\":{\"requestId\":\"req_a1b2c3d4e5f6\","
                + "\"timestamp\":\"2026-03-10T12:00:00.000Z\"}}";
    }

    static Stream<Arguments> documentedErrors() {
        return Stream.of(
                Arguments.of(400, "VALIDATION_ERROR", InvalidRequestException.class),
                Arguments.of(400, "INVALID_FILTER", InvalidRequestException.class),
                Arguments.of(400, "INVALID_DATE", InvalidRequestException.class),
                Arguments.of(401, "UNAUTHORIZED", AuthenticationException.class),
                Arguments.of(403, "FORBIDDEN", RejectedException.class),
                Arguments.of(404, "NOT_FOUND", LeadNotFoundException.class),
                Arguments.of(409, "CONFLICT", ConflictException.class),
                Arguments.of(500, "INTERNAL_ERROR", ProviderUnavailableException.class));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("documentedErrors")
    void theErrorEnvelopeBecomesATypedErrorWithStatusCodeAndRequestId(int status, String code,
                                                                      Class<? extends LeadbridgeException> type) {
        answer(status, "application/json", envelope(code, "Human readable error message"));
        assertThatThrownBy(() -> provider().get("lead_1"))
                .isInstanceOf(type)
                .hasMessageContaining("Human readable error message")
                .satisfies(e -> {
                    LeadbridgeException error = (LeadbridgeException) e;
                    assertThat(error.httpStatus()).isEqualTo(status);
                    assertThat(error.providerCode()).isEqualTo(code);
                    assertThat(error.requestId()).isEqualTo("req_a1b2c3d4e5f6");
                    assertThat(error.provider()).isEqualTo("octanist");
                    assertThat(error.connection()).isEqualTo("acme");
                });
    }

    @Test
    void theLegacyFlatErrorIsReadToo() {
        answer(401, "application/json", "{\"error\": \"Invalid or missing API key\"}");
        assertThatThrownBy(() -> provider().get("lead_1"))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Invalid or missing API key")
                .hasMessageNotContaining("not the provider's documented error JSON");
    }

    @Test
    void aLegacyFlatValidationErrorIsAnInvalidRequest() {
        answer(400, "application/json", "{\"error\":\"value is required\"}");
        assertThatThrownBy(() -> provider().list(LeadQuery.ALL, 1))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("value is required");
    }

    @Test
    void anHtml502PageIsProviderUnavailableWithItsStatus() {
        answer(502, "text/html", "<html><head><title>502 Bad Gateway</title></head><body><h1>502</h1></body></html>");
        assertThatThrownBy(() -> provider().get("lead_1"))
                .isInstanceOf(ProviderUnavailableException.class)
                .satisfies(e -> assertThat(((LeadbridgeException) e).httpStatus()).isEqualTo(502))
                .satisfies(e -> assertThat(((LeadbridgeException) e).isRetriable()).isTrue());
    }

    @Test
    void anHtmlPageWithAClientErrorStatusIsMalformed() {
        answer(400, "text/html", "<html><body>Bad Request</body></html>");
        assertThatThrownBy(() -> provider().get("lead_1"))
                .isInstanceOf(MalformedResponseException.class)
                .satisfies(e -> assertThat(((LeadbridgeException) e).httpStatus()).isEqualTo(400));
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 404, 409, 500, 503})
    void anEmptyErrorBodyKeepsTheTypeOfItsStatus(int status) {
        answer(status, "application/json", "");
        assertThatThrownBy(() -> provider().get("lead_1"))
                .isInstanceOf(LeadbridgeException.class)
                .satisfies(e -> assertThat(((LeadbridgeException) e).httpStatus()).isEqualTo(status))
                .hasMessageContaining("not the provider's documented error JSON");
    }

    @Test
    void anEmptyBadRequestBodyIsMalformed() {
        answer(400, "application/json", "");
        assertThatThrownBy(() -> provider().get("lead_1")).isInstanceOf(MalformedResponseException.class);
    }

    @Test
    void aTruncatedErrorBodyKeepsTheTypeOfItsStatus() {
        answer(404, "application/json", "{\"success\":false,\"error\":{\"code\":\"NOT_FO");
        assertThatThrownBy(() -> provider().get("lead_1"))
                .isInstanceOf(LeadNotFoundException.class)
                .satisfies(e -> assertThat(((LeadbridgeException) e).providerCode()).isNull());
    }

    @Test
    void aTruncatedSuccessBodyIsMalformed() {
        answer(200, "application/json", "{\"success\":true,\"data\":{\"id\":\"lead_1\",\"name\":\"Jo");
        assertThatThrownBy(() -> provider().get("lead_1"))
                .isInstanceOf(MalformedResponseException.class)
                .satisfies(e -> assertThat(((LeadbridgeException) e).httpStatus()).isEqualTo(200));
    }

    @Test
    void anErrorEnvelopeWithoutCodeOrMessageIsUndocumented() {
        answer(422, "application/json", "{\"success\":false,\"error\":{}}");
        assertThatThrownBy(() -> provider().get("lead_1")).isInstanceOf(MalformedResponseException.class);
    }

    @Test
    void aServerMessageEchoingTheKeyIsRedacted() {
        answer(401, "application/json", envelope("UNAUTHORIZED", "Unknown key " + API_KEY));
        assertThatThrownBy(() -> provider().get("lead_1"))
                .isInstanceOf(AuthenticationException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(API_KEY).contains("****"));
    }

    @Test
    void theProviderNeverShowsItsKey() {
        assertThat(provider().toString()).doesNotContain(API_KEY).contains("acme");
    }

    @Test
    void aResetConnectionIsProviderUnavailable() {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThatThrownBy(() -> provider().get("lead_1")).isInstanceOf(ProviderUnavailableException.class);
    }

    @Test
    void aSlowAnswerTimesOutAsProviderUnavailable() {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withFixedDelay(2_000).withStatus(200)
                .withBody(example("get-lead.json"))));
        OctanistProvider provider = OctanistProvider.builder().connection("acme").baseUrl(wm.baseUrl() + "/api")
                .apiKey(API_KEY).readTimeout(java.time.Duration.ofMillis(200)).build();
        assertThatThrownBy(() -> provider.get("lead_1"))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("timed out");
    }
}
