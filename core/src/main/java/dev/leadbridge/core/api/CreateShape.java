package dev.leadbridge.core.api;

import dev.leadbridge.core.NewLead;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * What one provider's create can hold, for tools that write leads read elsewhere ({@code leadbridge import} and
 * {@code copy}): {@link #fit} reduces a lead to the fields the provider stores on create, naming the ones it drops, and
 * {@link #refusal} says why the provider would refuse the lead before any request. Each provider module registers
 * its shape in {@code META-INF/services/dev.leadbridge.core.api.CreateShape}, next to its own create rules.
 * Implementations are stateless and thread-safe.
 */
public interface CreateShape {

    /** The provider id this shape describes, e.g. {@code nexor}. */
    String providerId();

    /**
     * The lead reduced to what this provider's create holds.
     *
     * @param lead    a lead with any canonical fields set (name and firstName/lastName may both be set)
     * @param dropped receives the canonical names of set fields the provider cannot hold (dotted for nested ones,
     *                e.g. {@code attribution.website})
     * @return the lead to send
     */
    NewLead fit(NewLead lead, Set<String> dropped);

    /** Why the provider refuses {@code lead} (a fitted one) before any request, e.g. a missing required field. */
    Optional<String> refusal(NewLead lead);

    /** The registered shape of {@code providerId}, when its module registers one. */
    static Optional<CreateShape> find(String providerId) {
        for (CreateShape shape : ServiceLoader.load(CreateShape.class, CreateShape.class.getClassLoader())) {
            if (shape.providerId().equals(providerId)) {
                return Optional.of(shape);
            }
        }
        return Optional.empty();
    }

    /** {@code first} and {@code last} joined with one space (the canonical full name), or null when both are. */
    static String joinNames(String first, String last) {
        if (first == null || first.isBlank()) {
            return last == null || last.isBlank() ? null : last.trim();
        }
        return last == null || last.isBlank() ? first.trim() : first.trim() + " " + last.trim();
    }

    /**
     * The one full name of a provider that stores a single name: {@code name}, else firstName and lastName joined;
     * firstName and lastName are named as dropped when they say something else than {@code name}.
     */
    static String singleName(NewLead lead, Set<String> dropped) {
        String joined = joinNames(lead.firstName(), lead.lastName());
        if (lead.name() == null) {
            return joined;
        }
        if (joined != null && !joined.equals(lead.name().trim())) {
            if (lead.firstName() != null) {
                dropped.add("firstName");
            }
            if (lead.lastName() != null) {
                dropped.add("lastName");
            }
        }
        return lead.name();
    }

    /** {@code value} when kept, else null after naming {@code field} as dropped (when set). */
    static <T> T drop(T value, String field, Set<String> dropped) {
        if (value != null) {
            dropped.add(field);
        }
        return null;
    }
}
