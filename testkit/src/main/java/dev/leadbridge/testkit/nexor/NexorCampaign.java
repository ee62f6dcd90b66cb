package dev.leadbridge.testkit.nexor;

import java.util.Objects;

/**
 * A campaign a {@link NexorSimulator} knows; leads reference it through {@code campaign_id}.
 *
 * @param id   the campaign UUID
 * @param name the display name, e.g. {@code Q1 Campaign}
 */
public record NexorCampaign(String id, String name) {

    /** Validates that both fields are present. */
    public NexorCampaign {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
