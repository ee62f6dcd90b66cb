package dev.leadbridge.provider.workspace;

import static dev.leadbridge.provider.workspace.WireMockLeads.DOCS_LEAD;
import static dev.leadbridge.provider.workspace.WireMockLeads.NEWER_LEAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.WebhookEvent;
import dev.leadbridge.core.api.WebhookReader;
import dev.leadbridge.core.connect.LeadProviders;
import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.error.InvalidWebhookException;
import dev.leadbridge.core.error.InvalidWebhookException.Problem;
import dev.leadbridge.core.spi.WebhookSecrets;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PollyBot webhooks verified and read without a server: signatures, rotation, both lead models, bad bodies. */
class WorkspaceWebhooksTest {

    private static final String SECRET = "whsec_current";
    private static final String OLD_SECRET = "whsec_previous";

    private static WebhookReader reader(String secrets) {
        ConnectionConfig config = ConnectionConfig.builder("acme-ws").provider("workspace-v1")
                .apiKey("sk-workspace_test").option("webhook-secret", secrets).build();
        return LeadProviders.webhooks(config).orElseThrow();
    }

    private static byte[] delivery(String lead) {
        return ("{\"data\":" + lead + ",\"event\":\"LEAD_CREATED\",\"chatbotId\":\"cmhm6o40a05h8mn12dv3tc456\","
                + "\"timestamp\":1764750871}").getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> signed(byte[] body, String secret) {
        return Map.of("x-webhook-signature", WorkspaceWebhooks.sign(body, secret));
    }

    @Test
    void aCorrectlySignedDocsModelLeadIsReadByTheAdaptersOwnReader() {
        byte[] body = delivery(DOCS_LEAD);
        WebhookEvent event = reader(SECRET).read(body, signed(body, SECRET), Map.of());
        assertThat(event.connection()).isEqualTo("acme-ws");
        assertThat(event.provider()).isEqualTo("workspace-v1");
        assertThat(event.eventType()).isEqualTo("LEAD_CREATED");
        assertThat(event.test()).isFalse();
        assertThat(event.eventKey()).isEqualTo("sha256:" + WebhookSecrets.sha256Hex(body));
        Lead lead = event.lead().orElseThrow();
        assertThat(lead.id()).isEqualTo("acme-ws:lead_1234567890abcdef");
        assertThat(lead.email()).isEqualTo("john.doe@example.com");
        assertThat(lead.status()).isEqualTo(LeadStatus.OPEN);
        assertThat(lead.custom()).containsEntry("company", "Tech Corp");
        assertThat(event.leadNativeId()).contains("lead_1234567890abcdef");
    }

    @Test
    void theNewerCustomFieldsModelIsReadToo() {
        byte[] body = delivery(NEWER_LEAD);
        Lead lead = reader(SECRET).read(body, signed(body, SECRET), Map.of()).lead().orElseThrow();
        assertThat(lead.nativeId()).isEqualTo("cmipr3rf400t3n42y5plvmhd5");
        assertThat(lead.status()).isEqualTo(LeadStatus.WON);
        assertThat(lead.custom()).containsEntry("budget", 5000L);
    }

    @Test
    void theSignatureIsTheDocumentedHmacSha256HexOfTheRawBody() throws Exception {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(WorkspaceWebhooks.sign(body, SECRET))
                .isEqualTo("sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body)));
    }

    @Test
    void aWrongSignatureIsUnauthenticatedAndTheMessageShowsNoSecretOrSignature() {
        byte[] body = delivery(DOCS_LEAD);
        String wrong = WorkspaceWebhooks.sign(body, "whsec_someone_else");
        assertThatThrownBy(() -> reader(SECRET).read(body, Map.of("X-Webhook-Signature", wrong), Map.of()))
                .isInstanceOfSatisfying(InvalidWebhookException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.UNAUTHENTICATED))
                .hasMessageContaining("matches none")
                .hasMessageNotContaining(SECRET)
                .hasMessageNotContaining(wrong.substring(7));
    }

    @Test
    void aSignatureOfAnotherBodyOrWithoutItsPrefixIsUnauthenticated() {
        byte[] body = delivery(DOCS_LEAD);
        String ofOther = WorkspaceWebhooks.sign(delivery(NEWER_LEAD), SECRET);
        String bare = WorkspaceWebhooks.sign(body, SECRET).substring("sha256=".length());
        for (String header : new String[] {ofOther, bare, "sha256=", "garbage"}) {
            assertThatThrownBy(() -> reader(SECRET).read(body, Map.of("X-Webhook-Signature", header), Map.of()))
                    .isInstanceOfSatisfying(InvalidWebhookException.class,
                            e -> assertThat(e.problem()).isEqualTo(Problem.UNAUTHENTICATED));
        }
    }

    @Test
    void aMissingSignatureIsUnauthenticatedEvenForAValidBody() {
        assertThatThrownBy(() -> reader(SECRET).read(delivery(DOCS_LEAD), Map.of(), Map.of()))
                .isInstanceOfSatisfying(InvalidWebhookException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.UNAUTHENTICATED))
                .hasMessageContaining("no X-Webhook-Signature header");
    }

