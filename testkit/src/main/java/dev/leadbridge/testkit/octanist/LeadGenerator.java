package dev.leadbridge.testkit.octanist;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generates realistic, deterministic Octanist leads: the same random seed and clock instant give the same
 * leads. Names include accents, apostrophes, non-Latin scripts and very long ones; emails vary in case and
 * some carry surrounding whitespace; phones come in national and international formats; attribution follows
 * the lead's source.
 */
final class LeadGenerator {

    /** How long after creation a lead expires (undocumented; the 90-day click-conversion window is assumed). */
    static final Duration EXPIRY = Duration.ofDays(90);

    private static final List<String> FIRST = List.of("Emma", "Liam", "Sophie", "Noah", "Julia", "Daan", "Anna",
            "Lucas", "Mila", "Sem", "Olivia", "James", "Charlotte", "Mohammed", "Fatima", "Hiroshi", "Priya", "Lars",
            "Ingrid", "Mateo", "Chloé", "Björn", "Aisha", "Tomás", "Grace", "Ruben", "Yara", "Oliver");
    private static final List<String> LAST = List.of("de Vries", "Jansen", "Bakker", "Smith", "Johnson", "Müller",
            "Schmidt", "Dubois", "Rossi", "García", "Kowalski", "Nguyen", "Patel", "Andersson", "Hansen",
            "van den Berg", "El Amrani", "Okafor", "Tanaka", "Visser", "Peeters", "Brown");
    private static final List<String> AWKWARD = List.of("José Müller", "Siobhán O'Brien", "D'Angelo Russo",
            "Zoë van der Berg-Lindqvist", "Łukasz Wąsowski", "Ngozi Okonkwo-Adeyemi", "李小龍", "Renée Østergård",
            "Maximiliano Alejandro de la Santísima Trinidad Fernández-Villalobos y Montenegro del Valle",
            "Mary-Kate O'Neill-Fitzgerald", "ÅSA LINDSTRÖM", "jan de boer", "Đorđe Petrović", "Nguyễn Thị Minh Khai");
    private static final List<String> ROMANISED = List.of("xiaolong.li", "info", "contact");
    private static final List<String> MAIL_DOMAINS = List.of("gmail.com", "outlook.com", "hotmail.nl", "yahoo.com",
            "web.de", "icloud.com", "acme-solar.nl", "bedrijf.nl", "example.co.uk", "kpn-mail.nl");
    private static final List<String> WEBSITES = List.of("https://acme-solar.nl", "https://www.warmtepomp-direct.nl",
            "https://shop.example.com", "https://dakkapel-expert.be", "https://www.example.co.uk");
    private static final List<String> PATHS = List.of("/contact", "/offerte", "/demo", "/pricing",
            "/contact?ref=footer", "/landing/spring-sale", "/nl/aanvragen", "/");
    private static final List<String> CONVERSIONS = List.of("Contact form", "Quote request", "Demo request",
            "Callback request", "Newsletter signup");
    private static final List<String> LABELS = List.of("label_hot4x9k2", "label_b2b7qm1a", "label_vip3z8r0",
            "label_retarget");
    private static final List<String> CONVERSION_EVENTS = List.of("conv_123", "conv_lead_form", "conv_8k2m1q",
            "conv_offline_sale");
    private static final List<String> CAMPAIGNS = List.of("brand_search_nl", "spring_sale_2025", "retargeting_q3",
            "generic_solar_panels", "black_friday_2025", "warmtepomp_subsidie");
    private static final List<String> ADS_CAMPAIGN_NAMES = List.of("Brand - NL - Search", "Generic - Solar - Exact",
            "PMax - All products", "Competitors - BE");
    private static final List<String> ADS_GROUP_NAMES = List.of("Zonnepanelen kopen", "Brand terms",
            "Warmtepomp prijs", "Offerte aanvragen");
    private static final List<String> NOTES = List.of("Wants a callback on Monday", "Asked for pricing of the premium plan",
            "Via beurs Utrecht", "Spoke to reception, call back after 14:00",
            "Line one of the note\nline two: roof faces south", "Very interested 👍",
            "Said \"maybe next quarter\"", "Existing customer, second house");
    private static final List<String> CUSTOM_JSON = List.of(
            "{\"company\":\"Acme Inc\",\"employees\":40}",
            "{\"company\":\"Bakkerij de Gouden Korenaar B.V.\",\"employees\":7,\"vat\":\"NL001234567B01\"}",
            "{\"budget\":\"5k-10k\",\"timeline\":\"Q3\"}",
            "{\"interests\":[\"solar\",\"battery\"],\"newsletter\":true}",
            "{\"roofType\":\"flat\",\"surface_m2\":82.5,\"notes\":null}",
            "{}",
            "[\"solar\",\"heat-pump\"]");
    private static final List<String> CUSTOM_TEXT = List.of("call after 5pm", "Referred by Jan",
            "company: Acme; size: 10-50", "{not really json");
    private static final List<String> LOSS_REASONS = List.of("Too expensive", "Chose a competitor", "No response",
            "Not a fit", "Budget frozen until next year");
    private static final List<String> CURRENCIES = List.of("USD", "USD", "USD", "EUR", "EUR", "GBP");

