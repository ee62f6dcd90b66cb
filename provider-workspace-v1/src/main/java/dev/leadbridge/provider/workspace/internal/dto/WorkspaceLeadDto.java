package dev.leadbridge.provider.workspace.internal.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A workspace-v1 lead as it travels on the wire, covering both known models: the documented one ({@code metadata},
 * {@code workspaceId}) and the newer one of the public client ({@code customFields}, {@code tags}, {@code company}
 * and further nullable fields). Every field may be missing; unknown fields are ignored here and kept in the lead's
 * {@code raw} JSON. Timestamps stay text so that the reader can convert any offset to UTC itself.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkspaceLeadDto(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("email") String email,
        @JsonProperty("phone") String phone,
        @JsonProperty("company") String company,
        @JsonProperty("source") String source,
        @JsonProperty("status") String status,
        @JsonProperty("metadata") JsonNode metadata,
        @JsonProperty("customFields") JsonNode customFields,
        @JsonProperty("notes") String notes,
        @JsonProperty("tags") List<String> tags,
        @JsonProperty("assignedAgentId") String assignedAgentId,
        @JsonProperty("createdAt") String createdAt,
        @JsonProperty("updatedAt") String updatedAt,
        @JsonProperty("workspaceId") String workspaceId,
        @JsonProperty("chatbotId") String chatbotId) {
}
