package dev.leadbridge.core.api.internal;

import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.error.ErrorDetails;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules every connection follows, wherever it is set up (configuration properties or a provider's builder):
 * the connection name's alphabet, and a base URL that is https, or plain http only on a loopback host, without user
 * info, query or fragment, and without trailing slashes. Written once here so {@code ConnectionConfig} and every
 * provider builder agree. Not part of the public API.
 */
public final class ConnectionRules {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    private ConnectionRules() {
    }

    /** Whether {@code name} is a valid connection name: letters, digits, {@code -} and {@code _}, not starting with a sign. */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * Checks a connection name.
     *
     * @throws ConfigurationException when the name is not letters, digits, {@code -} or {@code _}
     */
    public static String requireValidName(String name, ErrorDetails where) {
        if (!isValidName(name)) {
            throw new ConfigurationException("connection name '" + name + "' must be letters, digits, '-' or '_'",
                    where);
        }
        return name;
    }

    /**
     * Parses and checks a base URL given as text and returns it without trailing slashes.
     *
     * @param setting how the setting is called where it was given ({@code base-url}, {@code baseUrl}), for messages
     * @throws ConfigurationException when it is not an absolute URL with a host, carries user info, a query or a
     *                                fragment, or is plain http on a host that is not loopback
     */
    public static String normalizedBaseUrl(String value, String setting, ErrorDetails where) {
        URI uri = parse(value, setting, where);
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new ConfigurationException(setting + of(where) + " must not have user info, a query or a fragment,"
                    + " was '" + value + "'", where);
        }
        requireSecure(uri, setting, where);
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    /**
     * Parses a base URL given as text.
     *
     * @throws ConfigurationException when it has no scheme or no host
     */
    public static URI parse(String value, String setting, ErrorDetails where) {
        try {
            URI uri = new URI(value == null ? "" : value.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new URISyntaxException(String.valueOf(value), "needs a scheme and a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigurationException(setting + of(where) + " is not a URL: '" + value + "'", where);
        }
    }

    /**
     * Checks that a base URL is https, or plain http on a loopback host (a test server).
     *
     * @throws ConfigurationException otherwise
     */
    public static void requireSecure(URI uri, String setting, ErrorDetails where) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return;
        }
        if (scheme.equals("http") && isLoopback(uri.getHost())) {
            return;
        }
        throw new ConfigurationException(setting + " '" + uri + "'" + of(where)
                + " must use https (plain http is allowed only for loopback hosts)", where);
    }

    /**
     * Whether {@code host} is {@code localhost} or a loopback IP literal. Other names are never resolved here, so
     * never trusted as loopback.
     */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String of(ErrorDetails where) {
        return where == null || where.connection() == null ? "" : " of connection '" + where.connection() + "'";
    }
}