    private final Random random;
    private final Instant now;

    LeadGenerator(long randomSeed, Instant now) {
        this.random = new Random(randomSeed);
        this.now = now.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The next lead, in the current shape, or in the legacy shape when {@code legacy}. */
    ObjectNode next(boolean legacy) {
        ObjectNode lead = LeadShapes.blankCurrent();
        lead.put("id", LeadShapes.newId(random));

        String name = name();
        putText(lead, "name", name);
        putText(lead, "email", chance(12) ? null : email(name));
        putText(lead, "phone", chance(15) ? null : phone());
        if (lead.get("name").isNull() && lead.get("email").isNull() && lead.get("phone").isNull()) {
            lead.put("name", pick(FIRST) + " " + pick(LAST));
        }

        String status = weighted(new String[] {"open", "qualified", "won", "lost"}, new int[] {45, 22, 18, 15});
        String source = weighted(new String[] {"inbound", "gtm", "wordpress", "api", "manual", "import"},
                new int[] {30, 20, 15, 15, 10, 10});
        lead.put("status", status);
        lead.put("source", source);
        putValue(lead, status);
        putText(lead, "note", chance(35) ? pick(NOTES) : null);
        putText(lead, "custom", custom());
        if (status.equals("lost") && chance(70)) {
            lead.put("lossReason", pick(LOSS_REASONS));
        }

        Instant created = putTimestamps(lead, status);
        boolean web = switch (source) {
            case "inbound", "gtm", "wordpress" -> true;
            case "api" -> chance(60);
            default -> false;
        };
        if (web) {
            putAttribution(lead, created);
        } else if (!source.equals("import") && chance(50)) {
            lead.put("conversionName", pick(CONVERSIONS));
        }
        if (chance(40)) {
            lead.put("labelId", pick(LABELS));
        }

        String currency = pick(CURRENCIES);
        if (!legacy) {
            return lead;
        }
        ObjectNode old = LeadShapes.toLegacy(lead, currency);
        if (status.equals("qualified")) {
            old.put("status", "open"); // the legacy list knows open, win and lost; qualifiedAt stays set
        }
        return old;
    }

    private String name() {
        int roll = random.nextInt(100);
        if (roll < 12) {
            return pick(AWKWARD);
        }
        if (roll < 17) {
            return null;
        }
        return pick(FIRST) + " " + pick(LAST);
    }

    private String email(String name) {
        String local;
        if (name == null) {
            local = pick(ROMANISED) + random.nextInt(1000);
        } else {
            local = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
                    .replace("Ł", "L").replace("ł", "l").replace("Ø", "O").replace("ø", "o").replace("Đ", "D")
                    .replace("đ", "d").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", ".")
                    .replaceAll("^\\.+|\\.+$", "");
            if (local.isEmpty()) {
                local = pick(ROMANISED);
            }
            if (local.length() > 40) {
                local = local.substring(0, 40).replaceAll("\\.+$", "");
            }
        }
        String email = local + "@" + pick(MAIL_DOMAINS);
        int roll = random.nextInt(100);
        if (roll < 8) {
            email = mixedCase(local) + "@" + email.substring(email.indexOf('@') + 1).toUpperCase(Locale.ROOT);
        } else if (roll < 13) {
            email = (random.nextBoolean() ? "  " : " ") + email + (random.nextBoolean() ? " " : "\t");
        }
        return email;
    }

    private static String mixedCase(String local) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (char c : local.toCharArray()) {
            out.append(upper ? Character.toUpperCase(c) : c);
            upper = c == '.';
        }
        return out.toString();
    }

