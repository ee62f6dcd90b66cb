package dev.leadbridge.testkit.workspace;

/**
 * What the {@link WorkspaceSimulator}'s listing does with the undocumented {@code sortBy}/{@code sortOrder}
 * parameters (seen honoured by the newer API through the public client, absent from the docs).
 */
public enum SortParameters {
    /** Sorts as asked (validating the values). */
    HONOURED,
    /** Ignores them: the documented order, createdAt descending, whatever is asked. */
    IGNORED,
    /** Honours them on page 1 only and ignores them on every other page: a server that lies about its order. */
    FIRST_PAGE_ONLY
}
