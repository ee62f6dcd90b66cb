package dev.leadbridge.cli;

import dev.leadbridge.cli.config.ConfigFile;
import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.core.error.LeadbridgeException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Properties;

/**
 * Opens the aggregation client from a {@code --config} file, turning every problem into a configuration error. A
 * command that uses only some connections opens only those: another connection's {@code ${NAME}} need not be set.
 */
final class Connections {

    private Connections() {
    }

    /**
     * Reads the file and registers its API keys with the redactor.
     *
     * @throws CliException with {@link ExitCode#CONFIGURATION} when the file cannot be read
     */
    static Properties read(CliContext ctx, Path config) {
        Properties properties = ConfigFile.read(config);
        ConfigFile.registerSecrets(properties, ctx.environment(), ctx.redactor());
        // store.* belongs to sync and serve, which check it themselves; the connection parser sees connections only
        properties.stringPropertyNames().stream().filter(k -> k.trim().startsWith("store.")).forEach(properties::remove);
        return properties;
    }

    /**
     * Reads the file, registers its API keys with the redactor, and opens one connection per
     * {@code connections.<name>.*} group.
     *
     * @throws CliException with {@link ExitCode#CONFIGURATION} naming the file and what is wrong in it
     */
    static LeadbridgeClient open(CliContext ctx, Path config) {
        return open(ctx, config, read(ctx, config), null);
    }

    /**
     * Opens the connections named in {@code only} (every connection when null) from properties read with
     * {@link #read(CliContext, Path)}. Keys that belong to no connection are still checked; the other connections
     * are not read, so their environment variables need not be set.
     *
     * @throws CliException with {@link ExitCode#CONFIGURATION} naming the file and what is wrong in it
     */
    static LeadbridgeClient open(CliContext ctx, Path config, Properties properties, Collection<String> only) {
        Properties used = only == null ? properties : ConfigFile.only(properties, only);
        try {
            return LeadbridgeClient.fromProperties(used, ctx.environment());
        } catch (LeadbridgeException | IllegalArgumentException | NullPointerException e) {
            String message = Failures.message(e);
            String hint = message.contains("environment variable")
                    ? "set the variable, or write the value into the file"
                    : "fix the file (docs/configuration.md lists every key)";
            throw new CliException(ExitCode.CONFIGURATION, "configuration file '" + config + "': " + message, hint, e);
        }
    }
}
