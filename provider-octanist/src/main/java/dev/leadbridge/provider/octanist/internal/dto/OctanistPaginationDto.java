package dev.leadbridge.provider.octanist.internal.dto;

/**
 * {@code meta.pagination} of a list answer. Every component may be null when the server leaves it out.
 *
 * @param limit      the page size the server used
 * @param page       the 1-based page number
 * @param totalPages how many pages the server-side query has
 * @param total      how many leads the server-side query matches
 * @param hasMore    whether a following page exists
 */
public record OctanistPaginationDto(Integer limit, Long page, Integer totalPages, Long total, Boolean hasMore) {
}
