package dev.leadbridge.core.contract;

/** The seed fields a provider may or may not be able to store; cases needing a field a provider lacks are skipped. */
public enum SeedField {
    /** Seed value. */ VALUE,
    /** Seed qualifiedAt. */ QUALIFIED_AT,
    /** Seed gclid. */ GCLID,
    /** Seed UTM values. */ UTM,
    /** Seed source. */ SOURCE,
    /** Seed updatedAt. */ UPDATED_AT
}
