package dev.leadbridge.core.api;

/** The operations a {@link LeadProvider} may offer; {@link ProviderCapabilities#operations()} lists the ones it has. */
public enum Operation {
    /** Get one lead by native id. */ GET,
    /** List leads, page by page. */ LIST,
    /** Create one lead. */ CREATE,
    /** Create many leads in bulk requests. */ BULK_CREATE,
    /** Change fields of a lead. */ UPDATE,
    /** Change the status of a lead. */ CHANGE_STATUS,
    /** Delete a lead. */ DELETE
}
