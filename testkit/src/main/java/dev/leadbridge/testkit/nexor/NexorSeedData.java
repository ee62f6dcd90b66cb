package dev.leadbridge.testkit.nexor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * The fixed workflows, campaigns and users of a Nexor simulator and the deterministic generator of
 * realistic seeded leads in the stored (API-tree) form.
 */
final class NexorSeedData {

    /** A user leads in appointment workflows are assigned to ({@code assigned_user}). */
    record User(String id, String name, String email, String avatarUrl) {

        ObjectNode toJson() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("id", id);
            node.put("name", name);
            node.put("email", email);
            node.put("avatar_url", avatarUrl);
            return node;
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Fixed seed for workflow, campaign and user ids, so they are the same in every simulator. */
    private static final long CATALOGUE_SEED = 0x4E65786F72L;

    private static final DateTimeFormatter SECONDS_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    private static final DateTimeFormatter MICROS_OFFSET =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");
    private static final ZoneOffset[] OFFSETS = {
        ZoneOffset.ofHours(-3), ZoneOffset.ofHours(-5), ZoneOffset.ofHours(-4), ZoneOffset.ofHours(1),
        ZoneOffset.ofHoursMinutes(5, 30)
    };

    private static final String[][] NAMES = {
        {"Carlos", "Lopez"}, {"Ana", "Torres"}, {"José", "Müller"}, {"Siobhán", "O'Brien"}, {"Mateo", "González"},
        {"Valentina", "Rojas"}, {"John", "Doe"}, {"Emily", "Chen"}, {"Łukasz", "Żółkowski"}, {"Nguyễn", "Thị Minh"},
        {"Zoë", "D'Angelo"}, {"María de los Ángeles", "Fernández-Castellanos de la Vega y Villalobos"},
        {"Fernanda", "Silva"}, {"Björn", "Ødegård"}, {"Camila", "Pérez"}, {"Tony", null}, {"李", "伟"},
        {"Sebastián", "Muñoz"}, {"Olivia", "Smith"}, {"Jean-Luc", "Picard"}, {"Aisha", "Khan"}, {"Diego", "Ramírez"},
        {"Hannah", "Schmidt"}, {"Renée", "Côté"}, {"Pedro", "Alves"}, {"Sofía", "Herrera"}, {"Liam", "O'Connor"},
        {"Bartholomew Alexander Maximilian", "Worthington-Smythe III"}, {"Madonna", null}, {"Javiera", "Contreras"}
    };
    private static final String[] DOMAINS = {"example.com", "acme.io", "gmail.com", "empresa.cl", "outlook.com",
        "starkindustries.com", "globex.com.ar"};
    private static final String[] PHONES = {"+56912345678", "+1 (415) 555-0132", "+34 612 34 56 78", "020 7946 0958",
        "+5511987654321", "(212) 555-0199", "0412 345 678", "+52 55 1234 5678", "+49 30 901820", "9 8765 4321",
        "+44 7700 900123", "+54 9 11 2345-6789"};
    private static final String[] COMPANIES = {"Stark Industries", "Acme Corp", "Globex S.A.", "Initech",
        "Umbrella Ltda.", "Müller & Söhne GmbH", "Wayne Enterprises", "Pollos Hermanos SpA"};
    private static final String[] TITLES = {"CEO", "Head of Sales", "Gerente Comercial", "Marketing Manager",
        "CTO", "Founder", "Jefe de Operaciones"};
    private static final String[] SOURCES = {"api", "api", "website", "import", "manual", "webhook"};
    private static final String[][] UTM = {
        {"google", "cpc", "q1_brand"}, {"facebook", "paid_social", "webinar_marzo"}, {"newsletter", "email", "nurture_2026"},
        {"linkedin", "paid_social", "abm_enterprise"}, {"google", "organic", null}
    };
    private static final String[][] TAGS = {{}, {}, {}, {"vip"}, {"webinar", "inbound"}, {"reactivado"}};

    private NexorSeedData() {
    }

