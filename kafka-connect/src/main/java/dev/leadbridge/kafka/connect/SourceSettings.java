package dev.leadbridge.kafka.connect;

import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.ConnectionOptions;
import dev.leadbridge.core.error.ConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The connector's configuration: its own keys in a {@link ConfigDef} (validated by Connect, errors naming the key)
 * and the connections under {@code connections.<name>.*}, read by {@link ConnectionConfig#parse} exactly as the
 * properties file is. Each connection's {@code api-key} and {@code webhook-secret} are declared as
 * {@link Type#PASSWORD}, so Connect hides them in its logs and REST answers.
 */
final class SourceSettings {

    static final String TOPIC = "topic";
    static final String POLL_INTERVAL_MS = "poll.interval.ms";
    static final String RETRY_BACKOFF_MS = "retry.backoff.ms";
    static final String BATCH_MAX_RECORDS = "batch.max.records";
    static final String SYNC_THREADS = "sync.threads";
    static final String FULL_PASS_INTERVAL_MS = "full.pass.interval.ms";
    /** Set by the connector on each task's configuration: the connections that task owns, comma-separated. */
    static final String TASK_CONNECTIONS = "task.connections";

    static final String PREFIX = "connections.";
    private static final String GROUP = "Leadbridge";

    private static final ConfigDef BASE = new ConfigDef()
            .define(TOPIC, Type.STRING, "leads", new ConfigDef.NonEmptyStringWithoutControlChars(), Importance.HIGH,
                    "The topic every lead goes to, keyed by its global id (compaction keeps the latest of each).",
                    GROUP, 1, ConfigDef.Width.MEDIUM, "Topic")
            .define(POLL_INTERVAL_MS, Type.LONG, 60_000L, ConfigDef.Range.atLeast(100), Importance.MEDIUM,
                    "How long a connection waits after a sync pass reached its end before the next incremental pass.",
                    GROUP, 2, ConfigDef.Width.SHORT, "Poll interval (ms)")
            .define(RETRY_BACKOFF_MS, Type.LONG, 10_000L, ConfigDef.Range.atLeast(10), Importance.LOW,
                    "How long a connection waits after a failed pass (provider down, rate-limited past the client's"
                            + " retries) before trying again from its last checkpoint.",
                    GROUP, 3, ConfigDef.Width.SHORT, "Retry backoff (ms)")
            .define(BATCH_MAX_RECORDS, Type.INT, 500, ConfigDef.Range.between(1, 100_000), Importance.LOW,
                    "The most records one poll() returns; also sizes each task's buffer (4 batches).",
                    GROUP, 4, ConfigDef.Width.SHORT, "Batch size")
            .define(SYNC_THREADS, Type.INT, 4, ConfigDef.Range.between(1, 256), Importance.MEDIUM,
                    "How many of a task's connections are synced at the same time (each within its own rate"
                            + " budget).",
                    GROUP, 5, ConfigDef.Width.SHORT, "Sync threads per task")
            .define(FULL_PASS_INTERVAL_MS, Type.LONG, 3_600_000L, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                    "How often each connection's whole account is listed to find the leads deleted upstream (each"
                            + " confirmed by a get, then a tombstone). 0 turns deletion detection off.",
                    GROUP, 6, ConfigDef.Width.SHORT, "Full pass interval (ms)");

    final String topic;
    final Duration pollInterval;
    final Duration retryBackoff;
    final int batchMaxRecords;
    final int syncThreads;
    /** Zero when deletion detection is off. */
    final Duration fullPassInterval;

    private SourceSettings(AbstractConfig config) {
        this.topic = config.getString(TOPIC);
        this.pollInterval = Duration.ofMillis(config.getLong(POLL_INTERVAL_MS));
        this.retryBackoff = Duration.ofMillis(config.getLong(RETRY_BACKOFF_MS));
        this.batchMaxRecords = config.getInt(BATCH_MAX_RECORDS);
        this.syncThreads = config.getInt(SYNC_THREADS);
        this.fullPassInterval = Duration.ofMillis(config.getLong(FULL_PASS_INTERVAL_MS));
    }

    /**
     * Reads the connector's own keys.
     *
     * @throws ConfigException naming the key at fault
     */
    static SourceSettings parse(Map<String, String> props) {
        return new SourceSettings(new AbstractConfig(definition(connectionNames(props)), props, false));
    }

    /** The connector's keys plus, for each connection named in {@code connectionNames}, its declared keys. */
    static ConfigDef definition(Collection<String> connectionNames) {
        ConfigDef def = new ConfigDef(BASE);
        int order = 0;
        for (String name : connectionNames) {
            String group = "Connection " + name;
            def.define(key(name, "provider"), Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                    "The provider of connection '" + name + "': octanist or workspace-v1 (nexor cannot list).",
                    group, ++order, ConfigDef.Width.SHORT, "Provider");
            def.define(key(name, "base-url"), Type.STRING, null, Importance.MEDIUM,
                    "The API base URL of connection '" + name + "'; the provider's default when unset.",
                    group, ++order, ConfigDef.Width.LONG, "Base URL");
            def.define(key(name, "api-key"), Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                    "The API key of connection '" + name + "'. Never logged.",
                    group, ++order, ConfigDef.Width.LONG, "API key");
            def.define(key(name, ConnectionOptions.WEBHOOK_SECRET), Type.PASSWORD, null, Importance.LOW,
                    "The webhook secret of connection '" + name + "' where its provider reads one (unused by the"
                            + " connector, accepted so one configuration serves every tool). Never logged.",
                    group, ++order, ConfigDef.Width.LONG, "Webhook secret");
        }
        return def;
    }

    /** The connector's keys without any connection's; what Connect shows for the plugin. */
    static ConfigDef base() {
        return new ConfigDef(BASE);
    }

    static String key(String connection, String setting) {
        return PREFIX + connection + "." + setting;
    }

    /** The connection names under {@code connections.<name>.}, in first-seen order of the sorted keys. */
    static List<String> connectionNames(Map<String, String> props) {
        Set<String> names = new LinkedHashSet<>();
        for (String key : new java.util.TreeSet<>(props.keySet())) {
            if (key.startsWith(PREFIX)) {
                String rest = key.substring(PREFIX.length());
                int dot = rest.indexOf('.');
                if (dot > 0) {
                    names.add(rest.substring(0, dot));
                }
            }
        }
        return new ArrayList<>(names);
    }

    /**
     * The connections named in {@code only} (all when null), read as the properties file is read; {@code ${NAME}}
     * expands from {@code env}.
     *
     * @throws ConfigurationException naming the key at fault
     */
    static List<ConnectionConfig> connections(Map<String, String> props, Collection<String> only,
            Function<String, String> env) {
        Map<String, String> connectionProps = new LinkedHashMap<>();
        props.forEach((key, value) -> {
            if (key.startsWith(PREFIX) && (only == null || only.contains(nameOf(key)))) {
                connectionProps.put(key, value);
            }
        });
        return ConnectionConfig.parse(connectionProps, env);
    }

    private static String nameOf(String key) {
        String rest = key.substring(PREFIX.length());
        int dot = rest.indexOf('.');
        return dot > 0 ? rest.substring(0, dot) : rest;
    }
}
