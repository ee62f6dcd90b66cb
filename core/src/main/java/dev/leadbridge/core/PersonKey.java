package dev.leadbridge.core;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Derives the cross-provider identity of a person: {@code personKey} is the first 32 hex digits of the SHA-256 of
 * {@code email:<trimmed lower-case email>}, or failing an email of {@code phone:<E.164 phone>}; null when neither
 * exists. The key is stable across runs, machines and providers. Also normalises phone numbers to E.164.
 */
public final class PersonKey {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private PersonKey() {
    }

    /**
     * The person key for an email and an E.164 phone, either of which may be null or blank.
     *
     * @return the key, or null when there is neither an email nor a phone
     */
    public static String of(String email, String phoneE164) {
        String normalizedEmail = normalizeEmail(email);
        if (normalizedEmail != null) {
            return hash("email:" + normalizedEmail);
        }
        if (phoneE164 != null && !phoneE164.isBlank()) {
            return hash("phone:" + phoneE164.trim());
        }
        return null;
    }

    /** The email trimmed and lower-cased, or null when blank. */
    public static String normalizeEmail(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        return email.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Normalises a phone number to E.164 with libphonenumber.
     *
     * @param phone         the number as given, may be null
     * @param defaultRegion ISO 3166 region used for numbers without a country code (e.g. {@code "NL"}), may be null
     * @return the E.164 form, or null when the number cannot be parsed or is not a possible number
     */
    public static String toE164(String phone, String defaultRegion) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        try {
            String region = defaultRegion == null ? "ZZ" : defaultRegion.toUpperCase(Locale.ROOT);
            String trimmed = phone.trim();
            String compact = compact(trimmed);
            if (compact != null && compact.charAt(0) != '+' && !PHONES.getSupportedRegions().contains(region)) {
                return null;  // what libphonenumber answers too (INVALID_COUNTRY_CODE), without building its exception
            }
            Phonenumber.PhoneNumber parsed = PHONES.parse(compact != null ? compact : trimmed, region);
            if (!PHONES.isPossibleNumber(parsed)) {
                return null;
            }
            return PHONES.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** One digest per thread: looking SHA-256 up in the security providers costs more than hashing an email. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    });
    private static final HexFormat HEX = HexFormat.of();

    /**
     * The number without its punctuation ({@code +} only in front, then digits) when it holds nothing but digits,
     * blanks and {@code + ( ) - . /}: libphonenumber discards those characters anyway, but its regular expressions
     * run much faster over the short form. Null for anything else (letters of an extension, {@code tel:} URIs, a
     * {@code +} further in, ...), which libphonenumber then reads as given.
     */
    static String compact(String phone) {
        StringBuilder out = new StringBuilder(phone.length());
        for (int i = 0; i < phone.length(); i++) {
            char c = phone.charAt(i);
            if (c >= '0' && c <= '9') {
                out.append(c);
            } else if (c == '+') {
                if (i != 0) {
                    return null;
                }
                out.append(c);
            } else if (c != ' ' && c != '(' && c != ')' && c != '-' && c != '.' && c != '/') {
                return null;
            }
        }
        return out.length() == 0 ? null : out.toString();
    }

    private static String hash(String text) {
        byte[] digest = SHA_256.get().digest(text.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(digest, 0, 16);
    }
}
