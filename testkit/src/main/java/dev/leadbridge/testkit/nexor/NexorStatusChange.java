package dev.leadbridge.testkit.nexor;

import java.time.Instant;

/**
 * One entry of a lead's status history, written by {@code POST /leads/{id}/status} when the status changed.
 *
 * @param leadId         the lead UUID
 * @param workflowRunId  the run whose status changed
 * @param workflowId     the run's workflow
 * @param previousStatus the key before, or null when the run had no status
 * @param newStatus      the key after
 * @param reason         the {@code reason} sent, or null
 * @param changedAt      when, by the simulator's clock
 */
public record NexorStatusChange(String leadId, String workflowRunId, String workflowId, String previousStatus,
                                String newStatus, String reason, Instant changedAt) {
}
