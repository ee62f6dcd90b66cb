package dev.leadbridge.store;

/** Simulators → signed webhooks → inbox → leads, on a real PostgreSQL server (embedded, binaries from Maven). */
class PostgresSimulatorWebhooksTest extends SimulatorWebhooksSuite {

    @Override
    StoreDatabase database() {
        return TestPostgres.database();
    }
}
