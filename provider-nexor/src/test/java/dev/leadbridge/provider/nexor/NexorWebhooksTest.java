package dev.leadbridge.provider.nexor;

import static dev.leadbridge.provider.nexor.WireMockSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.WebhookEvent;
import dev.leadbridge.core.api.WebhookReader;
import dev.leadbridge.core.connect.LeadProviders;
import dev.leadbridge.core.error.InvalidWebhookException;
import dev.leadbridge.core.error.InvalidWebhookException.Problem;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Nexor webhooks verified and read without a server: token, rotation, envelope, lead shapes, id-only, test events. */
class NexorWebhooksTest {

    private static final String SECRET = "tok-current-123";
    private static final String OLD_SECRET = "tok-previous-456";
    private static final String LEAD_ID = "123e4567-e89b-12d3-a456-426614174000";

    private static WebhookReader reader(String secrets) {
        ConnectionConfig config = ConnectionConfig.builder("acme-nexor").provider("nexor").apiKey("nx-key")
                .option("webhook-secret", secrets).build();
        return LeadProviders.webhooks(config).orElseThrow();
    }

    private static byte[] envelope(String type, boolean test, String data) {
        return json("{'event_type':'" + type + "','event_id':'e0000000-0000-4000-8000-000000000001',"
                + "'webhook_id':'w1','delivery_id':'d1','timestamp':'2026-04-17T16:30:00.000Z','client_id':'c1',"
                + "'test':" + test + ",'data':" + data + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> token(String secret) {
        return Map.of("token", secret);
    }

    private static final String STATUS_CHANGE = "workflow_run.status_changed";

    @Test
    void aLeadInDataWithItsStatusesIsReadByTheAdaptersOwnReader() {
        String data = NexorProviderGetTest.BARE.substring(0, NexorProviderGetTest.BARE.lastIndexOf('}'))
                + ",\"from_status\":{\"key\":\"new\"},\"to_status\":{\"key\":\"qualified\",\"category\":\"active\"}}";
        WebhookEvent event = reader(SECRET).read(envelope(STATUS_CHANGE, false, data), Map.of(), token(SECRET));
        assertThat(event.eventKey()).isEqualTo("e0000000-0000-4000-8000-000000000001");
        assertThat(event.eventType()).isEqualTo(STATUS_CHANGE);
        assertThat(event.test()).isFalse();
        Lead lead = event.lead().orElseThrow();
        assertThat(lead.id()).isEqualTo("acme-nexor:" + LEAD_ID);
        assertThat(lead.email()).isEqualTo("carlos@example.com");
        assertThat(event.leadNativeId()).contains(LEAD_ID);
    }

    @Test
    void aLeadWrappedInDataLeadIsReadToo() {
        WebhookEvent event = reader(SECRET).read(envelope(STATUS_CHANGE, false, NexorProviderGetTest.WRAPPED),
                Map.of(), token(SECRET));
        assertThat(event.lead().orElseThrow().company()).isEqualTo("Stark Industries");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'lead_id':'" + LEAD_ID + "'}", "{'leadId':'" + LEAD_ID + "'}",
        "{'lead':{'id':'" + LEAD_ID + "'},'to_status':{'key':'won'}}"})
    void anEventNamingOnlyALeadIdGivesThatIdToGet(String data) {
        WebhookEvent event = reader(SECRET).read(envelope(STATUS_CHANGE, false, json(data)), Map.of(), token(SECRET));
        assertThat(event.lead()).isEmpty();
        assertThat(event.leadNativeId()).contains(LEAD_ID);
        assertThat(event.concernsLead()).isTrue();
    }

    @Test
    void aTestDeliveryIsMarkedTestAndCarriesNoLead() {
        WebhookEvent event = reader(SECRET).read(envelope(STATUS_CHANGE, true, NexorProviderGetTest.WRAPPED),
                Map.of(), token(SECRET));
        assertThat(event.test()).isTrue();
        assertThat(event.concernsLead()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"meeting.scheduled", "meeting.created", "something.new"})
    void meetingAndUnknownEventsAreEventsWithoutLead(String type) {
        WebhookEvent event = reader(SECRET).read(envelope(type, false, json("{'id':'m1','lead_id':'" + LEAD_ID
                + "'}")), Map.of(), token(SECRET));
        assertThat(event.eventType()).isEqualTo(type);
        assertThat(event.concernsLead()).isFalse();
    }

    @Test
    void aWrongTokenIsUnauthenticatedAndNeverShown() {
        assertThatThrownBy(() -> reader(SECRET).read(envelope(STATUS_CHANGE, false, "{}"), Map.of(),
                token("tok-wrong-999")))
                .isInstanceOfSatisfying(InvalidWebhookException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.UNAUTHENTICATED))
                .hasMessageNotContaining("tok-wrong-999")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void aMissingTokenIsUnauthenticated() {
        assertThatThrownBy(() -> reader(SECRET).read(envelope(STATUS_CHANGE, false, "{}"), Map.of(), Map.of()))
                .isInstanceOfSatisfying(InvalidWebhookException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.UNAUTHENTICATED))
                .hasMessageContaining("no 'token'");
    }

    @Test
    void duringARotationBothTokensAreAccepted() {
        WebhookReader rotating = reader(OLD_SECRET + "," + SECRET);
        byte[] body = envelope("meeting.confirmed", false, "{}");
        assertThat(rotating.read(body, Map.of(), token(SECRET)).eventType()).isEqualTo("meeting.confirmed");
        assertThat(rotating.read(body, Map.of(), token(OLD_SECRET)).eventType()).isEqualTo("meeting.confirmed");
        assertThatThrownBy(() -> rotating.read(body, Map.of(), token(OLD_SECRET + "x")))
                .isInstanceOf(InvalidWebhookException.class);
    }

    @Test
    void anAuthenticatedBodyThatIsNotJsonIsMalformed() {
        assertThatThrownBy(() -> reader(SECRET).read("<html>".getBytes(StandardCharsets.UTF_8), Map.of(),
                token(SECRET)))
                .isInstanceOfSatisfying(InvalidWebhookException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.MALFORMED));
    }

    @Test
    void jsonThatIsNotTheEnvelopeIsUnexpectedContentNamingTheField() {
        byte[] noId = json("{'event_type':'meeting.scheduled','data':{}}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> reader(SECRET).read(noId, Map.of(), token(SECRET)))
                .isInstanceOfSatisfying(InvalidWebhookException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.UNEXPECTED_CONTENT))
                .hasMessageContaining("'event_id'");
        assertThatThrownBy(() -> reader(SECRET).read(envelope(STATUS_CHANGE, false, "[1]"), Map.of(),
                token(SECRET)))
                .hasMessageContaining("'data' is not an object");
    }

    @Test
    void theSignedUrlHelperAppendsTheEncodedToken() {
        assertThat(NexorWebhooks.signedUrl("https://hooks.example/webhooks/acme-nexor", "a b&c"))
                .isEqualTo("https://hooks.example/webhooks/acme-nexor?token=a+b%26c");
    }
}
