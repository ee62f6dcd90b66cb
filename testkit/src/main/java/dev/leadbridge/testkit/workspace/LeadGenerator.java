package dev.leadbridge.testkit.workspace;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * Generates realistic, deterministic seed leads for one model: varied and awkward names, emails in mixed
 * case or padded with whitespace on a few, phones in many national and international formats, some
 * missing or null fields, createdAt spread over the two years before the clock's now (a few sharing
 * the same instant), and metadata with UTM keys, company, score, arrays and nested objects.
 */
final class LeadGenerator {

    /** One generated lead and the chatbot it belongs to. */
    record Generated(ObjectNode lead, String chatbotId) { }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final String[] FIRST = {
        "James", "Maria", "José", "Zoë", "Siobhán", "Łukasz", "Chloé", "Mohammed", "Aiko", "Wei", "Priya",
        "Olumide", "Björn", "François", "Ana-Lucía", "Seán", "Mary-Jane", "Dmitri", "Fatima", "Lars", "Emily",
        "Noah", "Sofia", "Liam", "Isabella", "Hiroshi", "Anaïs", "Jürgen", "Søren", "Grace", "Kwame", "Elif"};
    private static final String[] LAST = {
        "Smith", "Müller", "O'Brien", "García", "Ångström", "Kowalski", "D'Angelo", "Nakamura", "Chen", "Patel",
        "Adeyemi", "Johansson", "Lefèvre", "van der Berg", "Ó Súilleabháin", "MacDonald", "Petrov", "Al-Fayed",
        "Nielsen", "Brown", "Żółkiewski", "da Silva", "Schröder", "O'Neill", "Williams", "Kim", "Martínez",
        "Dubois", "Rossi", "Yılmaz", "Nguyễn", "Okafor"};
    private static final String[] SPECIAL_NAMES = {
        "José Müller", "Siobhán O'Brien", "李小龙", "Мария Иванова", "Nguyễn Văn An",
        "Maria Fernanda de los Ángeles Gutiérrez-Villalobos y Santa Cruz de la Torre Montenegro Albuquerque",
        "Jean-Luc Picard-O'Connor III", "Renée D'Arcy-Łęcka", "محمد الأحمد", "Åsa Öberg-Ütz"};
    private static final String[] DOMAINS = {
        "example.com", "gmail.com", "outlook.com", "acme-corp.io", "mail.example.org", "techcorp.co.uk",
        "yahoo.fr", "gmx.de", "proton.me", "startup.dev"};
    private static final String[] PHONE_FORMATS = {
        "+1-555-###-####", "(555) ###-####", "555.###.####", "+1 555 ### #### ext. ##", "+44 20 #### ####",
        "020 #### ####", "07700 ######", "+49 30 #######", "0049 (0)30 ########", "+33 1 ## ## ## ##",
        "+61 2 #### ####", "+81-3-####-####", "+91 ##### #####", "+55 11 9####-####", "+353 1 ### ####",
        "(+34) 91 ### ## ##", "+15555######"};
    private static final String[] SOURCES = {
        "website", "referral", "webinar", "api", "chatbot", "linkedin", "google_ads", "facebook", "trade_show",
        "email_campaign"};
    private static final String[] COMPANIES = {
        "Tech Corp", "Acme GmbH", "Müller & Söhne KG", "O'Reilly Media", "北京科技有限公司", "Initech",
        "Globex S.A.", "Umbrella Ltd.", "Stark Industries", "Société Générale de Logiciels"};
    private static final String[] UTM_SOURCES = {"google", "facebook", "linkedin", "newsletter", "bing"};
    private static final String[] UTM_MEDIUMS = {"cpc", "social", "email", "organic", "display"};
    private static final String[] UTM_CAMPAIGNS = {
        "spring_sale_2025", "brand_awareness", "webinar_q3", "retargeting", "black_friday"};
    private static final String[] INTERESTS = {"pricing", "enterprise", "api", "integrations", "support", "demo"};
    private static final String[] CITIES = {"München|DE|80331", "Kraków|PL|30-001", "São Paulo|BR|01000-000",
        "Dublin|IE|D02", "New York|US|10001", "Zürich|CH|8001"};
    private static final String[] MESSAGES = {
        "Hi, I'd like a demo of your enterprise plan.", "Can you send pricing for 50 seats?",
        "Necesito información sobre precios 🙂", "Hello,\nPlease call me back after 5pm.\nThanks",
        "Interested in the \"Pro\" tier — is there an annual discount?"};
    private static final String[] NOTES = {
        "Called twice, no answer.", "Wants a follow-up after the budget meeting.", "VIP — handle personally.",
        "Asked about GDPR & data residency."};
    private static final String[] TAGS = {"vip", "demo", "enterprise", "newsletter", "follow-up", "cold"};
    private static final String[] PREFERRED = {"email", "phone", "discord"};
    private static final String[] URGENCY = {"low", "medium", "high"};

