package dev.leadbridge.provider.nexor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.leadbridge.core.error.AuthenticationException;
import dev.leadbridge.core.error.InvalidRequestException;
import dev.leadbridge.core.error.LeadNotFoundException;
import dev.leadbridge.core.error.LeadbridgeException;
import dev.leadbridge.core.error.MalformedResponseException;
import dev.leadbridge.core.error.ProviderUnavailableException;
import dev.leadbridge.core.error.RateLimitedException;
import dev.leadbridge.core.error.RejectedException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NexorProviderErrorsTest extends WireMockSupport {

    @Test
    void theFlat401BodyIsAnAuthenticationErrorWithNexorsMessageAndNoKey() {
        givenGetAnswers(401, json("{'error': 'Invalid API key', 'message': 'The provided API key is not valid'}"));

        assertThatThrownBy(() -> provider.get(LEAD_ID))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Invalid API key The provided API key is not valid")
                .hasMessageNotContaining(KEY)
                .satisfies(e -> assertThat(((LeadbridgeException) e).httpStatus()).isEqualTo(401));
    }

    @Test
    void aServerMessageEchoingTheKeyIsRedacted() {
        givenGetAnswers(401, json("{'error': 'Invalid API key', 'message': 'key " + KEY + " is not valid'}"));

        assertThatThrownBy(() -> provider.get(LEAD_ID)).isInstanceOf(AuthenticationException.class)
                .hasMessageNotContaining(KEY).hasMessageContaining("****");
    }

    @Test
    void theSuccessFalse404IsLeadNotFound() {
        givenGetAnswers(404, json("{'success': false, 'error': 'Lead not found'}"));

        assertThatThrownBy(() -> provider.get(LEAD_ID))
                .isInstanceOf(LeadNotFoundException.class)
                .hasMessageContaining("Lead not found")
                .satisfies(e -> assertThat(((LeadbridgeException) e).httpStatus()).isEqualTo(404));
    }

    @Test
    void aSuccessFalse400IsAnInvalidRequestWithTheFieldDetailsAndCode() {
        givenGetAnswers(400, json("{'success': false, 'error': 'Validation error', 'code': 'VALIDATION_ERROR',"
                + " 'details': [{'field': 'email', 'message': 'Invalid email'}], 'request_id': 'req-7'}"));

        assertThatThrownBy(() -> provider.get(LEAD_ID))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Validation error (email: Invalid email)")
                .satisfies(e -> {
                    LeadbridgeException typed = (LeadbridgeException) e;
                    assertThat(typed.httpStatus()).isEqualTo(400);
                    assertThat(typed.providerCode()).isEqualTo("VALIDATION_ERROR");
                    assertThat(typed.requestId()).isEqualTo("req-7");
                });
    }

    @Test
    void aSuccessFalse403IsRejected() {
        givenGetAnswers(403, json("{'success': false, 'error': 'Forbidden'}"));

        assertThatThrownBy(() -> provider.get(LEAD_ID)).isInstanceOf(RejectedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'detail': 'bad'}", "{'success': true}", "[1]", "{'error': {'code': 1}}"})
    void anUndocumented4xxBodyIsAMalformedResponseKeepingTheStatus(String body) {
        givenGetAnswers(422, json(body));

        assertThatThrownBy(() -> provider.get(LEAD_ID))
                .isInstanceOf(MalformedResponseException.class)
                .satisfies(e -> assertThat(((LeadbridgeException) e).httpStatus()).isEqualTo(422));
    }

    @Test
    void aPlainText400IsAMalformedResponseKeepingTheStatus() {
        wire.stubFor(get(urlPathEqualTo(LEAD_PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "text/plain").withBody("Bad Request")));

        assertThatThrownBy(() -> provider.get(LEAD_ID))
                .isInstanceOf(MalformedResponseException.class)
                .satisfies(e -> assertThat(((LeadbridgeException) e).httpStatus()).isEqualTo(400));
    }

    @Test
    void anHtml502IsProviderUnavailableWithItsStatus() {
        wire.stubFor(get(urlPathEqualTo(LEAD_PATH)).willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Bad Gateway</body></html>")));

        assertThatThrownBy(() -> provider.get(LEAD_ID))
                .isInstanceOf(ProviderUnavailableException.class)
                .satisfies(e -> assertThat(((LeadbridgeException) e).httpStatus()).isEqualTo(502))
                .satisfies(e -> assertThat(((LeadbridgeException) e).isRetriable()).isTrue());
    }

    @Test
    void anHtmlBodyWithStatus200IsAMalformedResponse() {
        wire.stubFor(get(urlPathEqualTo(LEAD_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html>ok</html>")));

        assertThatThrownBy(() -> provider.get(LEAD_ID))
                .isInstanceOf(MalformedResponseException.class)
                .satisfies(e -> assertThat(((LeadbridgeException) e).httpStatus()).isEqualTo(200));
    }

    @Test
    void a429IsRateLimitedWithTheRequestedWait() {
        wire.stubFor(get(urlPathEqualTo(LEAD_PATH)).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withHeader("Retry-After", "7")
                .withBody(json("{'success': false, 'error': 'Too many requests'}"))));

        assertThatThrownBy(() -> provider.get(LEAD_ID))
                .isInstanceOf(RateLimitedException.class)
                .satisfies(e -> assertThat(((RateLimitedException) e).retryAfter()).isEqualTo(Duration.ofSeconds(7)));
    }

    @Test
    void aResetConnectionIsProviderUnavailable() {
        wire.stubFor(get(urlPathEqualTo(LEAD_PATH)).willReturn(aResponse()
                .withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> provider.get(LEAD_ID)).isInstanceOf(ProviderUnavailableException.class);
    }

    @Test
    void theProviderNeverShowsItsKey() {
        assertThat(provider.toString()).doesNotContain(KEY).contains("acme-nexor");
    }
}
