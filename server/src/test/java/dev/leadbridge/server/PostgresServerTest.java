package dev.leadbridge.server;

/** The server suite on a real PostgreSQL server (embedded, binaries from Maven). */
class PostgresServerTest extends ServerSuite {

    @Override
    String freshUrl() throws Exception {
        return TestPostgres.freshUrl();
    }
}
