package dev.leadbridge.provider.octanist.internal.dto;

/**
 * What POST /leads answers: {@code data} of the envelope, or the whole legacy body {@code {"id":...}}.
 *
 * @param id      the new lead's id
 * @param message the server's message, e.g. {@code Lead added}
 */
public record OctanistCreatedDto(String id, String message) {
}
