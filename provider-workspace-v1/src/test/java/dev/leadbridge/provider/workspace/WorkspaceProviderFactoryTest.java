package dev.leadbridge.provider.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.SortField;
import dev.leadbridge.core.SortKey;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.Operation;
import dev.leadbridge.core.api.ProviderCapabilities;
import dev.leadbridge.core.api.QueryFeature;
import dev.leadbridge.core.api.RateLimitSpec;
import dev.leadbridge.core.connect.LeadProviders;
import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.resilience.ResilientLeadProvider;
import dev.leadbridge.core.spi.LeadProviderFactory;
import dev.leadbridge.core.spi.LeadStreams;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The configuration path (ServiceLoader factory, options) and the builder's validation. */
class WorkspaceProviderFactoryTest {

    private static final String KEY = WireMockLeads.KEY;

    private static ConnectionConfig.Builder config() {
        return ConnectionConfig.builder("acme-ws").provider("workspace-v1").apiKey(KEY);
    }

    @Test
    void theFactoryIsFoundByServiceLoaderAndReadsTheChatbotId() {
        // given
        ConnectionConfig cfg = config().option("chatbot-id", "cb_1234567890abcdef").option("read-timeout", "10s")
                .option("default-region", "NL").build();
        // when
        LeadProvider provider = LeadProviders.open(cfg);
        // then
        assertThat(provider).isInstanceOf(ResilientLeadProvider.class);
        assertThat(((ResilientLeadProvider) provider).bare()).isInstanceOf(WorkspaceProvider.class);
        assertThat(((ResilientLeadProvider) provider).rateLimit()).contains(RateLimitSpec.perHour(1000));
        assertThat(provider.providerId()).isEqualTo("workspace-v1");
        assertThat(provider.connection()).isEqualTo("acme-ws");
        assertThat(provider.capabilities().supports(Operation.CREATE)).isTrue();
        assertThat(provider.toString()).contains("cb_1234567890abcdef").contains("https://pollybot.app/api/v1")
                .doesNotContain(KEY);
    }

    @Test
    void withoutAChatbotIdTheConnectionCannotCreate() {
        // when
        LeadProvider provider = LeadProviders.open(config().build());
        // then
        assertThat(provider.capabilities().operations()).containsExactlyInAnyOrder(Operation.GET, Operation.LIST,
                Operation.UPDATE, Operation.CHANGE_STATUS, Operation.DELETE);
    }

    @Test
    void theCapabilitiesDeclareTheServersOrderFiltersAndPageSize() {
        // given
        LeadProviderFactory factory = LeadProviders.factory("workspace-v1");
        // when
        ProviderCapabilities caps = factory.capabilities();
        // then
        assertThat(factory.defaultBaseUrl()).isEqualTo("https://pollybot.app/api/v1");
        assertThat(factory.optionKeys()).containsExactlyInAnyOrder("chatbot-id", "webhook-secret");
        assertThat(caps.serverFilters()).containsExactlyInAnyOrder(QueryFeature.STATUS, QueryFeature.SOURCE,
                QueryFeature.SEARCH);
        assertThat(caps.serverSortFields()).isEmpty();
        assertThat(caps.naturalOrder()).containsExactly(SortKey.desc(SortField.CREATED_AT));
        assertThat(caps.maxPageSize()).isEqualTo(100);
        assertThat(caps.reportsTotalPages()).isTrue();
        assertThat(caps.sortsOnServer(List.of(SortKey.desc(SortField.CREATED_AT)))).isTrue();
        assertThat(caps.sortsOnServer(List.of(SortKey.asc(SortField.CREATED_AT)))).isFalse();
        assertThat(LeadStreams.DEFAULT_CLIENT_SORT_LIMIT).isPositive();
    }

    @Test
    void anUnknownOptionIsRejectedNamingTheKey() {
        // given
        ConnectionConfig cfg = config().option("chatbot", "cb_1").build();
        // when / then
        assertThatThrownBy(() -> new WorkspaceProviderFactory().create(cfg))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("connections.acme-ws.chatbot");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../admin", "cb/1", "cb 1", "cb%2F1", "cb?x=1", "cb.1", ""})
    void aChatbotIdThatCouldChangeThePathIsAConfigurationError(String id) {
        // given
        ConnectionConfig cfg = config().option("chatbot-id", id).build();
        // when / then
        assertThatThrownBy(() -> new WorkspaceProviderFactory().create(cfg))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("chatbot-id");
    }

    @Test
    void statusOverridesFromTheConfigurationAreChecked() {
        // given
        ConnectionConfig good = config().option("status.archived", "lost").build();
        ConnectionConfig bad = config().option("status.archived", "gone").build();
        // when / then
        assertThat(new WorkspaceProviderFactory().create(good)).isNotNull();
        assertThatThrownBy(() -> new WorkspaceProviderFactory().create(bad))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("connections.acme-ws.status.archived");
    }

    @Test
    void aConnectionOfAnotherProviderIsRefused() {
        // given
        ConnectionConfig cfg = ConnectionConfig.builder("x").provider("octanist").apiKey(KEY).build();
        // when / then
        assertThatThrownBy(() -> new WorkspaceProviderFactory().create(cfg))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("octanist");
    }

    @ParameterizedTest
    @ValueSource(strings = {"canary-key-4f1d9c2b7e", "sk-other_abcdef", "sk-workspace_a b", "sk-workspace_{x}",
            "sk-workspace_\u00e9t\u00e9"})
    void aKeyNotInTheWorkspaceFormatIsAConfigurationErrorThatNeverShowsIt(String key) {
        // when / then
        assertThatThrownBy(() -> WorkspaceProvider.builder().connection("c").apiKey(key))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("sk-workspace_")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(key));
        assertThatThrownBy(() -> WorkspaceProvider.builder().apiKey("sk-workspace_"))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void plainHttpIsRefusedExceptForLoopbackHosts() {
        // when / then
        assertThatThrownBy(() -> WorkspaceProvider.builder().baseUrl("http://pollybot.app/api/v1"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("https");
        assertThat(WorkspaceProvider.builder().connection("c").apiKey(KEY).baseUrl("http://localhost:8080/api/v1/")
                .build().toString()).contains("http://localhost:8080/api/v1]");
    }

    @Test
    void theBuilderRejectsRepeatedSettingsAndMissingRequiredOnes() {
        // when / then
        assertThatThrownBy(() -> WorkspaceProvider.builder().apiKey(KEY).apiKey(KEY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("apiKey was already set")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
        assertThatThrownBy(() -> WorkspaceProvider.builder().statusOverride("x", LeadStatus.WON)
                .statusOverride("X", LeadStatus.LOST))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> WorkspaceProvider.builder().apiKey(KEY).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("connection name");
        assertThatThrownBy(() -> WorkspaceProvider.builder().connection("c").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("api-key");
        assertThatThrownBy(() -> WorkspaceProvider.builder().defaultRegion("Netherlands"))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void theFactoryAppliesTheCommonTimeoutOptionsAndRejectsBadDurations() {
        // given
        ConnectionConfig cfg = ConnectionConfig.parse(Map.of(
                "connections.ws.provider", "workspace-v1",
                "connections.ws.api-key", KEY,
                "connections.ws.connect-timeout", "soon"), name -> null).get(0);
        // when / then
        assertThatThrownBy(() -> LeadProviders.open(cfg))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("connect-timeout");
    }
}
