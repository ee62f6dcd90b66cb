package dev.leadbridge.store;

import dev.leadbridge.core.Lead;
import dev.leadbridge.store.internal.BorrowedConnections;
import dev.leadbridge.store.internal.ConnectionFactory;
import dev.leadbridge.store.internal.Dialect;
import dev.leadbridge.store.internal.LeadRows;
import dev.leadbridge.store.internal.SqlErrors;
import dev.leadbridge.store.internal.StoreUrl;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/**
 * The store: the consolidated copy of every connection's leads in a SQL database (SQLite or PostgreSQL), with when
 * each lead was first seen, last seen, last changed and found deleted, the sync checkpoint of each connection, a
 * row per sync run and the {@code persons} view. The schema is created and migrated by Flyway on open (see
 * {@code docs/store.md}). Kept current by {@link LeadSync}; read here without calling any provider.
 *
 * <pre>{@code
 * try (LeadStore store = LeadStore.open("jdbc:sqlite:leadbridge.db");
 *      Stream<Lead> leads = store.leads(false)) {
 *     leads.forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>Errors are {@link StoreException}s with one-line messages that name the store with any password removed.
 * Thread-safe: writes are serialised on one connection; {@link #leads(boolean)} reads on its own connection.
 */
public final class LeadStore implements AutoCloseable {

    /** The store when none is given: a SQLite file in the working directory. */
    public static final String DEFAULT_URL = "jdbc:sqlite:leadbridge.db";
    /** The PostgreSQL schema when none is given. */
    public static final String DEFAULT_SCHEMA = "public";

    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern CURRENT_SCHEMA = Pattern.compile("[?&]currentSchema=([^&]+)");

    private final StoreUrl url;
    private final DataSource connections;
    /** Connections come from a pool the store does not own: each transaction returns its connection at once. */
    private final boolean borrowed;
    private final Clock clock;
    private final Object lock = new Object();
    private Connection connection;
    private boolean closed;

    private LeadStore(StoreUrl url, DataSource connections, boolean borrowed, Clock clock) {
        this.url = url;
        this.connections = connections;
        this.borrowed = borrowed;
        this.clock = clock;
    }

    /**
     * Opens the store at a JDBC URL with the defaults, creating or migrating its schema.
     *
     * @throws StoreConfigurationException when the URL names no supported database
     * @throws StoreUnavailableException   when the database cannot be opened
     * @throws StoreSchemaException        when the schema is of a newer version or cannot be migrated
     */
    public static LeadStore open(String jdbcUrl) {
        return builder().url(jdbcUrl).build();
    }

    /** A builder with the defaults: {@link #DEFAULT_URL}, schema {@link #DEFAULT_SCHEMA}, migrating on open. */
    public static Builder builder() {
        return new Builder();
    }

    /** The store's URL with any password replaced by {@code ***}. */
    public String url() {
        return url.shown();
    }

