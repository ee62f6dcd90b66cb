package dev.leadbridge.provider.workspace.internal.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code pagination} object of a listing: {@code page}, {@code limit}, {@code total}, {@code totalPages},
 * {@code hasNext}, {@code hasPrev}. Every field may be missing.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkspacePaginationDto(
        @JsonProperty("page") Integer page,
        @JsonProperty("limit") Integer limit,
        @JsonProperty("total") Long total,
        @JsonProperty("totalPages") Integer totalPages,
        @JsonProperty("hasNext") Boolean hasNext,
        @JsonProperty("hasPrev") Boolean hasPrev) {
}