    private final Random random;
    private final Instant now;
    private final LeadModel model;
    private final List<Map.Entry<String, String>> chatbots;
    private final String workspaceId;
    private final Function<Instant, String> format;
    private final Set<String> usedEmails = new HashSet<>();

    LeadGenerator(long seed, Instant now, LeadModel model, Map<String, String> chatbots, String workspaceId,
                  Function<Instant, String> format) {
        this.random = new Random(seed);
        this.now = now.truncatedTo(ChronoUnit.MILLIS);
        this.model = model;
        this.chatbots = new ArrayList<>(chatbots.entrySet());
        this.workspaceId = workspaceId;
        this.format = format;
    }

    /** Generates {@code count} leads; ids are unique and not in {@code takenIds}, which receives them. */
    List<Generated> generate(int count, Set<String> takenIds) {
        List<Generated> out = new ArrayList<>(count);
        Instant previous = null;
        for (int i = 0; i < count; i++) {
            Instant created = previous != null && random.nextInt(20) == 0
                    ? previous
                    : now.minusMillis((long) (random.nextDouble() * Duration.ofDays(730).toMillis()));
            previous = created;
            out.add(one(i, created, takenIds));
        }
        return out;
    }

    private Generated one(int index, Instant created, Set<String> takenIds) {
        String id = model.newId(random, created, takenIds::contains);
        takenIds.add(id);
        Map.Entry<String, String> chatbot = chatbots.get(random.nextInt(chatbots.size()));
        ObjectNode lead = model.skeleton(id, chatbot.getKey(), chatbot.getValue(), workspaceId, format.apply(created));

        String name = name();
        lead.put("name", name);
        int emailRoll = random.nextInt(50);
        if (emailRoll == 0) {
            lead.remove("email");
        } else if (emailRoll <= 2) {
            lead.putNull("email");
        } else {
            lead.put("email", email(name, index));
        }
        int phoneRoll = random.nextInt(100);
        if (phoneRoll < 3) {
            lead.remove("phone");
        } else if (phoneRoll < 15) {
            lead.putNull("phone");
        } else {
            lead.put("phone", phone());
        }
        if (random.nextInt(12) != 0) {
            String source = SOURCES[random.nextInt(SOURCES.length)];
            lead.put("source", model == LeadModel.NEWER && random.nextInt(3) == 0 ? "api" : source);
        }
        String status = model.statuses().get(random.nextInt(model.statuses().size()));
        lead.put("status", status);
        int dataRoll = random.nextInt(10);
        if (dataRoll == 0) {
            lead.putNull(model.customDataField());
        } else if (dataRoll > 1) {
            lead.set(model.customDataField(), metadata(created));
        }
        Instant updated = random.nextInt(5) < 2 ? created : between(created, now);
        lead.put("updatedAt", format.apply(updated));
        if (model == LeadModel.NEWER) {
            newerFields(lead, created, status);
        }
        return new Generated(lead, chatbot.getKey());
    }

    private void newerFields(ObjectNode lead, Instant created, String status) {
        if (random.nextInt(5) < 3) {
            lead.put("conversationId", LeadModel.cuid(random, created));
        }
        if (random.nextBoolean()) {
            lead.put("company", pick(COMPANIES));
        }
        if (random.nextBoolean()) {
            lead.put("message", pick(MESSAGES));
        }
        int priority = random.nextInt(10);
        lead.put("priority", LeadModel.PRIORITIES.get(priority < 2 ? 0 : priority < 6 ? 1 : priority < 9 ? 2 : 3));
        if (random.nextInt(10) < 3) {
            lead.put("assignedAgentId", LeadModel.cuid(random, created));
        }
        if (random.nextInt(5) == 0) {
            lead.put("notes", pick(NOTES));
        }
        ArrayNode tags = lead.putArray("tags");
        int tagCount = random.nextInt(4);
        for (int i = 0; i < tagCount; i++) {
            String tag = pick(TAGS);
            if (!tags.toString().contains("\"" + tag + "\"")) {
                tags.add(tag);
            }
        }
        if (random.nextInt(5) == 0) {
            lead.put("followUpDate", format.apply(now.plus(Duration.ofHours(1 + random.nextInt(24 * 30)))
                    .truncatedTo(ChronoUnit.HOURS)));
        }
        if (random.nextInt(5) < 2) {
            lead.put("lastContactAt", format.apply(between(created, now)));
        }
        if (status.equals("CONVERTED")) {
            lead.put("convertedAt", format.apply(between(created, now)));
        }
        if (random.nextInt(10) == 0) {
            lead.put("discord", random.nextBoolean() ? "pixel_fan#" + (1000 + random.nextInt(9000)) : "ana.lucia");
        }
        if (random.nextInt(4) != 0) {
            lead.put("preferredMethod", pick(PREFERRED));
        }
        if (random.nextInt(3) != 0) {
            lead.put("urgency", pick(URGENCY));
        }
    }

