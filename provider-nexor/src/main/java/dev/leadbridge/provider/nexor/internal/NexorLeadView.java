package dev.leadbridge.provider.nexor.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbridge.provider.nexor.internal.dto.NexorLeadDto;
import dev.leadbridge.provider.nexor.internal.dto.NexorRunDto;
import dev.leadbridge.provider.nexor.internal.dto.NexorStatusDto;

/**
 * One lead as an answer carries it: the lead object, the data the answer keeps beside it for this lead
 * ({@code variables} of the wrapped GET answer, {@code workflow_run} of a create answer), and the raw JSON kept on
 * the canonical lead.
 *
 * @param lead        the lead object
 * @param variables   the sibling {@code variables} object, or null
 * @param createdRun  the sibling {@code workflow_run} of a create answer, or null
 * @param raw         the lead's JSON as kept in {@code Lead.raw}
 */
record NexorLeadView(NexorLeadDto lead, JsonNode variables, NexorRunDto createdRun, JsonNode raw) {

    /** The workflow run the lead is in: its own active run, else the run a create answer reported. */
    NexorRunDto run() {
        return lead.activeWorkflowRun() != null ? lead.activeWorkflowRun() : createdRun;
    }

    /** The current workflow status: nested in the run (API tree) or top-level (guide tree). */
    NexorStatusDto currentStatus() {
        NexorRunDto run = run();
        if (run != null && run.currentStatus() != null) {
            return run.currentStatus();
        }
        return lead.currentStatus();
    }

    /** The conversation variables: beside the lead (wrapped answer) or inside it. */
    JsonNode variablesNode() {
        if (variables != null && !variables.isNull()) {
            return variables;
        }
        return lead.variables();
    }
}
