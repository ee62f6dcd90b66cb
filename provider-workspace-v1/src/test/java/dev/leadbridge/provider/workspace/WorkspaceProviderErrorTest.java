package dev.leadbridge.provider.workspace;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.leadbridge.provider.workspace.WireMockLeads.BASE;
import static dev.leadbridge.provider.workspace.WireMockLeads.DOCS_LEAD;
import static dev.leadbridge.provider.workspace.WireMockLeads.KEY;
import static dev.leadbridge.provider.workspace.WireMockLeads.NOW;
import static dev.leadbridge.provider.workspace.WireMockLeads.listing;
import static dev.leadbridge.provider.workspace.WireMockLeads.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.RateLimitStatus;
import dev.leadbridge.core.error.AuthenticationException;
import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.error.ConflictException;
import dev.leadbridge.core.error.InvalidLeadIdException;
import dev.leadbridge.core.error.InvalidRequestException;
import dev.leadbridge.core.error.LeadNotFoundException;
import dev.leadbridge.core.error.MalformedResponseException;
import dev.leadbridge.core.error.ProviderUnavailableException;
import dev.leadbridge.core.error.RateLimitedException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every documented error shape and the rate-limit headers, turned into typed errors and exposed budgets. */
class WorkspaceProviderErrorTest {

    private static final String ID = "lead_1234567890abcdef";

    @RegisterExtension
    static WireMockExtension server = WireMockLeads.server();

    private WorkspaceProvider provider() {
        return WireMockLeads.builder(server).build();
    }

