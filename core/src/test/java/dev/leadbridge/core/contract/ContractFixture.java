package dev.leadbridge.core.contract;

import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.testkit.FaultInjector;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a provider module gives the contract suite: its provider connected to its simulator, and ways to seed the
 * simulator and inject faults. One fixture serves a whole test class.
 */
public interface ContractFixture extends AutoCloseable {

    /** The provider under test, connected to the simulator with a valid key. */
    LeadProvider provider();

    /** A provider connected to the same simulator with another API key. */
    LeadProvider providerWithApiKey(String apiKey);

    /** Replaces the simulator's leads by these; returns each seed's native id by seed name. */
    Map<String, String> seed(List<SeedLead> leads);

    /** The seed fields the provider stores. */
    Set<SeedField> storedFields();

    /** The simulator's fault injector. */
    FaultInjector faults();

    /** How many requests reached the simulator so far. */
    long requestCount();

    /** A well-formed id that no lead has. */
    String absentId();

    /** A lead this provider accepts for create, with name "Contract Created" and email "contract.created@example.com". */
    NewLead newLead();

    /** A status-changing update the provider supports (to {@code WON}, with whatever else it needs). */
    LeadUpdate wonUpdate();

    @Override
    void close();
}
