package dev.leadbridge.core.error;

/**
 * Where and how a call failed, carried by every {@link LeadbridgeException}. Every component may be null when
 * unknown. Never holds a credential.
 *
 * @param provider     the provider id, e.g. {@code octanist}
 * @param connection   the connection name
 * @param httpStatus   the HTTP status the provider answered with
 * @param providerCode the provider's machine-readable error code, e.g. {@code INVALID_FILTER}
 * @param requestId    the provider's request id, for support tickets
 */
public record ErrorDetails(String provider, String connection, Integer httpStatus, String providerCode,
                           String requestId) {

    /** Details with nothing known. */
    public static final ErrorDetails NONE = new ErrorDetails(null, null, null, null, null);

    /** Details naming only a provider and a connection. */
    public static ErrorDetails of(String provider, String connection) {
        return new ErrorDetails(provider, connection, null, null, null);
    }

    /** A copy with the HTTP status, provider code and request id set. */
    public ErrorDetails withResponse(Integer status, String code, String request) {
        return new ErrorDetails(provider, connection, status, code, request);
    }

    /** The details as {@code provider=..., connection=...}, listing only known components. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        append(sb, "provider", provider);
        append(sb, "connection", connection);
        append(sb, "status", httpStatus);
        append(sb, "code", providerCode);
        append(sb, "requestId", requestId);
        return sb.toString();
    }

    private static void append(StringBuilder sb, String name, Object value) {
        if (value != null) {
            // server-given codes and request ids are echoed escaped and shortened, as every value in a message
            sb.append(sb.length() == 0 ? "" : ", ").append(name).append('=')
                    .append(SafeText.value(String.valueOf(value)));
        }
    }
}