    private static ResponseDefinitionBuilder error(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    @Test
    void leadNotFoundIsATypedErrorWithCodeAndRequestId() {
        // given
        server.stubFor(get(BASE + "/leads/" + ID).willReturn(error(404, """
                {"success":false,"error":"Lead not found","code":"LEAD_NOT_FOUND",
                 "details":{"leadId":"lead_1234567890abcdef","message":"No lead with this id"},
                 "timestamp":"2024-01-16T10:30:00.000Z","requestId":"req_1234567890abcdef"}""")));
        // when / then
        assertThatThrownBy(() -> provider().get(ID))
                .isInstanceOfSatisfying(LeadNotFoundException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.providerCode()).isEqualTo("LEAD_NOT_FOUND");
                    assertThat(e.requestId()).isEqualTo("req_1234567890abcdef");
                    assertThat(e.getMessage()).contains("Lead not found").contains("No lead with this id");
                });
    }

    @Test
    void theServersInvalidIdFormatIsTheSameTypedErrorAsTheClientSideCheck() {
        // given
        server.stubFor(get(BASE + "/leads/" + ID).willReturn(error(400, """
                {"success":false,"error":"Invalid lead id format","code":"INVALID_ID_FORMAT",
                 "details":{"field":"leadId","value":"lead_1234567890abcdef"}}""")));
        // when / then
        assertThatThrownBy(() -> provider().get(ID))
                .isInstanceOfSatisfying(InvalidLeadIdException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.providerCode()).isEqualTo("INVALID_ID_FORMAT");
                    assertThat(e.getMessage()).contains(ID);
                });
    }

    @Test
    void aValidationErrorIsAnInvalidRequestWithTheServersExplanation() {
        // given
        server.stubFor(put(BASE + "/leads/" + ID).willReturn(error(400, """
                {"success":false,"error":"Validation failed","code":"VALIDATION_ERROR",
                 "details":{"field":"email","value":"nope","message":"email must be a valid email address"}}""")));
        // when / then
        assertThatThrownBy(() -> provider().update(ID, LeadUpdate.builder().email("nope").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e).isNotInstanceOf(InvalidLeadIdException.class);
                    assertThat(e.providerCode()).isEqualTo("VALIDATION_ERROR");
                    assertThat(e.getMessage()).contains("email must be a valid email address");
                });
    }

    @Test
    void aDuplicateEmailIsAConflictNamingTheExistingLead() {
        // given
        server.stubFor(post(BASE + "/chatbots/cb_1/leads").willReturn(error(409, """
                {"success":false,"error":"A lead with this email already exists","code":"DUPLICATE_EMAIL",
                 "details":{"email":"john@example.com","existingLeadId":"lead_0000000000000042",
                            "message":"Email must be unique within the workspace"}}""")));
        WorkspaceProvider provider = WireMockLeads.builder(server).chatbotId("cb_1").build();
        // when / then
        assertThatThrownBy(() -> provider.create(NewLead.builder().name("John").email("john@example.com").build()))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.existingLeadId()).isEqualTo("lead_0000000000000042");
                    assertThat(e.providerCode()).isEqualTo("DUPLICATE_EMAIL");
                    assertThat(e.httpStatus()).isEqualTo(409);
                });
    }

    @ParameterizedTest
    @CsvSource({
            "MISSING_AUTH_HEADER, Missing authorization header",
            "INVALID_API_KEY, Invalid API key",
            "MALFORMED_AUTH_HEADER, Malformed authorization header. Expected format: Bearer <token>"})
    void everyAuthErrorIsAnAuthenticationErrorThatNeverShowsTheKey(String code, String message) {
        // given: a server that even echoes the key back
        server.stubFor(get(BASE + "/leads/" + ID).willReturn(error(401, "{\"success\":false,\"error\":\"" + message
                + " (" + KEY + ")\",\"code\":\"" + code + "\"}")));
        // when / then
        assertThatThrownBy(() -> provider().get(ID))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.providerCode()).isEqualTo(code);
                    assertThat(e.getMessage()).contains(message.substring(0, 10)).doesNotContain(KEY);
                    assertThat(String.valueOf(e)).doesNotContain(KEY);
                });
    }

    @Test
    void aRateLimitedAnswerWaitsAsLongAsRetryAfterSays() {
        // given
        server.stubFor(get(BASE + "/leads/" + ID).willReturn(error(429, """
                {"success":false,"error":"Rate limit exceeded","code":"RATE_LIMIT_EXCEEDED"}""")
                .withHeader("Retry-After", "30")
                .withHeader("X-RateLimit-Limit", "1000").withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Used", "1000")
                .withHeader("X-RateLimit-Reset", Long.toString(NOW.plusSeconds(600).getEpochSecond()))));
        WorkspaceProvider provider = provider();
        // when / then
        assertThatThrownBy(() -> provider.get(ID))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(e.isRetriable()).isTrue();
                });
        assertThat(provider.rateLimitStatus()).contains(new RateLimitStatus(1000, 0, NOW.plusSeconds(600), 1000));
    }

    @Test
    void withoutRetryAfterTheWaitRunsUntilTheRateLimitReset() {
        // given
        server.stubFor(get(BASE + "/leads/" + ID).willReturn(error(429, """
                {"success":false,"error":"Rate limit exceeded","code":"RATE_LIMIT_EXCEEDED"}""")
                .withHeader("X-RateLimit-Limit", "1000").withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", Long.toString(NOW.plusSeconds(90).getEpochSecond()))));
        // when / then
        assertThatThrownBy(() -> provider().get(ID))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(90)));
    }

    @Test
    void theRateLimitHeadersAreOnEveryPageAndOnTheProvider() {
        // given
        server.stubFor(get(urlPathEqualTo(BASE + "/leads")).willReturn(okJson(listing(1, 100, 0))
                .withHeader("X-RateLimit-Limit", "1000").withHeader("X-RateLimit-Remaining", "998")
                .withHeader("X-RateLimit-Reset", "1773144000").withHeader("X-RateLimit-Used", "2")));
        WorkspaceProvider provider = provider();
        assertThat(provider.rateLimitStatus()).isEmpty();
        // when
        LeadPage page = provider.list(LeadQuery.ALL, 1);
        // then
        RateLimitStatus expected = new RateLimitStatus(1000, 998, java.time.Instant.ofEpochSecond(1773144000L), 2);
        assertThat(page.rateLimit()).isEqualTo(expected);
        assertThat(provider.rateLimitStatus()).contains(expected);
    }

    @Test
    void anUnknownChatbotIsAConfigurationError() {
        // given
        server.stubFor(get(urlPathEqualTo(BASE + "/chatbots/cb_missing/leads")).willReturn(error(404, """
                {"success":false,"error":"Chatbot not found","code":"CHATBOT_NOT_FOUND"}""")));
        WorkspaceProvider provider = WireMockLeads.builder(server).chatbotId("cb_missing").build();
        // when / then
        assertThatThrownBy(() -> provider.list(LeadQuery.ALL, 1))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("chatbot 'cb_missing'");
    }

    @Test
    void aListingAtAWrongAddressIsAConfigurationErrorNotAMissingLead() {
        // given
        server.stubFor(get(urlPathEqualTo(BASE + "/leads")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "text/html").withBody("<html>Not Found</html>")));
        // when / then
        assertThatThrownBy(() -> provider().list(LeadQuery.ALL, 1))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("base-url");
    }

    @Test
    void aServerErrorIsProviderUnavailableAndRetriable() {
        // given
        server.stubFor(get(BASE + "/leads/" + ID).willReturn(error(503, """
                {"success":false,"error":"Service unavailable","code":"INTERNAL_ERROR"}""")));
        // when / then
        assertThatThrownBy(() -> provider().get(ID))
                .isInstanceOfSatisfying(ProviderUnavailableException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(503);
                    assertThat(e.isRetriable()).isTrue();
                });
    }

    @Test
    void aSuccessStatusWithSuccessFalseIsAMalformedResponse() {
        // given
        server.stubFor(get(BASE + "/leads/" + ID).willReturn(okJson("""
                {"success":false,"error":"Lead not found","code":"LEAD_NOT_FOUND"}""")));
        // when / then
        assertThatThrownBy(() -> provider().get(ID))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("LEAD_NOT_FOUND");
    }

    @Test
    void anUndocumentedFourHundredBodyIsAMalformedResponseKeepingTheStatus() {
        // given
        server.stubFor(get(BASE + "/leads/" + ID).willReturn(error(400, "{\"message\":\"bad\"}")));
        // when / then
        assertThatThrownBy(() -> provider().get(ID))
                .isInstanceOfSatisfying(MalformedResponseException.class,
                        e -> assertThat(e.httpStatus()).isEqualTo(400));
    }

    @Test
    void aStatusUpdateReturnsTheLeadOfTheResponseBody() {
        // given
        server.stubFor(put(BASE + "/leads/" + ID).willReturn(okJson(single(DOCS_LEAD.replace("\"new\"",
                "\"converted\"")))));
        // when
        var lead = provider().update(ID, LeadUpdate.builder().status(LeadStatus.WON).build());
        // then
        assertThat(lead.status()).isEqualTo(LeadStatus.WON);
        assertThat(lead.statusRaw()).isEqualTo("converted");
    }
}
