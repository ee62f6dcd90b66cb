package dev.leadbridge.core;

/**
 * The consent signals recorded with a lead (Google consent mode names); each is true, false or null when unknown.
 *
 * @param adStorage          consent to ad storage
 * @param adUserData         consent to sending user data for ads
 * @param adPersonalization  consent to ad personalisation
 * @param analyticsStorage   consent to analytics storage
 */
public record Consent(Boolean adStorage, Boolean adUserData, Boolean adPersonalization, Boolean analyticsStorage) {

    /** The value with every signal unknown. */
    public static final Consent UNKNOWN = new Consent(null, null, null, null);
}
