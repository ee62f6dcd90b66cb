package dev.leadbridge.cli;

import dev.leadbridge.store.LeadStore;
import dev.leadbridge.store.StoreConfigurationException;
import dev.leadbridge.store.StoreException;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The store settings of the command line: {@code --db} wins over {@code store.url} of the configuration file, the
 * default is {@link LeadStore#DEFAULT_URL}; {@code store.schema} names the PostgreSQL schema. {@code ${NAME}} in
 * the file's values expands from the environment. Store failures become one-line CLI errors with their exit codes.
 */
final class StoreOptions {

    static final String URL_KEY = "store.url";
    static final String SCHEMA_KEY = "store.schema";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    final String url;
    final String schema;
    final boolean fromCommandLine;

    private StoreOptions(String url, String schema, boolean fromCommandLine) {
        this.url = url;
        this.schema = schema;
        this.fromCommandLine = fromCommandLine;
    }

    /**
     * Takes the {@code store.*} keys out of the configuration properties (so the connection parser sees only
     * connections) and decides the URL.
     *
     * @throws CliException exit 3 for an unknown {@code store.} key or a missing variable
     */
    static StoreOptions take(Properties config, String db, Function<String, String> env, String file) {
        String url = null;
        String schema = null;
        for (String key : config.stringPropertyNames()) {
            String k = key.trim();
            if (!k.startsWith("store.")) {
                continue;
            }
            String value = expand(config.getProperty(key).trim(), env, file, k);
            config.remove(key);
            switch (k) {
                case URL_KEY -> url = value;
                case SCHEMA_KEY -> schema = value;
                default -> throw new CliException(ExitCode.CONFIGURATION, "configuration file '" + file
                        + "': unknown configuration key '" + k + "'", "the store keys are store.url and store.schema");
            }
        }
        if (db != null) {
            return new StoreOptions(db.trim(), schema, true);
        }
        return new StoreOptions(url == null || url.isEmpty() ? LeadStore.DEFAULT_URL : url, schema, false);
    }

    /** Only {@code --db}, for commands without a configuration file. */
    static StoreOptions of(String db) {
        return new StoreOptions(db.trim(), null, true);
    }

    /**
     * Opens the store.
     *
     * @param migrate whether to create or migrate the schema (readers do not)
     */
    LeadStore open(boolean migrate, Function<String, String> env) {
        try {
            return LeadStore.builder().url(url).schema(schema).migrate(migrate).environment(env).build();
        } catch (StoreException e) {
            throw failure(e);
        }
    }

    /** The CLI error for a store failure: a bad URL is a usage (--db) or configuration error, anything else 5. */
    CliException failure(StoreException e) {
        if (e instanceof StoreConfigurationException) {
            return fromCommandLine
                    ? new CliException(ExitCode.USAGE, "--db: " + Failures.message(e), "pass a JDBC URL such as"
                    + " jdbc:sqlite:leadbridge.db or jdbc:postgresql://HOST:5432/DB", e)
                    : new CliException(ExitCode.CONFIGURATION, Failures.message(e), "fix store.url in the"
                    + " configuration file", e);
        }
        return new CliException(ExitCode.FAILURE, Failures.message(e), "check that the database is up and"
                + " writable, then run again: what was committed stays", e);
    }

    private static String expand(String value, Function<String, String> env, String file, String key) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1).trim();
            String v = name.isEmpty() ? null : env.apply(name);
            if (v == null) {
                throw new CliException(ExitCode.CONFIGURATION, "configuration file '" + file + "': '" + key
                        + "' uses the environment variable '" + name + "', which is not set",
                        "set the variable, or write the value into the file");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
