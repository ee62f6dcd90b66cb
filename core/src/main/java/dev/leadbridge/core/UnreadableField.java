package dev.leadbridge.core;

import java.util.Objects;

/**
 * A field of a lead that had the wrong type in the provider's answer (e.g. an epoch number for {@code createdAt}, an
 * object for {@code email}): the lead was kept with that field null, and its {@code raw} holds the original value.
 *
 * @param nativeId the lead's native id
 * @param field    the provider's field name
 */
public record UnreadableField(String nativeId, String field) {

    /** Rejects nulls. */
    public UnreadableField {
        Objects.requireNonNull(nativeId, "nativeId");
        Objects.requireNonNull(field, "field");
    }
}
