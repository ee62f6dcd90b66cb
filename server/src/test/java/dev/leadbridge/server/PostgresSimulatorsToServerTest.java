package dev.leadbridge.server;

/** Simulators → server → leads on a real PostgreSQL server (embedded, binaries from Maven). */
class PostgresSimulatorsToServerTest extends SimulatorsToServerSuite {

    @Override
    String freshUrl() throws Exception {
        return TestPostgres.freshUrl();
    }
}
