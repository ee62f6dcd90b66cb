package dev.leadbridge.provider.workspace.internal;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.Reference;
import dev.leadbridge.provider.workspace.internal.dto.WorkspaceLeadDto;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.mapstruct.BeanMapping;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.MappingTarget;
import org.mapstruct.ReportingPolicy;

/**
 * Copies the plain fields of a {@link WorkspaceLeadDto} onto a {@link Lead.Builder}: name, email, phone, company, source,
 * status (as {@code statusRaw}), notes, tags, the assigned agent and the two timestamps. What needs the
 * connection's settings (status category, custom data, attribution, identity, raw JSON) is set by
 * {@link WorkspaceLeadReader} afterwards.
 */
@Mapper(unmappedTargetPolicy = ReportingPolicy.IGNORE, unmappedSourcePolicy = ReportingPolicy.IGNORE)
interface WorkspaceLeadMapper {

    /** The generated implementation; stateless and thread-safe. */
    WorkspaceLeadMapper INSTANCE = new WorkspaceLeadMapperImpl();

    /**
     * Fills the builder from the wire lead.
     *
     * @throws DateTimeParseException when a timestamp is not ISO-8601
     */
    @BeanMapping(ignoreByDefault = true)
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
    void fill(WorkspaceLeadDto wire, @MappingTarget Lead.Builder lead);

    /** The assignee of the newer model: only its id is known ({@code assignedAgentId}); null when unassigned. */
    default Reference assignee(String assignedAgentId) {
        return assignedAgentId == null || assignedAgentId.isBlank() ? null : Reference.of(assignedAgentId, null);
    }

    /**
     * An ISO-8601 timestamp as a UTC instant: an offset is converted, a timestamp without an offset is read as UTC.
     *
     * @throws DateTimeParseException when the text is not ISO-8601
     */
    default Instant timestamp(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        try {
            return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            return LocalDateTime.parse(t, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
        }
    }
}
