/**
 * Internals of the Octanist adapter: the Feign interface, wire DTOs, the MapStruct mapper, the tolerant reader and
 * the request builders. Not public API.
 */
package dev.leadbridge.provider.octanist.internal;
