/**
 * The Octanist adapter: {@link dev.leadbridge.provider.octanist.OctanistProvider} (built with its builder) and
 * {@link dev.leadbridge.provider.octanist.OctanistProviderFactory} for configuration-driven discovery.
 */
package dev.leadbridge.provider.octanist;