    @Test
    void duringARotationBothSecretsAreAcceptedAndAThirdIsNot() {
        WebhookReader rotating = reader(SECRET + " , " + OLD_SECRET);
        byte[] body = delivery(DOCS_LEAD);
        assertThat(rotating.read(body, signed(body, SECRET), Map.of()).lead()).isPresent();
        assertThat(rotating.read(body, signed(body, OLD_SECRET), Map.of()).lead()).isPresent();
        assertThatThrownBy(() -> rotating.read(body, signed(body, "whsec_third"), Map.of()))
                .isInstanceOf(InvalidWebhookException.class);
    }

    @Test
    void theSameDeliveryRepeatedHasTheSameKeyAndAnotherBodyAnother() {
        byte[] body = delivery(DOCS_LEAD);
        byte[] other = delivery(NEWER_LEAD);
        WebhookReader r = reader(SECRET);
        assertThat(r.read(body, signed(body, SECRET), Map.of()).eventKey())
                .isEqualTo(r.read(body.clone(), signed(body, SECRET), Map.of()).eventKey())
                .isNotEqualTo(r.read(other, signed(other, SECRET), Map.of()).eventKey());
    }

    @Test
    void aSignedBodyThatIsNotJsonIsMalformed() {
        byte[] body = "not json at all".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> reader(SECRET).read(body, signed(body, SECRET), Map.of()))
                .isInstanceOfSatisfying(InvalidWebhookException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.MALFORMED));
    }

    @Test
    void signedJsonThatIsNotTheEnvelopeIsUnexpectedContentWithTheReason() {
        byte[] noEvent = "{\"data\":{}}".getBytes(StandardCharsets.UTF_8);
        byte[] noLead = "{\"event\":\"LEAD_CREATED\",\"data\":[1]}".getBytes(StandardCharsets.UTF_8);
        byte[] leadWithoutId = delivery("{\"name\":\"x\"}");
        assertThatThrownBy(() -> reader(SECRET).read(noEvent, signed(noEvent, SECRET), Map.of()))
                .isInstanceOfSatisfying(InvalidWebhookException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.UNEXPECTED_CONTENT))
                .hasMessageContaining("'event'");
        assertThatThrownBy(() -> reader(SECRET).read(noLead, signed(noLead, SECRET), Map.of()))
                .hasMessageContaining("'data'");
        assertThatThrownBy(() -> reader(SECRET).read(leadWithoutId, signed(leadWithoutId, SECRET), Map.of()))
                .isInstanceOfSatisfying(InvalidWebhookException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.UNEXPECTED_CONTENT))
                .hasMessageContaining("no id");
    }

    @Test
    void anotherEventTypeIsAnEventWithoutLead() {
        byte[] body = "{\"event\":\"LEAD_UPDATED\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
        WebhookEvent event = reader(SECRET).read(body, signed(body, SECRET), Map.of());
        assertThat(event.eventType()).isEqualTo("LEAD_UPDATED");
        assertThat(event.concernsLead()).isFalse();
    }

    @Test
    void aConnectionWithoutWebhookSecretCannotReceiveWebhooksAndTheSecretIsNeverShown() {
        ConnectionConfig none = ConnectionConfig.builder("acme-ws").provider("workspace-v1")
                .apiKey("sk-workspace_test").build();
        assertThatThrownBy(() -> LeadProviders.webhooks(none))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("connections.acme-ws.webhook-secret");
        ConnectionConfig with = ConnectionConfig.builder("acme-ws").provider("workspace-v1")
                .apiKey("sk-workspace_test").option("webhook-secret", SECRET).build();
        assertThat(with.toString()).doesNotContain(SECRET).contains("webhook-secret=****");
    }
}
