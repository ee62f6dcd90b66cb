package dev.leadbridge.testkit.nexor;

import java.time.Instant;

/**
 * One enrolment or reassignment made by {@code POST /leads/{id}/assign-workflow}.
 *
 * @param leadId         the lead UUID
 * @param movementType   {@code enrollment} or {@code reassignment}
 * @param fromRunId      the run deactivated by a reassignment, or null for an enrolment
 * @param fromWorkflowId the workflow of that run, or null
 * @param toRunId        the new run
 * @param toWorkflowId   the new run's workflow
 * @param reason         the {@code reason} sent (stored on the deactivated run), or null
 * @param actorId        the {@code actorId} sent, or null
 * @param movedAt        when, by the simulator's clock
 */
public record NexorWorkflowMovement(String leadId, String movementType, String fromRunId, String fromWorkflowId,
                                    String toRunId, String toWorkflowId, String reason, String actorId,
                                    Instant movedAt) {
}
