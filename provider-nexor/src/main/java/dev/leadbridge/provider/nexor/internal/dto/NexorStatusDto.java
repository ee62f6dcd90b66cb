package dev.leadbridge.provider.nexor.internal.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A workflow status object {@code {id, key, label, color?, category}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NexorStatusDto(String id, String key, String label, String category) {
}
