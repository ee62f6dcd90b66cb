package dev.leadbridge.kafka.connect;

import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.client.SyncCheckpoint;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.Operation;
import dev.leadbridge.core.error.LeadbridgeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.util.ConnectorUtils;

/**
 * The Leadbridge source connector: every lead of the configured connections into one topic ({@code topic}, default
 * {@code leads}), key the global id, value the canonical lead JSON as {@code leadbridge export} writes it. The
 * connections are configured as in the properties file ({@code connections.<name>.provider|base-url|api-key|...});
 * each task owns whole connections, so a connection's rate budget lives in one place and a rebalance moves it with its
 * offset. Connections of a provider that cannot list leads (Nexor) are refused at validation: the connector syncs by
 * listing. Supports exactly-once source delivery (KIP-618) and offset changes through the REST API (KIP-875).
 */
public final class LeadbridgeSourceConnector extends SourceConnector {

    private Map<String, String> props;
    private List<String> connections;
    private ConfigDef definition = SourceSettings.base();

    /** A connector; Connect configures it through {@link #start(Map)}. */
    public LeadbridgeSourceConnector() {
    }

    /** The connector's version (the Leadbridge version it was built from). */
    @Override
    public String version() {
        return Version.VERSION;
    }

    /**
     * Checks the configuration as {@link #validate(Map)} does and keeps it for the tasks.
     *
     * @throws ConnectException naming the key at fault
     */
    @Override
    public void start(Map<String, String> props) {
        List<String> problems = problems(props);
        if (!problems.isEmpty()) {
            throw new ConnectException("invalid Leadbridge connector configuration: " + String.join("; ", problems));
        }
        this.props = Map.copyOf(props);
        this.connections = SourceSettings.connectionNames(props);
        this.definition = SourceSettings.definition(connections);
    }

    /** {@link LeadbridgeSourceTask}. */
    @Override
    public Class<? extends Task> taskClass() {
        return LeadbridgeSourceTask.class;
    }

    /**
     * Splits the connections, whole, over at most {@code maxTasks} tasks (contiguous groups of nearly equal size, in
     * the order of the sorted configuration keys); each task gets the whole configuration plus the names it owns.
     */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        int groups = Math.max(1, Math.min(maxTasks, connections.size()));
        List<Map<String, String>> configs = new ArrayList<>();
        for (List<String> group : ConnectorUtils.groupPartitions(connections, groups)) {
            Map<String, String> config = new HashMap<>(props);
            config.put(SourceSettings.TASK_CONNECTIONS, String.join(",", group));
            configs.add(config);
        }
        return configs;
    }

    /** Nothing to release: the tasks hold the connections. */
    @Override
    public void stop() {
    }

    /**
     * The configuration keys: {@code topic}, {@code poll.interval.ms}, {@code retry.backoff.ms},
     * {@code batch.max.records}, {@code sync.threads}, {@code full.pass.interval.ms} and, once a configuration was
     * validated or started, each of its connections' {@code provider}, {@code base-url}, {@code api-key} and
     * {@code webhook-secret} (the last two as passwords, hidden by Connect).
     */
    @Override
    public ConfigDef config() {
        return definition;
    }

    /**
     * Validates Connect's way (one entry per key, errors attached to the key) and then the connections as the
     * client reads them: provider known, key well-formed, options known to the provider, the provider able to list
     * leads. Values of password keys are never echoed.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        List<String> names = SourceSettings.connectionNames(connectorConfigs);
        definition = SourceSettings.definition(names);
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        for (ConfigValue value : definition.validate(connectorConfigs)) {
            values.put(value.name(), value);
        }
        boolean keysOk = values.values().stream().allMatch(v -> v.errorMessages().isEmpty());
        if (names.isEmpty()) {
            values.computeIfAbsent(SourceSettings.PREFIX + "<name>.provider", ConfigValue::new)
                    .addErrorMessage("no connection configured: add connections.<name>.provider, .api-key, ...");
        } else if (keysOk) {
            for (Map.Entry<String, String> problem : connectionProblems(connectorConfigs).entrySet()) {
                values.computeIfAbsent(problem.getKey(), ConfigValue::new).addErrorMessage(problem.getValue());
            }
        }
        return new Config(new ArrayList<>(values.values()));
    }

    /** Supported: each record's offset is the exact position past its lead, committed with it in a transaction. */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    /**
     * Accepts offset changes through Connect's REST API (KIP-875) when each partition is
     * {@code {"connection": name}} and each offset is null (reset: the next sync starts from scratch) or
     * {@code {"checkpoint": text}} holding a checkpoint of that connection.
     *
     * @throws ConnectException describing the first offset that is not one
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        for (Map.Entry<Map<String, ?>, Map<String, ?>> e : offsets.entrySet()) {
            Object connection = e.getKey() == null ? null : e.getKey().get(Offsets.CONNECTION);
            if (!(connection instanceof String name) || e.getKey().size() != 1) {
                throw new ConnectException("a Leadbridge source partition is {\"" + Offsets.CONNECTION
                        + "\": \"<connection name>\"}, got " + e.getKey());
            }
            try {
                SyncCheckpoint checkpoint = Offsets.checkpoint(e.getValue());
                if (checkpoint.connection().isPresent() && !checkpoint.connection().get().equals(name)) {
                    throw new ConnectException("the checkpoint given for connection '" + name
                            + "' belongs to connection '" + checkpoint.connection().get() + "'");
                }
            } catch (LeadbridgeException | IllegalArgumentException ex) {
                throw new ConnectException("offset of connection '" + name + "': " + ex.getMessage(), ex);
            }
        }
        return true;
    }

    private List<String> problems(Map<String, String> props) {
        List<String> problems = new ArrayList<>();
        for (ConfigValue value : validate(props).configValues()) {
            for (String message : value.errorMessages()) {
                problems.add(value.name() + ": " + message);
            }
        }
        return problems;
    }

    /**
     * Opens the connections as a task would (no request is sent) and reports, by key, what the client refuses and
     * the connections whose provider cannot list leads.
     */
    private static Map<String, String> connectionProblems(Map<String, String> props) {
        Map<String, String> problems = new LinkedHashMap<>();
        List<ConnectionConfig> configs;
        try {
            configs = SourceSettings.connections(props, null, System::getenv);
        } catch (LeadbridgeException e) {
            problems.put(keyOf(e, "provider"), e.getMessage());
            return problems;
        }
        for (ConnectionConfig config : configs) {
            String providerKey = SourceSettings.key(config.name(), "provider");
            try (LeadbridgeClient client = LeadbridgeClient.builder().connection(config).build()) {
                if (!client.connection(config.name()).capabilities().supports(Operation.LIST)) {
                    problems.put(providerKey, "connection '" + config.name() + "' uses provider '"
                            + config.provider() + "', which cannot list leads; the connector syncs by listing, so"
                            + " it does not support this provider (sync it with 'leadbridge sync' into the store"
                            + " instead)");
                }
            } catch (LeadbridgeException | ConfigException e) {
                problems.put(providerKey, e.getMessage());
            }
        }
        return problems;
    }

    /** The key an error is about: its connection's {@code setting} when the error names a connection. */
    private static String keyOf(Exception e, String setting) {
        if (e instanceof LeadbridgeException le && le.details().connection() != null) {
            return SourceSettings.key(le.details().connection(), setting);
        }
        return SourceSettings.PREFIX + "<name>." + setting;
    }
}
