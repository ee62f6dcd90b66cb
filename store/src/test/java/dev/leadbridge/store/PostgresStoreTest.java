package dev.leadbridge.store;

/** The store suite on a real PostgreSQL server (embedded, binaries from Maven), a fresh database per test. */
class PostgresStoreTest extends StoreSuite {

    @Override
    StoreDatabase database() {
        return TestPostgres.database();
    }
}
