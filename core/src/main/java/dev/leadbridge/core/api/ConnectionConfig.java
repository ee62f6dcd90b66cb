package dev.leadbridge.core.api;

import dev.leadbridge.core.api.internal.ConnectionRules;
import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.error.ErrorDetails;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One connection: one account at one provider. Read from configuration properties
 * ({@code connections.<name>.provider|base-url|api-key|<option>}) with {@link #parse(Map, Function)}, or built in
 * code with {@link #builder(String)}. Its {@link #toString()} never shows the API key.
 *
 * @param name     the connection name, letters, digits, {@code -} and {@code _}
 * @param provider the provider id
 * @param baseUrl  the API base, or null for the provider's documented production URL
 * @param apiKey   the credential
 * @param options  further options by key (see {@link ConnectionOptions} and the provider's own keys)
 */
public record ConnectionConfig(String name, String provider, URI baseUrl, ApiKey apiKey, Map<String, String> options) {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final String PREFIX = "connections.";

    /** Validates the name, the base URL's scheme and copies the options. */
    public ConnectionConfig {
        ErrorDetails where = new ErrorDetails(provider, name, null, null, null);
        if (!ConnectionRules.isValidName(name)) {
            throw new ConfigurationException("connection name '" + name + "' must be letters, digits, '-' or '_'",
                    where);
        }
        if (provider == null || provider.isBlank()) {
            throw new ConfigurationException("connection '" + name + "' has no provider", where);
        }
        if (apiKey == null) {
            throw new ConfigurationException("connection '" + name + "' has no api-key", where);
        }
        if (baseUrl != null) {
            requireSecure(baseUrl, where);
        }
        options = Collections.unmodifiableMap(new TreeMap<>(options == null ? Map.of() : options));
    }

    /** A builder for a connection named {@code name}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Reads every connection from configuration properties; {@code ${NAME}} in a value expands from {@code env}.
     * Keys not under {@code connections.} are errors, as are connection keys no provider reads (checked later, when the
     * provider is known, by {@link dev.leadbridge.core.connect.LeadProviders}).
     *
     * @throws ConfigurationException naming the key or variable at fault
     */
    public static List<ConnectionConfig> parse(Map<String, String> properties, Function<String, String> env) {
        Map<String, Map<String, String>> byName = new LinkedHashMap<>();
        for (String key : new java.util.TreeSet<>(properties.keySet())) {
            String trimmedKey = key.trim();
            if (!trimmedKey.startsWith(PREFIX)) {
                throw new ConfigurationException("unknown configuration key '" + trimmedKey
                        + "': every key starts with 'connections.<name>.'", ErrorDetails.NONE);
            }
            String rest = trimmedKey.substring(PREFIX.length());
            int dot = rest.indexOf('.');
            if (dot <= 0 || dot == rest.length() - 1) {
                throw new ConfigurationException("configuration key '" + trimmedKey
                        + "' must look like 'connections.<name>.<setting>'", ErrorDetails.NONE);
            }
            String name = rest.substring(0, dot);
            String setting = rest.substring(dot + 1);
            String value = expand(trimmedKey, properties.get(key), env);
            byName.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(setting, value);
        }
        List<ConnectionConfig> configs = new ArrayList<>();
        byName.forEach((name, settings) -> {
            Map<String, String> options = new LinkedHashMap<>(settings);
            String provider = options.remove("provider");
            String baseUrl = options.remove("base-url");
            String apiKey = options.remove("api-key");
            ErrorDetails where = new ErrorDetails(provider, name, null, null, null);
            if (provider == null || provider.isBlank()) {
                throw new ConfigurationException("connection '" + name + "' needs 'connections." + name
                        + ".provider' (octanist, nexor or workspace-v1)", where);
            }
            if (apiKey == null || apiKey.isBlank()) {
                throw new ConfigurationException("connection '" + name + "' needs 'connections." + name
                        + ".api-key'", where);
            }
            configs.add(new ConnectionConfig(name, provider.trim(), baseUrl == null ? null : uri(baseUrl, where),
                    checkedKey(name, apiKey, where), options));
        });
        return configs;
    }

    /** Reads every connection from a {@link Properties} object; see {@link #parse(Map, Function)}. */
    public static List<ConnectionConfig> parse(Properties properties, Function<String, String> env) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            map.put(key, properties.getProperty(key));
        }
        return parse(map, env);
    }

    /** The option's value, or null. */
    public String option(String key) {
        return options.get(key);
    }

    /** The option as text, or {@code defaultValue}. */
    public String option(String key, String defaultValue) {
        return options.getOrDefault(key, defaultValue);
    }

    /**
     * The option as a duration ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}, ISO-8601
     * {@code PT30S}, or a bare {@code 0}).
     *
     * @throws ConfigurationException naming the key when the value is not a duration
     */
    public Duration duration(String key, Duration defaultValue) {
        String value = options.get(key);
        if (value == null) {
            return defaultValue;
        }
        Duration parsed = parseDuration(value.trim());
        if (parsed == null || parsed.isNegative()) {
            throw new ConfigurationException("'connections." + name + "." + key + "' must be a duration such as 30s,"
                    + " 500ms, 5m, 1h or PT30S, was '" + value + "'", ErrorDetails.of(provider, name));
        }
        return parsed;
    }

    /** The option as an integer. @throws ConfigurationException naming the key when it is not one */
    public int integer(String key, int defaultValue) {
        String value = options.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigurationException("'connections." + name + "." + key + "' must be a whole number, was '"
                    + value + "'", ErrorDetails.of(provider, name));
        }
    }

    /** The option as a boolean. @throws ConfigurationException naming the key when it is not true or false */
    public boolean flag(String key, boolean defaultValue) {
        String value = options.get(key);
        if (value == null) {
            return defaultValue;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new ConfigurationException("'connections." + name + "." + key + "' must be true or false, was '"
                + value + "'", ErrorDetails.of(provider, name));
    }

    /** The base URL to use: the configured one, or {@code defaultBaseUrl}; without a trailing slash. */
    public String baseUrlOr(String defaultBaseUrl) {
        String url = baseUrl == null ? defaultBaseUrl : baseUrl.toString();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return url;
    }

    @Override
    public String toString() {
        return "ConnectionConfig[name=" + name + ", provider=" + provider + ", baseUrl=" + baseUrl
                + ", apiKey=****, options=" + shownOptions() + "]";
    }

    private Map<String, String> shownOptions() {
        if (!options.containsKey(ConnectionOptions.WEBHOOK_SECRET)) {
            return options;
        }
        Map<String, String> shown = new TreeMap<>(options);
        shown.put(ConnectionOptions.WEBHOOK_SECRET, "****");
        return shown;
    }

    static Duration parseDuration(String value) {
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        try {
            if (value.toUpperCase(Locale.ROOT).startsWith("P")) {
                return Duration.parse(value);
            }
            Matcher m = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)").matcher(value.toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                return null;
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    private static String expand(String key, String value, Function<String, String> env) {
        if (value == null) {
            return null;
        }
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String variable = m.group(1).trim();
            String replacement = variable.isEmpty() ? null : env.apply(variable);
            if (replacement == null) {
                throw new ConfigurationException("environment variable '" + variable + "' used by '" + key
                        + "' is not set", ErrorDetails.NONE);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString().trim();
    }

    /**
     * The key of connection {@code name}; one a header cannot carry is a {@link ConfigurationException} naming the
     * connection and its key setting, never the value.
     */
    private static ApiKey checkedKey(String name, String value, ErrorDetails where) {
        try {
            return ApiKey.of(value);
        } catch (ConfigurationException e) {
            throw new ConfigurationException("'connections." + name + ".api-key' of connection '" + name + "': "
                    + e.getMessage(), where, e);
        }
    }

    private static URI uri(String value, ErrorDetails where) {
        return ConnectionRules.parse(value, "base-url", where);
    }

    private static void requireSecure(URI uri, ErrorDetails where) {
        ConnectionRules.requireSecure(uri, "base-url", where);
    }

    /** Builds a {@link ConnectionConfig} in code. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private String provider;
        private URI baseUrl;
        private ApiKey apiKey;
        private final Map<String, String> options = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        /** The provider id. */
        public Builder provider(String provider) {
            this.provider = provider;
            return this;
        }

        /** The API base URL. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = uri(baseUrl, ErrorDetails.of(provider, name));
            return this;
        }

        /**
         * The API key.
         *
         * @throws ConfigurationException naming the connection when the key holds anything but visible ASCII
         */
        public Builder apiKey(String apiKey) {
            this.apiKey = checkedKey(name, apiKey, ErrorDetails.of(provider, name));
            return this;
        }

        /** An option (see {@link ConnectionOptions}). */
        public Builder option(String key, String value) {
            this.options.put(key, value);
            return this;
        }

        /** Builds the configuration. */
        public ConnectionConfig build() {
            return new ConnectionConfig(name, provider, baseUrl, apiKey, options);
        }
    }
}
