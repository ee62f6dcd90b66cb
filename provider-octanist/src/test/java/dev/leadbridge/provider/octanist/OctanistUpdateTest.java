package dev.leadbridge.provider.octanist;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.error.ConflictException;
import dev.leadbridge.core.error.InvalidRequestException;
import dev.leadbridge.core.error.LeadNotFoundException;
import dev.leadbridge.core.error.MalformedResponseException;
import dev.leadbridge.core.error.OperationNotSupportedException;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OctanistUpdateTest extends WireMockSupport {

    @BeforeEach
    void answerUpdateAndReadBack() {
        wm.stubFor(patch(urlEqualTo("/api/leads")).willReturn(okJson(example("update.json"))));
        wm.stubFor(get(urlEqualTo("/api/leads/lead_abc123")).willReturn(okJson(example("get-lead.json"))));
    }

    @Test
    void patchesStatusValueNoteAndLossReasonByIdAndReturnsTheLeadAsStored() {
        Lead lead = provider().update("lead_abc123", LeadUpdate.builder().status(LeadStatus.LOST)
                .value(new BigDecimal("1500.50")).note("Went with a competitor").lossReason("price").build());

        assertThat(lead.nativeId()).isEqualTo("lead_abc123");
        wm.verify(patchRequestedFor(urlEqualTo("/api/leads"))
                .withHeader("X-API-KEY", equalTo(API_KEY))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"id\":\"lead_abc123\",\"status\":\"lost\",\"value\":1500.50,"
                        + "\"note\":\"Went with a competitor\",\"lossReason\":\"price\"}")));
        assertThat(requests()).extracting(r -> r.getMethod().getName() + " " + r.getUrl())
                .containsExactly("PATCH /api/leads", "GET /api/leads/lead_abc123");
    }

    @Test
    void sendsTheRawStatusOfEachSettableCategory() {
        provider().update("lead_abc123", LeadUpdate.builder().status(LeadStatus.WON).build());
        provider().update("lead_abc123", LeadUpdate.builder().status(LeadStatus.QUALIFIED).build());
        wm.verify(patchRequestedFor(urlEqualTo("/api/leads"))
                .withRequestBody(equalToJson("{\"id\":\"lead_abc123\",\"status\":\"won\"}")));
        wm.verify(patchRequestedFor(urlEqualTo("/api/leads"))
                .withRequestBody(equalToJson("{\"id\":\"lead_abc123\",\"status\":\"qualified\"}")));
    }

    @Test
    void aReasonForLosingIsSentAsTheLossReason() {
        provider().update("lead_abc123", LeadUpdate.builder().status(LeadStatus.LOST, "no budget").build());
        wm.verify(patchRequestedFor(urlEqualTo("/api/leads")).withRequestBody(equalToJson(
                "{\"id\":\"lead_abc123\",\"status\":\"lost\",\"lossReason\":\"no budget\"}")));
    }

    @ParameterizedTest
    @EnumSource(value = LeadStatus.class, names = {"OPEN", "CONTACTED", "UNKNOWN"})
    void statusesOctanistCannotSetAreNamedAndRejectedBeforeAnyRequest(LeadStatus status) {
        assertThatThrownBy(() -> provider().update("lead_abc123", LeadUpdate.builder().status(status).build()))
                .isInstanceOf(OperationNotSupportedException.class)
                .hasMessageContaining("STATUS=" + status);
        assertThat(requests()).isEmpty();
    }

    @Test
    void otherFieldsAreNamedAndRejectedBeforeAnyRequest() {
        assertThatThrownBy(() -> provider().update("lead_abc123", LeadUpdate.builder().name("New")
                .email("x@example.com").custom(Map.of("a", 1)).note("ok").build()))
                .isInstanceOf(OperationNotSupportedException.class)
                .hasMessageContaining("NAME").hasMessageContaining("EMAIL").hasMessageContaining("CUSTOM")
                .hasMessageNotContaining("NOTE");
        assertThat(requests()).isEmpty();
    }

    @Test
    void clearingAFieldIsRejectedBecauseANullMeansUnchanged() {
        assertThatThrownBy(() -> provider().update("lead_abc123", LeadUpdate.builder().value(null).build()))
                .isInstanceOf(OperationNotSupportedException.class).hasMessageContaining("clear VALUE");
        assertThat(requests()).isEmpty();
    }

    @Test
    void anEmptyUpdateOnlyReadsTheLead() {
        provider().update("lead_abc123", LeadUpdate.builder().build());
        assertThat(onlyUrl()).isEqualTo("/api/leads/lead_abc123");
    }

    @Test
    void readsTheLegacyUpdateAnswer() {
        wm.stubFor(patch(urlEqualTo("/api/leads")).willReturn(okJson(example("update-legacy.json"))));
        assertThat(provider().update("lead_abc123", LeadUpdate.builder().status(LeadStatus.WON).build()).nativeId())
                .isEqualTo("lead_abc123");
        assertThat(provider().updateByEmail("john@example.com", LeadUpdate.builder().note("x").build()))
                .isEqualTo(1);
    }

    @Test
    void anUpdateAnswerSayingSuccessFalseIsMalformed() {
        wm.stubFor(patch(urlEqualTo("/api/leads")).willReturn(okJson("{\"success\":false}")));
        assertThatThrownBy(() -> provider().update("lead_abc123", LeadUpdate.builder().note("x").build()))
                .isInstanceOf(MalformedResponseException.class);
    }

    @Test
    void anUnknownIdIsLeadNotFound() {
        wm.stubFor(patch(urlEqualTo("/api/leads")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"No lead matches\"}}")));
        assertThatThrownBy(() -> provider().update("lead_zzz", LeadUpdate.builder().note("x").build()))
                .isInstanceOf(LeadNotFoundException.class);
    }

    @Test
    void updatesByEmailAndReturnsHowManyLeadsChanged() {
        wm.stubFor(patch(urlEqualTo("/api/leads")).willReturn(okJson("{\"success\":true,\"data\":{\"leadId\":"
                + "\"lead_abc123\",\"leadsUpdated\":3,\"message\":\"3 leads updated successfully\"}}")));
        int updated = provider().updateByEmail("john@example.com", LeadUpdate.builder().status(LeadStatus.QUALIFIED)
                .value(new BigDecimal("250")).build());
        assertThat(updated).isEqualTo(3);
        wm.verify(patchRequestedFor(urlEqualTo("/api/leads")).withRequestBody(equalToJson(
                "{\"email\":\"john@example.com\",\"status\":\"qualified\",\"value\":250}")));
    }

    @Test
    void updatesByPhone() {
        assertThat(provider().updateByPhone("+1234567890", LeadUpdate.builder().note("called").build())).isEqualTo(1);
        wm.verify(patchRequestedFor(urlEqualTo("/api/leads")).withRequestBody(equalToJson(
                "{\"phone\":\"+1234567890\",\"note\":\"called\"}")));
    }

    @Test
    void severalMatchesWithoutBulkUpdatesAreAConflict() {
        wm.stubFor(patch(urlEqualTo("/api/leads")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"error\":{\"code\":\"CONFLICT\",\"message\":\"3 leads match the email;"
                        + " bulk updates are not allowed\",\"details\":{\"matches\":3}},\"meta\":{\"requestId\":"
                        + "\"req_9\"}}")));
        assertThatThrownBy(() -> provider().updateByEmail("john@example.com",
                LeadUpdate.builder().status(LeadStatus.WON).build()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("bulk updates are not allowed")
                .satisfies(e -> assertThat(((ConflictException) e).providerCode()).isEqualTo("CONFLICT"))
                .satisfies(e -> assertThat(((ConflictException) e).requestId()).isEqualTo("req_9"));
    }

    @Test
    void aBlankIdentifierOrAnEmptyUpdateIsRejectedBeforeAnyRequest() {
        assertThatThrownBy(() -> provider().updateByEmail(" ", LeadUpdate.builder().note("x").build()))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> provider().updateByPhone("+1", LeadUpdate.builder().build()))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(requests()).isEmpty();
    }
}
