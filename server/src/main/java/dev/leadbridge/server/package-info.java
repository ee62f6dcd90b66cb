/**
 * The long-running service behind {@code leadbridge serve}: the providers' webhooks into the store's inbox,
 * scheduled syncs, {@code GET /health} and {@code GET /metrics}, on Undertow. Start it with
 * {@link dev.leadbridge.server.LeadbridgeServer#builder()}.
 */
package dev.leadbridge.server;
