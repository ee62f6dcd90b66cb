package dev.leadbridge.cli.config;

import dev.leadbridge.cli.CliException;
import dev.leadbridge.cli.ExitCode;
import dev.leadbridge.cli.Redactor;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the connection configuration file given with {@code --config}: a Java properties file in UTF-8 (ISO-8859-1
 * is accepted as a fallback, as {@link java.util.PropertyResourceBundle} does). Every failure is a
 * {@link CliException} with exit code {@link ExitCode#CONFIGURATION} naming the path.
 */
public final class ConfigFile {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final String PREFIX = "connections.";

    private ConfigFile() {
    }

    /**
     * Reads the file.
     *
     * @throws CliException when the file is missing, not a regular file, unreadable, malformed or defines nothing
     */
    public static Properties read(Path path) {
        String shown = path.toString();
        if (!Files.exists(path)) {
            throw new CliException(ExitCode.CONFIGURATION, "configuration file '" + shown + "' does not exist",
                    "pass the path of an existing properties file with --config");
        }
        if (Files.isDirectory(path)) {
            throw new CliException(ExitCode.CONFIGURATION, "configuration file '" + shown + "' is a directory",
                    "pass the path of a properties file with --config");
        }
        Properties properties;
        try {
            properties = load(path, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            try {
                properties = load(path, StandardCharsets.ISO_8859_1);
            } catch (IOException again) {
                throw unreadable(shown, again);
            }
        } catch (IOException e) {
            throw unreadable(shown, e);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.CONFIGURATION, "configuration file '" + shown
                    + "' is not a valid properties file (" + e.getMessage() + ")",
                    "fix the file: one 'key = value' per line, '\\' escapes as in Java properties", e);
        }
        if (properties.isEmpty()) {
            throw new CliException(ExitCode.CONFIGURATION, "configuration file '" + shown + "' defines no connection",
                    "add at least connections.<name>.provider and connections.<name>.api-key");
        }
        return properties;
    }

    /**
     * Registers every API key and webhook secret of {@code properties} with the redactor (each of several
     * comma-separated webhook secrets on its own too): the value as written and, where it uses
     * {@code ${NAME}}, as expanded from the environment (unset variables are left alone here; reading the
     * configuration reports them).
     */
    public static void registerSecrets(Properties properties, Function<String, String> env, Redactor redactor) {
        for (String key : properties.stringPropertyNames()) {
            boolean webhookSecret = key.trim().endsWith(".webhook-secret");
            if (!key.trim().endsWith(".api-key") && !webhookSecret) {
                continue;
            }
            String value = properties.getProperty(key);
            if (value == null) {
                continue;
            }
            Matcher m = VARIABLE.matcher(value);
            StringBuilder expanded = new StringBuilder();
            boolean usesVariables = false;
            while (m.find()) {
                usesVariables = true;
                String name = m.group(1).trim();
                String replacement = name.isEmpty() ? null : env.apply(name);
                redactor.add(replacement);
                m.appendReplacement(expanded, Matcher.quoteReplacement(replacement == null ? m.group() : replacement));
            }
            m.appendTail(expanded);
            redactor.add(expanded.toString());
            if (!usesVariables) {
                redactor.add(value);
            }
            if (webhookSecret) {
                for (String one : expanded.toString().split(",")) {
                    redactor.add(one.trim());
                }
            }
        }
    }

    /**
     * The connection names the file defines ({@code connections.<name>.*}), in the order the client lists them
     * (sorted by key), without reading any value: what a command checks a chosen name against before it opens only
     * the connections it uses.
     */
    public static List<String> connectionNames(Properties properties) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            String name = connectionOf(key);
            if (name != null) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    /**
     * The properties of the named connections only, with every key that belongs to no connection (an unknown
     * top-level key, a malformed {@code connections.} key), so that those are still reported. The other
     * connections are not read at all: their {@code ${NAME}} variables need not be set.
     */
    public static Properties only(Properties properties, Collection<String> names) {
        Properties subset = new Properties();
        for (String key : properties.stringPropertyNames()) {
            String name = connectionOf(key);
            if (name == null || names.contains(name)) {
                subset.setProperty(key, properties.getProperty(key));
            }
        }
        return subset;
    }

    /** The connection a key belongs to ({@code connections.<name>.<setting>}), or null. */
    private static String connectionOf(String key) {
        String k = key.trim();
        if (!k.startsWith(PREFIX)) {
            return null;
        }
        String rest = k.substring(PREFIX.length());
        int dot = rest.indexOf('.');
        return dot <= 0 || dot == rest.length() - 1 ? null : rest.substring(0, dot);
    }

    private static Properties load(Path path, Charset charset) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new java.io.InputStreamReader(Files.newInputStream(path),
                charset.newDecoder()
                        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT))) {
            properties.load(reader);
        }
        return properties;
    }

    private static CliException unreadable(String shown, IOException e) {
        String reason;
        if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            reason = "it does not exist";
        } else {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return new CliException(ExitCode.CONFIGURATION, "cannot read configuration file '" + shown + "' ("
                + reason + ")", "check the path and its permissions", e);
    }
}
