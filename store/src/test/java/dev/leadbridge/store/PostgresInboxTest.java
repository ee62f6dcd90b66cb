package dev.leadbridge.store;

/** The webhook inbox suite on a real PostgreSQL server (embedded, binaries from Maven). */
class PostgresInboxTest extends InboxSuite {

    @Override
    StoreDatabase database() {
        return TestPostgres.database();
    }
}
