package dev.leadbridge.provider.nexor.internal.dto;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One Nexor lead object as either documented {@code GET /leads/{id}} shape gives it (the API tree's snake_case
 * {@code active_workflow_run} with nested {@code workflow} and {@code current_status}, or the guide tree's camelCase
 * {@code activeWorkflowRun} with top-level {@code workflow}, {@code currentStatus} and {@code assigned_user}).
 * Unknown fields are ignored here and kept in the lead's {@code raw}; free-form parts stay JSON trees.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NexorLeadDto(
        String id,
        @JsonProperty("first_name") @JsonAlias("firstName") String firstName,
        @JsonProperty("last_name") @JsonAlias("lastName") String lastName,
        String email,
        String phone,
        String source,
        String company,
        String title,
        JsonNode metadata,
        JsonNode tags,
        JsonNode variables,
        JsonNode campaign,
        @JsonProperty("campaign_id") @JsonAlias("campaignId") String campaignId,
        @JsonProperty("active_workflow_run") @JsonAlias("activeWorkflowRun") NexorRunDto activeWorkflowRun,
        JsonNode workflow,
        @JsonProperty("current_status") @JsonAlias("currentStatus") NexorStatusDto currentStatus,
        @JsonProperty("assigned_user") @JsonAlias("assignedUser") JsonNode assignedUser,
        @JsonProperty("created_at") @JsonAlias("createdAt") String createdAt,
        @JsonProperty("updated_at") @JsonAlias("updatedAt") String updatedAt) {
}
