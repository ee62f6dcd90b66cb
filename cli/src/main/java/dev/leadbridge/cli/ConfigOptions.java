package dev.leadbridge.cli;

import dev.leadbridge.cli.config.ConfigFile;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * The options {@code sync} and {@code serve} share (a picocli mixin): the connection configuration file, which may
 * set the store, and {@code --db}, which wins over it. A command may word {@code --config}'s help its own way with
 * the key {@code config} in its resource bundle (see {@code ServeCommand.properties}).
 */
final class ConfigOptions {

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", descriptionKey = "config",
            description = "The connection configuration (Java properties, see the README); may set store.url and"
                    + " store.schema.")
    Path config;

    @Option(names = "--db", paramLabel = "URL",
            description = "The store's JDBC URL (default: store.url of the configuration, else"
                    + " jdbc:sqlite:leadbridge.db).")
    String db;

    /** Reads the configuration file and registers its secrets for redaction. */
    Properties read(CliContext ctx) {
        Properties properties = ConfigFile.read(config);
        ConfigFile.registerSecrets(properties, ctx.environment(), ctx.redactor());
        return properties;
    }

    /** Takes the store keys out of {@code properties}; {@code --db} wins over them. */
    StoreOptions store(Properties properties, CliContext ctx) {
        return StoreOptions.take(properties, db, ctx.environment(), config.toString());
    }
}
