package dev.leadbridge.cli;

import dev.leadbridge.cli.config.ConfigFile;
import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.core.error.LeadbridgeException;
import java.nio.file.Path;
import java.util.Properties;

/** Opens the aggregation client from a {@code --config} file, turning every problem into a configuration error. */
final class Connections {

    private Connections() {
    }

    /**
     * Reads the file, registers its API keys with the redactor, and opens one connection per
     * {@code connections.<name>.*} group.
     *
     * @throws CliException with {@link ExitCode#CONFIGURATION} naming the file and what is wrong in it
     */
    static LeadbridgeClient open(CliContext ctx, Path config) {
        Properties properties = ConfigFile.read(config);
        ConfigFile.registerSecrets(properties, ctx.environment(), ctx.redactor());
        StoreOptions.take(properties, null, ctx.environment(), config.toString());   // store.* is sync's
        try {
            return LeadbridgeClient.fromProperties(properties, ctx.environment());
        } catch (LeadbridgeException | IllegalArgumentException | NullPointerException e) {
            String message = Failures.message(e);
            String hint = message.contains("environment variable")
                    ? "set the variable, or write the value into the file"
                    : "fix the file (the README lists every key)";
            throw new CliException(ExitCode.CONFIGURATION, "configuration file '" + config + "': " + message, hint, e);
        }
    }
}