    private ObjectNode metadata(Instant created) {
        ObjectNode meta = NODES.objectNode();
        if (random.nextInt(10) < 4) {
            meta.put("utm_source", pick(UTM_SOURCES));
            meta.put("utm_medium", pick(UTM_MEDIUMS));
            meta.put("utm_campaign", pick(UTM_CAMPAIGNS));
            if (random.nextInt(3) == 0) {
                meta.put("utm_term", "lead management software");
            }
            if (random.nextInt(4) == 0) {
                meta.put("utm_content", "banner_v2");
            }
        }
        if (random.nextBoolean()) {
            meta.put("company", pick(COMPANIES));
        }
        if (random.nextBoolean()) {
            meta.put("score", random.nextInt(101));
        }
        if (random.nextInt(10) < 3) {
            ArrayNode interests = meta.putArray("interests");
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                interests.add(pick(INTERESTS));
            }
        }
        if (random.nextInt(5) == 0) {
            String[] city = pick(CITIES).split("\\|");
            ObjectNode address = meta.putObject("address");
            address.put("city", city[0]);
            address.put("country", city[1]);
            address.put("postalCode", city[2]);
        }
        if (random.nextInt(5) == 0) {
            ObjectNode form = meta.putObject("form");
            form.put("id", "form_" + pick(INTERESTS));
            form.put("page", "/" + pick(INTERESTS));
            form.put("submittedAt", format.apply(created));
        }
        if (random.nextInt(7) == 0) {
            meta.put("budget", 500 + random.nextInt(50_000) + 0.5);
        }
        if (random.nextInt(5) == 0) {
            meta.put("newsletter", random.nextBoolean());
        }
        if (random.nextInt(20) == 0) {
            meta.putNull("referrer");
        }
        if (random.nextInt(10) == 0) {
            ArrayNode history = meta.putArray("history");
            ObjectNode visit = history.addObject();
            visit.put("event", "page_view");
            visit.put("at", format.apply(created));
            ObjectNode chat = history.addObject();
            chat.put("event", "chat_started");
            chat.put("at", format.apply(created.plusSeconds(42)));
        }
        return meta;
    }

    private String name() {
        if (random.nextInt(8) == 0) {
            return pick(SPECIAL_NAMES);
        }
        return pick(FIRST) + " " + pick(LAST);
    }

    private String email(String name, int index) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
                .replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("ı", "i")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 ]", "").trim().replaceAll(" +", ".");
        if (ascii.isEmpty()) {
            ascii = "lead" + index;
        }
        if (ascii.length() > 40) {
            ascii = ascii.substring(0, 40).replaceAll("\\.$", "");
        }
        String domain = pick(DOMAINS);
        String email = ascii + "@" + domain;
        for (int n = 2; usedEmails.contains(email); n++) {
            email = ascii + n + "@" + domain;
        }
        usedEmails.add(email);
        int style = random.nextInt(25);
        if (style < 2) {
            email = mixedCase(email);
        } else if (style == 2) {
            email = "  " + email + " ";
        } else if (style == 3) {
            email = "\t" + mixedCase(email);
        }
        return email;
    }

    private String mixedCase(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            sb.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        return sb.toString();
    }

    private String phone() {
        String format = pick(PHONE_FORMATS);
        StringBuilder sb = new StringBuilder(format.length());
        for (char c : format.toCharArray()) {
            sb.append(c == '#' ? (char) ('0' + random.nextInt(10)) : c);
        }
        return sb.toString();
    }

    private Instant between(Instant from, Instant to) {
        long span = Math.max(0, to.toEpochMilli() - from.toEpochMilli());
        return from.plusMillis((long) (random.nextDouble() * span));
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }
}
