package dev.leadbridge.core.api;

import java.util.Objects;
import java.util.Set;

/**
 * What an installed provider offers, known without connecting: for listing the providers on the class path (e.g.
 * the command line's {@code providers}) without touching the provider SPI.
 *
 * @param providerId     the provider id used in configuration, e.g. {@code octanist}
 * @param defaultBaseUrl the documented production API base
 * @param optionKeys     the provider's own connection option keys (besides {@link ConnectionOptions#KEYS})
 * @param capabilities   what the provider can do
 */
public record ProviderDescription(String providerId, String defaultBaseUrl, Set<String> optionKeys,
                                  ProviderCapabilities capabilities) {

    /** Requires every component and copies the option keys. */
    public ProviderDescription {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(defaultBaseUrl, "defaultBaseUrl");
        optionKeys = Set.copyOf(optionKeys);
        Objects.requireNonNull(capabilities, "capabilities");
    }
}