    private String phone() {
        return switch (random.nextInt(12)) {
            case 0 -> "+31 6 " + digits(8);
            case 1 -> "+316" + digits(8);
            case 2 -> "06-" + digits(8);
            case 3 -> "06 " + digits(4) + " " + digits(4);
            case 4 -> "020 " + digits(3) + " " + digits(4);
            case 5 -> "(555) 01" + digits(1) + "-" + digits(4);
            case 6 -> "+1 555-01" + digits(1) + "-" + digits(4);
            case 7 -> "+44 7700 900" + digits(3);
            case 8 -> "07700 900" + digits(3);
            case 9 -> "+49 (0)30 " + digits(7);
            case 10 -> "0049 30 " + digits(7);
            default -> "+32 470 " + digits(2) + " " + digits(2) + " " + digits(2);
        };
    }

    private void putValue(ObjectNode lead, String status) {
        boolean has = switch (status) {
            case "won" -> true;
            case "qualified" -> chance(60);
            case "lost" -> chance(20);
            default -> chance(5);
        };
        if (!has) {
            return;
        }
        int euros = 250 + random.nextInt(24_750);
        if (chance(25)) {
            lead.put("value", euros + random.nextInt(100) / 100.0);
        } else {
            lead.put("value", (euros / 50) * 50);
        }
    }

    private String custom() {
        int roll = random.nextInt(100);
        if (roll < 45) {
            return pick(CUSTOM_JSON);
        }
        if (roll < 55) {
            return pick(CUSTOM_TEXT);
        }
        return null;
    }