    /** A version-4 UUID drawn from {@code random}, so ids are deterministic for a seed. */
    static String uuid(Random random) {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /** A timestamp as the simulator writes it for its own changes: UTC, at most milliseconds, {@code Z}. */
    static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** A timestamp in one of the forms seen in real Nexor data: {@code Z}, millis, offsets, Postgres micros. */
    static String variedTimestamp(Instant instant, Random random) {
        switch (random.nextInt(4)) {
            case 0:
                return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
            case 1:
                return timestamp(instant);
            case 2:
                return SECONDS_OFFSET.format(instant.atOffset(OFFSETS[random.nextInt(OFFSETS.length)]));
            default:
                return MICROS_OFFSET.format(instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
        }
    }

    /** The three workflows every simulator starts with. */
    static List<NexorWorkflow> defaultWorkflows() {
        Random random = new Random(CATALOGUE_SEED);
        List<NexorWorkflow> workflows = new ArrayList<>();
        workflows.add(new NexorWorkflow(uuid(random), "Sales Pipeline", "appointment", false,
                List.of("call", "whatsapp", "email", "call", "sms"),
                List.of(status(random, "new", "New", "#94a3b8", "active"),
                        status(random, "contacted", "Contacted", "#3b82f6", "active"),
                        status(random, "engaged", "Engaged", "#8b5cf6", "active"),
                        status(random, "qualified", "Qualified", "#f59e0b", "active"),
                        status(random, "won", "Meeting booked", "#22c55e", "won"),
                        status(random, "lost", "Lost", "#ef4444", "lost"))));
        workflows.add(new NexorWorkflow(uuid(random), "Premium Outreach", "qualification", false,
                List.of("email", "whatsapp", "email"),
                List.of(status(random, "new", "Nuevo", "#94a3b8", "active"),
                        status(random, "contacted", "Contactado", "#0ea5e9", "active"),
                        status(random, "qualified", "Calificado", "#22c55e", "won"),
                        status(random, "lost", "Descartado", "#ef4444", "lost"))));
        workflows.add(new NexorWorkflow(uuid(random), "Reactivation", "reactivation", false,
                List.of("whatsapp", "email", "call"),
                List.of(status(random, "new", "To reactivate", "#94a3b8", "active"),
                        status(random, "contacted", "Waiting for reply", "#a3a3a3", "deferred"),
                        status(random, "engaged", "Replied", "#8b5cf6", "active"),
                        status(random, "won", "Reactivated", "#22c55e", "won"),
                        status(random, "lost", "Not interested", "#ef4444", "lost"))));
        return workflows;
    }

    /** The campaigns every simulator starts with. */
    static List<NexorCampaign> defaultCampaigns() {
        Random random = new Random(CATALOGUE_SEED + 1);
        return List.of(new NexorCampaign(uuid(random), "Q1 Campaign"),
                new NexorCampaign(uuid(random), "Webinar Marzo 2026"),
                new NexorCampaign(uuid(random), "Black Friday Retargeting"));
    }

    /** The users leads in appointment workflows are assigned to, in round-robin order. */
    static List<User> users() {
        Random random = new Random(CATALOGUE_SEED + 2);
        return List.of(new User(uuid(random), "Ana", "ana@co.com", null),
                new User(uuid(random), "Bruno Silva", "bruno.silva@co.com", "https://cdn.getnexor.ai/avatars/bruno.png"),
                new User(uuid(random), "Carla Méndez", "carla@co.com", null));
    }

    private static NexorStatus status(Random random, String key, String label, String color, String category) {
        return new NexorStatus(uuid(random), key, label, color, category);
    }

    /** A new active run in {@code workflow}, in the stored API-tree form, starting at its first status. */
    static ObjectNode run(String runId, NexorWorkflow workflow, NexorStatus status) {
        ObjectNode run = NODES.objectNode();
        run.put("id", runId);
        run.put("workflow_id", workflow.id());
        run.put("is_active", true);
        run.put("human_takeover", false);
        run.put("cadence_state", workflow.paused() ? "paused" : status != null && status.terminal() ? "stopped" : "active");
        run.put("run_status", "running");
        ObjectNode wf = run.putObject("workflow");
        wf.put("id", workflow.id());
        wf.put("name", workflow.name());
        wf.put("goal_type", workflow.goalType());
        if (status == null) {
            run.putNull("current_status");
        } else {
            run.set("current_status", currentStatus(status));
        }
        return run;
    }

    /** The {@code current_status} object of the API tree (no colour). */
    static ObjectNode currentStatus(NexorStatus status) {
        ObjectNode node = NODES.objectNode();
        node.put("id", status.id());
        node.put("key", status.key());
        node.put("label", status.label());
        node.put("category", status.category());
        return node;
    }

    /** Generates {@code count} realistic leads, deterministic for {@code seed} and the clock's instant. */
    static List<ObjectNode> leads(int count, long seed, Clock clock, List<NexorWorkflow> workflows,
                                  List<NexorCampaign> campaigns, List<User> users) {
        Random random = new Random(seed);
        Instant now = clock.instant();
        List<ObjectNode> leads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            leads.add(lead(i, random, now, workflows, campaigns, users));
        }
        return leads;
    }

    private static ObjectNode lead(int index, Random random, Instant now, List<NexorWorkflow> workflows,
                                   List<NexorCampaign> campaigns, List<User> users) {
        String[] name = NAMES[(index + random.nextInt(NAMES.length)) % NAMES.length];
        long ageMicros = (long) (random.nextDouble() * Duration.ofDays(730).toNanos() / 1000);
        Instant created = now.minus(ageMicros, ChronoUnit.MICROS);
        Instant updated = created.plus((long) (random.nextDouble() * ageMicros), ChronoUnit.MICROS);

        ObjectNode lead = NODES.objectNode();
        lead.put("id", uuid(random));
        lead.put("first_name", name[0]);
        lead.put("last_name", name[1]);
        lead.put("email", random.nextInt(8) == 0 ? null : email(name, random));
        lead.put("phone", random.nextInt(6) == 0 ? null : PHONES[random.nextInt(PHONES.length)]);
        lead.put("source", SOURCES[random.nextInt(SOURCES.length)]);
        lead.put("company", random.nextInt(3) == 0 ? null : COMPANIES[random.nextInt(COMPANIES.length)]);
        lead.put("title", random.nextInt(2) == 0 ? null : TITLES[random.nextInt(TITLES.length)]);
        lead.set("metadata", metadata(random));
        ArrayNode tags = lead.putArray("tags");
        for (String tag : TAGS[random.nextInt(TAGS.length)]) {
            tags.add(tag);
        }
        if (random.nextInt(5) < 3) {
            NexorCampaign campaign = campaigns.get(random.nextInt(campaigns.size()));
            ObjectNode c = lead.putObject("campaign");
            c.put("id", campaign.id());
            c.put("name", campaign.name());
        } else {
            lead.putNull("campaign");
        }
        ObjectNode assigned = null;
        if (random.nextInt(10) < 7) {
            NexorWorkflow workflow = workflows.get(random.nextInt(workflows.size()));
            NexorStatus status = random.nextInt(12) == 0 ? null
                    : workflow.statuses().get(random.nextInt(workflow.statuses().size()));
            ObjectNode run = run(uuid(random), workflow, status);
            if (random.nextInt(10) == 0) {
                run.put("human_takeover", true);
            }
            lead.set("active_workflow_run", run);
            if ("appointment".equals(workflow.goalType())) {
                assigned = users.get(random.nextInt(users.size())).toJson();
            }
        } else {
            lead.putNull("active_workflow_run");
        }
        lead.put("created_at", variedTimestamp(created, random));
        lead.put("updated_at", variedTimestamp(updated, random));
        lead.set("variables", variables(random, updated));
        lead.set("assigned_user", assigned);
        return lead;
    }

    private static String email(String[] name, Random random) {
        String first = ascii(name[0]);
        String last = name[1] == null ? "" : ascii(name[1]);
        String local = first.isEmpty() || last.isEmpty() ? first + last : first + "." + last;
        if (local.isEmpty()) {
            local = "lead" + random.nextInt(10_000);
        }
        String email = local + "@" + DOMAINS[random.nextInt(DOMAINS.length)];
        switch (random.nextInt(10)) {
            case 0:
                return email.substring(0, 1).toUpperCase(Locale.ROOT) + email.substring(1, email.indexOf('@'))
                        + email.substring(email.indexOf('@')).toUpperCase(Locale.ROOT);
            case 1:
                return "  " + email + " ";
            case 2:
                return email.toUpperCase(Locale.ROOT);
            default:
                return email;
        }
    }

    private static String ascii(String text) {
        String stripped = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("Ø", "O");
        return stripped.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
    }

    private static ObjectNode metadata(Random random) {
        ObjectNode metadata = NODES.objectNode();
        if (random.nextInt(5) < 2) {
            String[] utm = UTM[random.nextInt(UTM.length)];
            metadata.put("utm_source", utm[0]);
            metadata.put("utm_medium", utm[1]);
            if (utm[2] != null) {
                metadata.put("utm_campaign", utm[2]);
            }
        }
        switch (random.nextInt(5)) {
            case 0:
                metadata.put("edad", 22 + random.nextInt(45));
                break;
            case 1:
                metadata.put("estado_lead", "calificado");
                metadata.put("acepta_terminos", true);
                break;
            case 2:
                metadata.put("origen_formulario", "landing-precios");
                metadata.put("presupuesto_usd", 1500 + random.nextInt(20) * 250);
                break;
            case 3:
                metadata.put("plan", random.nextBoolean() ? "pro" : "starter");
                break;
            default:
                break;
        }
        return metadata;
    }

    private static ObjectNode variables(Random random, Instant around) {
        ObjectNode variables = NODES.objectNode();
        if (random.nextInt(5) < 2) {
            return variables;
        }
        if (random.nextBoolean()) {
            int age = 22 + random.nextInt(45);
            variables.set("edad", variable(age, Integer.toString(age), random, around));
        }
        if (random.nextBoolean()) {
            String city = new String[] {"Santiago", "Buenos Aires", "Ciudad de México", "Madrid", "São Paulo"}
                    [random.nextInt(5)];
            variables.set("ciudad", variable(city, city, random, around));
        }
        if (random.nextBoolean()) {
            boolean interested = random.nextBoolean();
            variables.set("interesado", variable(interested, interested ? "sí" : "no", random, around));
        }
        if (variables.isEmpty()) {
            variables.set("interes", variable("Plan Pro", "Plan Pro", random, around));
        }
        return variables;
    }

    private static ObjectNode variable(Object value, String text, Random random, Instant around) {
        ObjectNode variable = NODES.objectNode();
        if (value instanceof Integer number) {
            variable.put("value", number);
        } else if (value instanceof Boolean flag) {
            variable.put("value", flag);
        } else {
            variable.put("value", (String) value);
        }
        variable.put("value_text", text);
        variable.put("confidence", Math.round((0.6 + random.nextDouble() * 0.39) * 100) / 100.0);
        variable.put("updated_at", variedTimestamp(around, random));
        return variable;
    }
}
