package dev.leadbridge.provider.workspace.internal;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.Reference;
import dev.leadbridge.core.canonical.Instants;
import dev.leadbridge.provider.workspace.internal.dto.WorkspaceLeadDto;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.MappingTarget;
import org.mapstruct.ReportingPolicy;

/**
 * Copies the plain fields of a {@link WorkspaceLeadDto} onto a {@link Lead.Builder}: name, email, phone, company, source,
 * status (as {@code statusRaw}), notes, tags, the assigned agent and the two timestamps. What needs the
 * connection's settings (status category, custom data, attribution, identity, raw JSON) is set by
 * {@link WorkspaceLeadReader} afterwards. Every target is mapped or ignored on purpose (the mapper style of every
 * provider, see docs/ARCHITECTURE.md).
 */
@Mapper(unmappedTargetPolicy = ReportingPolicy.ERROR, unmappedSourcePolicy = ReportingPolicy.IGNORE)
abstract class WorkspaceLeadMapper {

    /** The generated implementation; stateless and thread-safe. */
    static final WorkspaceLeadMapper INSTANCE = new WorkspaceLeadMapperImpl();

    /**
     * Fills the builder from the wire lead.
     *
     * @throws DateTimeParseException when a timestamp is not ISO-8601
     */
    @Mapping(target = "nativeId", source = "id")
    @Mapping(target = "name", source = "name")
    @Mapping(target = "email", source = "email")
    @Mapping(target = "phone", source = "phone")
    @Mapping(target = "company", source = "company")
    @Mapping(target = "source", source = "source")
    @Mapping(target = "statusRaw", source = "status")
    @Mapping(target = "note", source = "notes")
    @Mapping(target = "labels", source = "tags")
    @Mapping(target = "assignee", source = "assignedAgentId")
    @Mapping(target = "createdAt", source = "createdAt")
    @Mapping(target = "updatedAt", source = "updatedAt")
    // set by WorkspaceLeadReader: they need the connection's settings or the raw JSON
    @Mapping(target = "status", ignore = true)
    @Mapping(target = "custom", ignore = true)
    @Mapping(target = "attribution", ignore = true)
    @Mapping(target = "raw", ignore = true)
    // identity and derived values: set by the reader or by Lead.Builder
    @Mapping(target = "id", ignore = true)
    @Mapping(target = "connection", ignore = true)
    @Mapping(target = "provider", ignore = true)
    @Mapping(target = "personKey", ignore = true)
    @Mapping(target = "phoneE164", ignore = true)
    @Mapping(target = "defaultRegion", ignore = true)
    // workspace-v1 has no such fields
    @Mapping(target = "firstName", ignore = true)
    @Mapping(target = "lastName", ignore = true)
    @Mapping(target = "title", ignore = true)
    @Mapping(target = "consent", ignore = true)
    @Mapping(target = "campaign", ignore = true)
    @Mapping(target = "workflow", ignore = true)
    @Mapping(target = "value", ignore = true)
    @Mapping(target = "lossReason", ignore = true)
    @Mapping(target = "conversionName", ignore = true)
    @Mapping(target = "qualifiedAt", ignore = true)
    @Mapping(target = "expiresAt", ignore = true)
    abstract void fill(WorkspaceLeadDto wire, @MappingTarget Lead.Builder lead);

    /** The assignee of the newer model: only its id is known ({@code assignedAgentId}); null when unassigned. */
    Reference assignee(String assignedAgentId) {
        return assignedAgentId == null || assignedAgentId.isBlank() ? null : Reference.of(assignedAgentId, null);
    }

    /**
     * An ISO-8601 timestamp as a UTC instant (core's canonical rule): an offset is converted, a timestamp without an
     * offset is read as UTC.
     *
     * @throws DateTimeParseException when the text is not ISO-8601
     */
    Instant timestamp(String text) {
        return Instants.parse(text);
    }
}
