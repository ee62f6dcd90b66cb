package dev.leadbridge.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.testkit.octanist.OctanistSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark, run by hand (docs/BENCHMARKS.md, "Kafka Connect scale-out"): leads per second into the topic for 1, 2
 * and 4 tasks over many simulated Octanist accounts with latency, each task syncing one account at a time
 * ({@code sync.threads=1}), so 1 task does the work the way one {@code leadbridge sync} process does (one connection
 * after another). One embedded worker, one broker, the plugin from the unpacked archive as in
 * {@link EmbeddedConnectClusterIT}. Skipped unless {@code -Dleadbridge.bench=true}.
 */
@EnabledIfSystemProperty(named = "leadbridge.bench", matches = "true")
class ConnectScaleBenchIT {

    private static final int ACCOUNTS = Integer.getInteger("leadbridge.bench.accounts", 32);
    private static final int LEADS = Integer.getInteger("leadbridge.bench.leads", 300);
    private static final int LATENCY_MS = Integer.getInteger("leadbridge.bench.latency-ms", 100);

    @Test
    void leadsPerSecondIntoTheTopicGrowWithTheNumberOfTasks() throws Exception {
        List<OctanistSimulator> sims = new ArrayList<>();
        EmbeddedConnectCluster connect = EmbeddedConnectClusterITSupport.exactlyOnceCluster("leadbridge-bench", 1);
        connect.start();
        try {
            for (int i = 0; i < ACCOUNTS; i++) {
                OctanistSimulator sim = OctanistSimulator.builder().seed(LEADS, 100 + i).build();
                sim.faults().latency(Duration.ofMillis(LATENCY_MS));
                sims.add(sim);
            }
            int total = ACCOUNTS * LEADS;
            StringBuilder report = new StringBuilder();
            for (int tasks : new int[] {1, 2, 4}) {
                String name = "bench-" + tasks;
                String topic = "leads-bench-" + tasks;
                EmbeddedConnectClusterITSupport.createTopicWithDefaultRetention(connect, topic, 4);
                Map<String, String> config = new HashMap<>();
                config.put("connector.class", "dev.leadbridge.kafka.connect.LeadbridgeSourceConnector");
                config.put("tasks.max", String.valueOf(tasks));
                config.put("topic", topic);
                config.put("sync.threads", "1");
                config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
                config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
                for (int i = 0; i < ACCOUNTS; i++) {
                    String account = String.format("acct-%03d", i);
                    config.put("connections." + account + ".provider", "octanist");
                    config.put("connections." + account + ".base-url", sims.get(i).baseUrl());
                    config.put("connections." + account + ".api-key", sims.get(i).apiKey());
                }
                long start = System.nanoTime();
                connect.configureConnector(name, config);
                int seen = 0;
                while (seen < total && System.nanoTime() - start < Duration.ofMinutes(5).toNanos()) {
                    Thread.sleep(100);
                    seen = connect.kafka().consumeAll(30_000,
                            Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), null, topic).count();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                connect.deleteConnector(name);
                assertThat(seen).isEqualTo(total);
                report.append(String.format("BENCH tasks=%d accounts=%d leads=%d latency=%dms: %.1f s, %.0f leads/s%n",
                        tasks, ACCOUNTS, total, LATENCY_MS, seconds, total / seconds));
            }
            System.out.print(report);
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "connect-scale-bench.txt"),
                    report.toString());
        } finally {
            connect.stop();
            sims.forEach(OctanistSimulator::close);
        }
    }
}
