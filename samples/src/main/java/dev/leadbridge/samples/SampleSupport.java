package dev.leadbridge.samples;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.error.LeadbridgeException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * What every sample's {@code main} does the same way: find and read the configuration file, format a lead as one
 * line, and turn a failure into one line on stderr and a non-zero exit code. Not part of the library.
 */
final class SampleSupport {

    /** The environment variable naming the configuration file when no argument does. */
    static final String CONFIG_ENV = "LEADBRIDGE_CONFIG";

    private SampleSupport() {
    }

    /**
     * The configuration file: {@code args[0]} when given, else the file named by {@value #CONFIG_ENV}.
     *
     * @throws IllegalArgumentException when neither names one
     */
    static Path configPath(String[] args, Function<String, String> env) {
        if (args.length > 0 && !args[0].isBlank()) {
            return Path.of(args[0]);
        }
        String fromEnv = env.apply(CONFIG_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv.trim());
        }
        throw new IllegalArgumentException("give the configuration file (connections.<name>.provider, .base-url,"
                + " .api-key) as the first argument or in the environment variable " + CONFIG_ENV);
    }

    /**
     * Reads a properties file in UTF-8.
     *
     * @throws IllegalArgumentException when the file does not exist
     * @throws UncheckedIOException     when it cannot be read
     */
    static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("configuration file not found: " + file.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
        }
        return properties;
    }

    /**
     * Runs a sample's body; a non-zero status ends the JVM with it. A Leadbridge error, a bad argument or an I/O
     * problem becomes one line on stderr and exit status 1 (no stack trace: the message names what is wrong, never an
     * API key). On success {@code main} simply returns, so the sample also runs inside {@code mvn exec:java}.
     */
    static void exit(IntSupplier body) {
        int status;
        try {
            status = body.getAsInt();
        } catch (LeadbridgeException e) {
            System.err.println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            status = 1;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("error: " + e.getMessage());
            status = 1;
        }
        System.out.flush();
        if (status != 0) {
            System.exit(status);
        }
    }

    /** A lead's canonical status and person as one line: {@code WON       Ava Stone <ava@example.com> +316...}. */
    static String person(Lead lead) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-9s ", lead.status()));
        line.append(lead.name() == null ? "(no name)" : lead.name());
        if (lead.email() != null) {
            line.append(" <").append(lead.email()).append('>');
        }
        if (lead.phoneE164() != null) {
            line.append(' ').append(lead.phoneE164());
        } else if (lead.phone() != null) {
            line.append(' ').append(lead.phone());
        }
        return line.toString();
    }
}