    private void putAttribution(ObjectNode lead, Instant created) {
        lead.put("website", pick(WEBSITES));
        lead.put("path", pick(PATHS));
        lead.put("conversionName", pick(CONVERSIONS));
        long clickMillis = created.toEpochMilli() - random.nextInt(7 * 24 * 3600 * 1000);
        if (chance(70)) {
            long client = 1_000_000_000L + random.nextInt(1_000_000_000);
            long sessionSeconds = clickMillis / 1000;
            lead.put("ga4cid", client + "." + (sessionSeconds - random.nextInt(5_000_000)));
            lead.put("ga4sid", String.valueOf(sessionSeconds));
        }
        if (chance(50)) {
            lead.put("fbp", "fb.1." + clickMillis + "." + (1_000_000_000L + random.nextInt(1_000_000_000)));
        }
        switch (random.nextInt(12)) {
            case 0, 1, 2, 3 -> {
                int kind = random.nextInt(10);
                if (kind < 7) {
                    lead.put("gclid", "Cj0KCQiA" + token(64, true) + "_BwE");
                } else if (kind < 8) {
                    lead.put("wbraid", "CkQKCQiA" + token(40, true));
                } else if (kind < 9) {
                    lead.put("gbraid", "0AAAAAD" + token(28, true));
                } else {
                    lead.put("dclid", "CJ" + token(30, true));
                }
                utm(lead, "google", "cpc");
                lead.put("googleAdsCampaignId", String.valueOf(10_000_000_000L + random.nextInt(900_000_000)));
                lead.put("googleAdsCampaignName", pick(ADS_CAMPAIGN_NAMES));
                if (chance(80)) {
                    lead.put("googleAdsAdGroupId", String.valueOf(100_000_000_000L + random.nextInt(900_000_000)));
                    lead.put("googleAdsAdGroupName", pick(ADS_GROUP_NAMES));
                    lead.put("googleAdsAdId", String.valueOf(600_000_000_000L + random.nextInt(900_000_000)));
                }
                if (chance(60)) {
                    lead.put("selectedConversionEventId", pick(CONVERSION_EVENTS));
                }
            }
            case 4, 5 -> {
                lead.put("fbc", "fb.1." + clickMillis + ".IwAR" + token(50, true));
                if (lead.get("fbp").isNull()) {
                    lead.put("fbp", "fb.1." + clickMillis + "." + (1_000_000_000L + random.nextInt(1_000_000_000)));
                }
                utm(lead, random.nextBoolean() ? "facebook" : "instagram", "paid_social");
            }
            case 6 -> {
                lead.put("msclkid", hex(32));
                utm(lead, "bing", "cpc");
            }
            case 7 -> {
                lead.put("ttclid", "E.C.P." + token(60, true));
                utm(lead, "tiktok", "paid_social");
            }
            case 8 -> {
                lead.put("li_fat_id", uuid());
                utm(lead, "linkedin", "paid_social");
            }
            case 9 -> {
                switch (random.nextInt(4)) {
                    case 0 -> lead.put("twclid", token(25, false).toLowerCase(Locale.ROOT));
                    case 1 -> lead.put("rdt_cid", digits(19));
                    case 2 -> lead.put("sccid", uuid());
                    default -> lead.put("epik", "dj0yJnU9" + token(40, true));
                }
                utm(lead, "social", "paid_social");
            }
            case 10 -> utm(lead, "newsletter", "email");
            default -> {
                // organic or direct: no click id, no UTM
            }
        }
        boolean consentGiven = chance(85);
        if (chance(90)) {
            lead.put("ad_storage", consentGiven);
            lead.put("ad_user_data", consentGiven);
            lead.put("analytics_storage", consentGiven || chance(50));
            lead.put("ad_personalization", consentGiven && chance(80));
        }
    }

    private void utm(ObjectNode lead, String source, String medium) {
        if (chance(85)) {
            lead.put("utm_source", source);
            lead.put("utm_medium", medium);
            lead.put("utm_campaign", pick(CAMPAIGNS));
        }
    }

    private Instant putTimestamps(ObjectNode lead, String status) {
        long twoYears = Duration.ofDays(730).toMillis();
        Instant created = now.minusMillis((long) (random.nextDouble() * twoYears));
        long elapsed = Duration.between(created, now).toMillis();
        long updateSpan = Math.min(elapsed, Duration.ofDays(45).toMillis());
        Instant updated = status.equals("open") && chance(60) ? created
                : created.plusMillis((long) (random.nextDouble() * updateSpan));
        Instant qualified = null;
        if (status.equals("qualified") || status.equals("won") || (status.equals("lost") && chance(30))) {
            qualified = created.plusMillis((long) (random.nextDouble() * Duration.between(created, updated).toMillis()));
        }
        lead.put("createdAt", Timestamps.format(created, false));
        lead.put("updatedAt", Timestamps.format(updated, false));
        putText(lead, "qualifiedAt", qualified == null ? null : Timestamps.format(qualified, false));
        lead.put("expiresAt", Timestamps.format(created.plus(EXPIRY), false));
        return created;
    }

    private static void putText(ObjectNode lead, String field, String value) {
        if (value == null) {
            lead.putNull(field);
        } else {
            lead.put(field, value);
        }
    }

    private String uuid() {
        return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
    }

    private String digits(int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append((char) ('0' + random.nextInt(10)));
        }
        return out.toString();
    }

    private String hex(int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(Character.forDigit(random.nextInt(16), 16));
        }
        return out.toString();
    }

    private String token(int length, boolean urlSafe) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789" + (urlSafe ? "-_" : "");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private String weighted(String[] values, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int roll = random.nextInt(total);
        for (int i = 0; i < values.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }
}
