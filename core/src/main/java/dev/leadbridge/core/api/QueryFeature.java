package dev.leadbridge.core.api;

/** The parts of a {@code LeadQuery} a provider may run on its server; whatever it does not, Leadbridge runs on the client. */
public enum QueryFeature {
    /** Status filter. */ STATUS,
    /** Source filter. */ SOURCE,
    /** createdAt range. */ CREATED_AT,
    /** updatedAt range. */ UPDATED_AT,
    /** qualifiedAt range. */ QUALIFIED_AT,
    /** Value range. */ VALUE,
    /** Free-text search. */ SEARCH,
    /** Click id presence. */ CLICK_ID,
    /** UTM equality. */ UTM,
    /** Field projection. */ PROJECTION
}