    /** The lead with this global id as stored, deleted or not. */
    public Optional<StoredLead> find(String id) {
        Objects.requireNonNull(id, "id");
        return transaction("cannot read from", rows -> {
            try (PreparedStatement ps = current().prepareStatement("SELECT * FROM leads WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new StoredLead(rows.lead(rs), instant(rs, "first_seen_at"),
                            instant(rs, "last_seen_at"), instant(rs, "changed_at"), instant(rs, "deleted_at"),
                            Origin.ofColumn(rs.getString("origin"))));
                }
            }
        });
    }

    /** How many leads the store holds, with or without those marked deleted. */
    public long count(boolean includeDeleted) {
        return transaction("cannot read from", rows -> {
            try (PreparedStatement ps = current().prepareStatement("SELECT COUNT(*) FROM leads"
                    + (includeDeleted ? "" : " WHERE deleted_at IS NULL"));
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * Every stored lead (without those marked deleted unless {@code includeDeleted}), by connection and id, read
     * lazily on a connection of its own: memory stays bounded whatever their number. Close the stream.
     *
     * @throws StoreException when the store cannot be read, also while the stream is consumed
     */
    public Stream<Lead> leads(boolean includeDeleted) {
        ensureOpen();
        Connection c;
        PreparedStatement ps;
        ResultSet rs;
        try {
            c = connections.getConnection();
        } catch (SQLException e) {
            throw SqlErrors.translate("cannot read from the store", url, e);
        }
        try {
            c.setAutoCommit(false);   // PostgreSQL streams with a fetch size only inside a transaction
            ps = c.prepareStatement("SELECT * FROM leads" + (includeDeleted ? "" : " WHERE deleted_at IS NULL")
                    + " ORDER BY connection, id");
            ps.setFetchSize(500);
            rs = ps.executeQuery();
        } catch (SQLException e) {
            closeQuietly(c);
            throw SqlErrors.translate("cannot read from the store", url, e);
        }
        LeadRows rows = new LeadRows(c, url.dialect());
        Iterator<Lead> it = new Iterator<>() {
            private Boolean ready;

            @Override
            public boolean hasNext() {
                if (ready == null) {
                    try {
                        ready = rs.next();
                    } catch (SQLException e) {
                        throw SqlErrors.translate("cannot read from the store", url, e);
                    }
                }
                return ready;
            }

            @Override
            public Lead next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ready = null;
                try {
                    return rows.lead(rs);
                } catch (SQLException e) {
                    throw SqlErrors.translate("cannot read from the store", url, e);
                }
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED
                | Spliterator.NONNULL), false).onClose(() -> {
                    closeQuietly(rs);
                    closeQuietly(ps);
                    try {
                        c.rollback();
                    } catch (SQLException e) {
                        // read-only work; nothing to undo
                    }
                    closeQuietly(c);
                });
    }

    /**
     * Records a lead read outside a sync (a webhook, a create through Leadbridge, a get): inserted with
     * {@code origin} when new, updated when its content changed and it is not older than the stored version, and
     * undeleted.
     */
    public void save(Lead lead, Origin origin) {
        Objects.requireNonNull(lead, "lead");
        Objects.requireNonNull(origin, "origin");
        transaction("cannot write to", rows -> rows.write(List.of(lead), origin.column(), clock.instant(), null));
    }

    /**
     * Marks a lead deleted now, for deletes made through Leadbridge (the provider confirmed it). Returns whether it
     * was marked (false when the store does not hold it or it was already marked).
     */
    public boolean markDeleted(String id) {
        Objects.requireNonNull(id, "id");
        return transaction("cannot write to", rows -> rows.markDeleted(id, clock.instant()));
    }

    /**
     * Closes the store's connection. Idempotent. A store opened on a {@link Builder#dataSource(DataSource)} leaves
     * that data source open: it belongs to the caller.
     */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            closeQuietly(connection);
            connection = null;
        }
    }

    // ------------------------------------------------------------------------------------------ for LeadSync

    /** Work inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(LeadRows rows) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction and commits; on any failure rolls back (a broken connection is dropped and
     * reopened next time) and raises the typed error.
     */
    <T> T transaction(String action, Work<T> work) {
        synchronized (lock) {
            ensureOpen();
            Connection c;
            try {
                c = current();
            } catch (SQLException e) {
                throw SqlErrors.translate(action + " the store", url, e);
            }
            try {
                c.setAutoCommit(false);
                T result = work.run(new LeadRows(c, url.dialect()));
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException again) {
                    closeQuietly(c);
                    connection = null;
                }
                if (e instanceof StoreException typed) {
                    throw typed;
                }
                if (e instanceof RuntimeException runtime && SqlErrors.sqlCause(e) == null) {
                    throw runtime;
                }
                dropIfBroken(c);
                throw SqlErrors.translate(action + " the store", url, e);
            } finally {
                release(c);
            }
        }
    }

    /** Gives a borrowed connection back to its pool; the store's own connection is kept. */
    private void release(Connection c) {
        if (borrowed && connection == c) {
            closeQuietly(c);
            connection = null;
        }
    }

    Instant now() {
        return clock.instant();
    }

    Clock clock() {
        return clock;
    }

    private Connection current() throws SQLException {
        if (connection == null) {
            connection = connections.getConnection();
        }
        return connection;
    }

    private void dropIfBroken(Connection c) {
        try {
            if (c.isClosed() || !c.isValid(2)) {
                closeQuietly(c);
                connection = null;
            }
        } catch (SQLException e) {
            closeQuietly(c);
            connection = null;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
    }

    private Instant instant(ResultSet rs, String column) throws SQLException {
        return url.dialect().getInstant(rs, column);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            // closing; nothing to do
        }
    }

    /**
     * Builds a {@link LeadStore}: the JDBC URL, for PostgreSQL the schema, whether to create or migrate the schema,
     * the clock of the bookkeeping columns. Not thread-safe.
     */
    public static final class Builder {
        private String url = DEFAULT_URL;
        private String schema;
        private boolean migrate = true;
        private Clock clock = Clock.systemUTC();
        private Function<String, String> env = System::getenv;
        private DataSource dataSource;

        private Builder() {
        }

        /**
         * Opens the store on connections of an existing {@link DataSource} (an application's pool) instead of a URL:
         * SQLite or PostgreSQL, told by the connection's metadata. Each transaction borrows a connection and gives it
         * back; for PostgreSQL the connection's schema is set to the store's and restored before it is given back.
         * {@link LeadStore#close()} never closes the data source. Replaces {@link #url(String)}, as that replaces it;
         * the PostgreSQL schema defaults to the connection's current schema, else {@value LeadStore#DEFAULT_SCHEMA}.
         */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /**
         * The JDBC URL: {@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://HOST:PORT/DB?user=U&password=P};
         * default {@value LeadStore#DEFAULT_URL}.
         */
        public Builder url(String jdbcUrl) {
            this.url = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            this.dataSource = null;
            return this;
        }

        /**
         * The PostgreSQL schema the tables live in (created when missing); default the URL's {@code currentSchema}
         * parameter, else {@value LeadStore#DEFAULT_SCHEMA}.
         */
        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        /**
         * Whether opening creates or migrates the schema (default true). When false, a store without the current
         * schema is a {@link StoreSchemaException} and a missing SQLite file a {@link StoreUnavailableException}: for
         * readers, which must not create an empty store.
         */
        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        /** The clock of {@code first_seen_at}, {@code last_seen_at}, {@code changed_at}, {@code deleted_at}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Looks up {@code PGUSER} and {@code PGPASSWORD}; default the process environment. */
        public Builder environment(Function<String, String> env) {
            this.env = Objects.requireNonNull(env, "env");
            return this;
        }

        /**
         * Opens the store and brings its schema up to date.
         *
         * @throws StoreConfigurationException when the URL or schema name cannot be right
         * @throws StoreUnavailableException   when the database cannot be opened or written
         * @throws StoreSchemaException        when the schema is newer than this version, missing, or fails to migrate
         */
        public LeadStore build() {
            if (dataSource != null) {
                return onDataSource();
            }
            StoreUrl parsed = StoreUrl.parse(url);
            if (parsed == null) {
                throw new StoreConfigurationException("'" + StoreUrl.redact(url) + "' is not a supported store URL;"
                        + " use jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB", null);
            }
            String chosenSchema = null;
            if (parsed.dialect() == Dialect.POSTGRESQL) {
                java.util.regex.Matcher current = CURRENT_SCHEMA.matcher(parsed.url());
                String fromUrl = current.find() ? current.group(1) : null;
                chosenSchema = schema != null && !schema.isBlank() ? schema.trim()
                        : fromUrl != null ? fromUrl : DEFAULT_SCHEMA;
                checkSchemaName(chosenSchema);
            }
            String file = parsed.sqliteFile();
            if (file != null) {
                java.nio.file.Path path = java.nio.file.Path.of(file).toAbsolutePath();
                if (!migrate && !java.nio.file.Files.exists(path)) {
                    throw new StoreUnavailableException("cannot open the store " + parsed.shown()
                            + ": the SQLite file does not exist (run sync first)", null);
                }
                java.nio.file.Path parent = path.getParent();
                if (parent != null && !java.nio.file.Files.isDirectory(parent)) {
                    throw new StoreUnavailableException("cannot open the store " + parsed.shown()
                            + ": the directory " + parent + " does not exist", null);
                }
            }
            ConnectionFactory factory = new ConnectionFactory(parsed, chosenSchema, env);
            return opened(parsed, chosenSchema, factory, false);
        }

        private LeadStore onDataSource() {
            StoreUrl described;
            String current;
            try (Connection c = dataSource.getConnection()) {
                var meta = c.getMetaData();
                String product = String.valueOf(meta.getDatabaseProductName()).toLowerCase(java.util.Locale.ROOT);
                Dialect dialect = product.contains("sqlite") ? Dialect.SQLITE
                        : product.contains("postgresql") ? Dialect.POSTGRESQL : null;
                if (dialect == null) {
                    throw new StoreConfigurationException("the data source is " + meta.getDatabaseProductName()
                            + "; the store needs SQLite or PostgreSQL", null);
                }
                described = new StoreUrl(String.valueOf(meta.getURL()), dialect);
                current = dialect == Dialect.POSTGRESQL ? c.getSchema() : null;
            } catch (SQLException e) {
                throw new StoreUnavailableException("cannot open the store on the data source: "
                        + SqlErrors.detail(e), e);
            }
            String chosenSchema = null;
            if (described.dialect() == Dialect.POSTGRESQL) {
                chosenSchema = schema != null && !schema.isBlank() ? schema.trim()
                        : current != null && !current.isBlank() ? current : DEFAULT_SCHEMA;
                checkSchemaName(chosenSchema);
            }
            return opened(described, chosenSchema, new BorrowedConnections(dataSource, chosenSchema), true);
        }

        private static void checkSchemaName(String chosenSchema) {
            if (!SCHEMA_NAME.matcher(chosenSchema).matches()) {
                throw new StoreConfigurationException("'" + chosenSchema + "' is not a usable PostgreSQL schema"
                        + " name; use letters, digits and '_'", null);
            }
        }

        private LeadStore opened(StoreUrl parsed, String chosenSchema, DataSource factory, boolean borrowed) {
            prepareSchema(parsed, chosenSchema, factory);
            LeadStore store = new LeadStore(parsed, factory, borrowed, clock);
            try {
                store.transaction("cannot open", rows -> rows.checkpoint(""));
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
            return store;
        }

        private void prepareSchema(StoreUrl parsed, String chosenSchema, DataSource factory) {
            var config = Flyway.configure(LeadStore.class.getClassLoader())
                    .dataSource(factory)
                    .locations(parsed.dialect().migrationLocation())
                    .failOnMissingLocations(true);
            if (chosenSchema != null) {
                config = config.schemas(chosenSchema).defaultSchema(chosenSchema).createSchemas(true);
            }
            Flyway flyway = config.load();
            try {
                MigrationInfo newest = null;
                boolean pending = false;
                for (MigrationInfo m : flyway.info().all()) {
                    MigrationState state = m.getState();
                    if (state == MigrationState.FUTURE_SUCCESS || state == MigrationState.FUTURE_FAILED) {
                        newest = m;
                    }
                    if (state == MigrationState.PENDING) {
                        pending = true;
                    }
                }
                if (newest != null) {
                    throw new StoreSchemaException("the store " + parsed.shown() + " has schema version "
                            + newest.getVersion() + ", newer than this Leadbridge knows; upgrade Leadbridge", null);
                }
                if (pending && !migrate) {
                    throw new StoreSchemaException("the store " + parsed.shown() + " holds no current Leadbridge"
                            + " schema; run sync on it first", null);
                }
                if (pending) {
                    flyway.migrate();
                }
            } catch (FlywayException e) {
                throw SqlErrors.schema("cannot prepare the schema of the store", parsed, e);
            }
        }
    }
}
