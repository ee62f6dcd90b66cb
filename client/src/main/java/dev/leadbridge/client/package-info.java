/**
 * One entry point over many connections: {@link dev.leadbridge.client.LeadbridgeClient} merges the leads of many
 * accounts at many providers into one stream in one schema, reports how each connection went, syncs incrementally
 * from a checkpoint the caller persists, routes creates, and groups the leads of one person across providers
 * ({@link dev.leadbridge.client.PersonIndex}). Everything under {@code dev.leadbridge.client.internal} is
 * implementation, not API.
 */
package dev.leadbridge.client;
