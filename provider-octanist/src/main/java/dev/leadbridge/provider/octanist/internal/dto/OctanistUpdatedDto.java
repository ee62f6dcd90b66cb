package dev.leadbridge.provider.octanist.internal.dto;

/**
 * What PATCH /leads answers: {@code data} of the envelope, or the whole legacy body
 * {@code {"success":true,"leadId":...,"status":...}} (which has no count).
 *
 * @param leadId       the (first) updated lead's id
 * @param leadsUpdated how many leads were updated; null in the legacy shape
 * @param message      the server's message
 * @param status       the legacy shape's new status
 */
public record OctanistUpdatedDto(String leadId, Integer leadsUpdated, String message, String status) {
}
