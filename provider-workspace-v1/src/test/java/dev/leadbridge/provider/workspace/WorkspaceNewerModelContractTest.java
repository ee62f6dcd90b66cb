package dev.leadbridge.provider.workspace;

import dev.leadbridge.core.contract.ContractFixture;

/**
 * The same contract and workspace checks against the simulator in the newer lead model: upper-case statuses
 * (QUALIFIED partly seeded as {@code NEGOTIATING}), {@code customFields} instead of {@code metadata}, cuid ids and
 * timestamps with offsets.
 */
class WorkspaceNewerModelContractTest extends WorkspaceContractTest {

    @Override
    protected ContractFixture createFixture() {
        return new WorkspaceContractFixture(true);
    }
}
