package dev.leadbridge.testkit.nexor;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A workflow a {@link NexorSimulator} knows: leads are enrolled in it through {@code workflow_id} on
 * create or {@code POST /leads/{id}/assign-workflow}, and move between its statuses.
 *
 * @param id       the workflow UUID
 * @param name     the display name, e.g. {@code Sales Pipeline}
 * @param goalType the goal, e.g. {@code appointment} (leads in appointment workflows get an assigned user)
 * @param paused   whether the workflow is paused (new runs wait; {@code assign-workflow} answers {@code paused:true})
 * @param steps    the cadence channels in order, e.g. {@code call}, {@code whatsapp}, {@code email}; not empty
 * @param statuses the statuses in order; the first is where new runs start; keys are unique
 */
public record NexorWorkflow(String id, String name, String goalType, boolean paused, List<String> steps,
                            List<NexorStatus> statuses) {

    /** Validates the fields and copies the lists. */
    public NexorWorkflow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(goalType, "goalType");
        steps = List.copyOf(steps);
        statuses = List.copyOf(statuses);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("workflow " + name + " needs at least one cadence step");
        }
        if (statuses.isEmpty()) {
            throw new IllegalArgumentException("workflow " + name + " needs at least one status");
        }
        Set<String> keys = new HashSet<>();
        for (NexorStatus status : statuses) {
            if (!keys.add(status.key())) {
                throw new IllegalArgumentException("workflow " + name + " has status key " + status.key() + " twice");
            }
        }
    }

    /** The status with this key, if the workflow has one. */
    public Optional<NexorStatus> status(String key) {
        return statuses.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /** The status new runs start in: the first one. */
    public NexorStatus initialStatus() {
        return statuses.get(0);
    }

    /** Whether the cadence has a call step, which makes {@code phone} required on create. */
    public boolean hasCallSteps() {
        return steps.contains("call");
    }
}
