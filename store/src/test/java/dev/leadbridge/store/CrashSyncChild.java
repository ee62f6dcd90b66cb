package dev.leadbridge.store;

import dev.leadbridge.core.api.ConnectionConfig;

/**
 * The sync of one connection in a JVM of its own, for the crash test to kill with {@code kill -9}: arguments store
 * URL, base URL, API key and optionally the provider (default {@code octanist}; {@code workspace-v1} reads a first
 * sync's pages concurrently). Small batches give many commit points.
 */
public final class CrashSyncChild {

    private CrashSyncChild() {
    }

    /** Runs one sync and exits 0. */
    public static void main(String[] args) {
        String provider = args.length > 3 ? args[3] : "octanist";
        ConnectionConfig config = ConnectionConfig.builder(provider.equals("octanist") ? "acme-octanist"
                : "acme-workspace").provider(provider).baseUrl(args[1]).apiKey(args[2]).build();
        try (LeadStore store = LeadStore.open(args[0]);
             LeadSync sync = LeadSync.builder().store(store).connection(config).batchSize(20).build()) {
            sync.run();
        }
        System.exit(0);
    }
}
