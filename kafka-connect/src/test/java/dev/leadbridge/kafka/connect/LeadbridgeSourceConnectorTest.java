package dev.leadbridge.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadbridge.client.SyncCheckpoint;
import dev.leadbridge.testkit.nexor.NexorSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;

/** The connector's configuration checks, task split and offset checks (no request is sent). */
class LeadbridgeSourceConnectorTest {

    private static final String KEY = "oct_live_4f9a2c7e1b8d3f6a0e5c9b2d7a4f1e8c";

    private static Map<String, String> connections(int n) {
        Map<String, String> props = new HashMap<>();
        for (int i = 1; i <= n; i++) {
            TaskHarness.connection(props, "acct-" + i, "octanist", "http://127.0.0.1:9/", KEY);
        }
        return props;
    }

    private static Map<String, List<String>> errors(Map<String, String> props) {
        Map<String, List<String>> out = new HashMap<>();
        for (ConfigValue v : new LeadbridgeSourceConnector().validate(props).configValues()) {
            if (!v.errorMessages().isEmpty()) {
                out.put(v.name(), v.errorMessages());
            }
        }
        return out;
    }

    @Test
    void aValidConfigurationHasNoErrorsAndTheTopicDefaultsToLeads() {
        LeadbridgeSourceConnector connector = new LeadbridgeSourceConnector();
        Map<String, String> props = connections(2);

        assertThat(errors(props)).isEmpty();
        connector.start(props);
        assertThat(SourceSettings.parse(props).topic).isEqualTo("leads");
        assertThat(connector.config().configKeys().get("connections.acct-1.api-key").type)
                .isEqualTo(ConfigDef.Type.PASSWORD);
        assertThat(connector.config().configKeys().get("connections.acct-1.webhook-secret").type)
                .isEqualTo(ConfigDef.Type.PASSWORD);
        assertThat(connector.exactlyOnceSupport(props)).isEqualTo(ExactlyOnceSupport.SUPPORTED);
    }

    @Test
    void connectionsAreSplitWholeAcrossTasksAndNeverMoreTasksThanConnections() {
        LeadbridgeSourceConnector connector = new LeadbridgeSourceConnector();
        connector.start(connections(5));

        List<Map<String, String>> two = connector.taskConfigs(2);
        List<Map<String, String>> ten = connector.taskConfigs(10);

        assertThat(two).extracting(c -> c.get(SourceSettings.TASK_CONNECTIONS))
                .containsExactly("acct-1,acct-2,acct-3", "acct-4,acct-5");
        assertThat(ten).hasSize(5).extracting(c -> c.get(SourceSettings.TASK_CONNECTIONS))
                .containsExactly("acct-1", "acct-2", "acct-3", "acct-4", "acct-5");
        assertThat(two.get(0)).containsEntry("connections.acct-5.api-key", KEY);
    }

    @Test
    void aMissingApiKeyAnUnknownProviderAndABadTopicAreReportedOnTheirKeys() {
        Map<String, String> props = connections(1);
        props.remove("connections.acct-1.api-key");
        props.put("connections.acct-2.provider", "salesforce");
        props.put("connections.acct-2.api-key", "abc");
        props.put("topic", "");

        Map<String, List<String>> errors = errors(props);

        assertThat(errors).containsKeys("connections.acct-1.api-key", "topic");
        assertThat(errors.get("connections.acct-1.api-key").get(0)).contains("connections.acct-1.api-key");
        props.put("connections.acct-1.api-key", KEY);
        props.put("topic", "leads");
        assertThat(errors(props)).containsOnlyKeys("connections.acct-2.provider");
        assertThat(errors(props).get("connections.acct-2.provider").get(0)).contains("salesforce");
    }

    @Test
    void theFullPassIntervalDefaultsToAnHourAcceptsZeroForOffAndANegativeValueIsReportedOnItsKey() {
        Map<String, String> props = connections(1);
        assertThat(SourceSettings.parse(props).fullPassInterval).isEqualTo(Duration.ofHours(1));
        props.put("full.pass.interval.ms", "0");
        assertThat(errors(props)).isEmpty();
        assertThat(SourceSettings.parse(props).fullPassInterval).isZero();

        props.put("full.pass.interval.ms", "-5");
        Map<String, List<String>> errors = errors(props);

        assertThat(errors).containsOnlyKeys("full.pass.interval.ms");
        assertThat(errors.get("full.pass.interval.ms").get(0)).contains("full.pass.interval.ms").contains("-5");
        assertThatThrownBy(() -> new LeadbridgeSourceConnector().start(props))
                .hasMessageContaining("full.pass.interval.ms");
    }

    @Test
    void aNexorConnectionIsRefusedAtValidationAsUnsupportedBecauseNexorCannotList() {
        try (NexorSimulator nexor = NexorSimulator.builder().seed(3, 1).build()) {
            Map<String, String> props = connections(1);
            TaskHarness.nexor(props, "acme-nexor", nexor);

            Map<String, List<String>> errors = errors(props);

            assertThat(errors).containsOnlyKeys("connections.acme-nexor.provider");
            assertThat(errors.get("connections.acme-nexor.provider").get(0))
                    .contains("cannot list leads").contains("does not support");
            assertThatThrownBy(() -> new LeadbridgeSourceConnector().start(props))
                    .isInstanceOf(ConnectException.class).hasMessageContaining("connections.acme-nexor.provider");
        }
    }

    @Test
    void passwordValuesAreNeverEchoedByValidation() {
        Map<String, String> props = connections(1);
        props.put("connections.acct-1.webhook-secret", "whsec_very_secret_value");

        List<String> shown = new ArrayList<>();
        for (ConfigValue v : new LeadbridgeSourceConnector().validate(props).configValues()) {
            shown.add(String.valueOf(v.value()));
            shown.addAll(v.errorMessages());
        }

        assertThat(String.join("\n", shown)).doesNotContain(KEY).doesNotContain("whsec_very_secret_value");
    }

    @Test
    void offsetChangesAreAcceptedForResetsAndCheckpointsOfTheSameConnectionOnly() {
        LeadbridgeSourceConnector connector = new LeadbridgeSourceConnector();
        Map<String, String> props = connections(1);
        Map<Map<String, ?>, Map<String, ?>> reset = new HashMap<>();
        reset.put(Map.of("connection", "acct-1"), null);
        Map<Map<String, ?>, Map<String, ?>> initial =
                Map.of(Map.of("connection", "acct-1"), Map.of("checkpoint", SyncCheckpoint.initial().asString()));

        assertThat(connector.alterOffsets(props, reset)).isTrue();
        assertThat(connector.alterOffsets(props, initial)).isTrue();
        assertThatThrownBy(() -> connector.alterOffsets(props,
                Map.of(Map.of("connection", "acct-1"), Map.of("checkpoint", "not a checkpoint"))))
                .isInstanceOf(ConnectException.class).hasMessageContaining("acct-1");
        assertThatThrownBy(() -> connector.alterOffsets(props,
                Map.of(Map.of("account", "acct-1"), Map.of("checkpoint", "x"))))
                .isInstanceOf(ConnectException.class).hasMessageContaining("connection");
    }
}
