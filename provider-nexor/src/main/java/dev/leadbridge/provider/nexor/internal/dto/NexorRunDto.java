package dev.leadbridge.provider.nexor.internal.dto;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A workflow run ({@code active_workflow_run} / {@code activeWorkflowRun} of a lead, or {@code workflow_run} of a
 * create answer): the parts the adapter reads; the rest stays in the lead's {@code raw}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NexorRunDto(
        String id,
        @JsonProperty("workflow_id") @JsonAlias("workflowId") String workflowId,
        JsonNode workflow,
        @JsonProperty("current_status") @JsonAlias("currentStatus") NexorStatusDto currentStatus) {
}
