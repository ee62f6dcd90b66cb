package dev.leadbridge.samples;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The same five people, seeded in each provider's native JSON, so the samples' output can be compared across
 * providers; plus small helpers to run a sample and capture what it prints.
 */
final class People {

    /** One person as both providers store them; statuses are each provider's own spelling of the same category. */
    record Person(String name, String email, String phone, String octanistStatus, String workspaceStatus,
                  BigDecimal value, Instant createdAt, Instant updatedAt) {
    }

    static final Person AVA = new Person("Ava Stone", "ava.stone@example.com", "+31 6 12345678", "won", "converted",
            new BigDecimal("2500.5"), Instant.parse("2025-01-10T09:00:00Z"), Instant.parse("2025-01-20T10:00:00Z"));
    static final Person BRAM = new Person("Bram de Vries", "Bram.deVries@example.nl", "+31 20 123 4567", "open", "new",
            null, Instant.parse("2025-01-11T09:00:00Z"), Instant.parse("2025-01-11T09:00:00Z"));
    static final Person CHLOE = new Person("Chloé Martin", "chloe@example.fr", null, "qualified", "qualified",
            null, Instant.parse("2025-01-12T09:00:00Z"), Instant.parse("2025-01-15T09:30:00Z"));
    static final Person DMITRI = new Person("Dmitri Ivanov", null, "+44 7700 900123", "open", "new",
            null, Instant.parse("2025-01-13T09:00:00Z"), Instant.parse("2025-01-13T09:00:00Z"));
    static final Person EVA = new Person("Eva Lindqvist", "eva@example.se", "+46 70 123 45 67", "lost", "lost",
            null, Instant.parse("2025-01-14T09:00:00Z"), Instant.parse("2025-01-16T12:00:00Z"));

    static final List<Person> ALL = List.of(AVA, BRAM, CHLOE, DMITRI, EVA);

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private People() {
    }

    /** Stores the people in an Octanist simulator; returns their native ids by name. */
    static Map<String, String> seed(OctanistSimulator simulator, List<Person> people) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (Person p : people) {
            ObjectNode lead = JsonNodeFactory.instance.objectNode();
            lead.put("name", p.name());
            lead.put("email", p.email());
            lead.put("phone", p.phone());
            lead.put("status", p.octanistStatus());
            lead.put("value", p.value());
            lead.put("source", "api");
            lead.put("createdAt", MILLIS.format(p.createdAt()));
            lead.put("updatedAt", MILLIS.format(p.updatedAt()));
            lead.put("expiresAt", MILLIS.format(p.createdAt().plusSeconds(90L * 24 * 3600)));
            ids.put(p.name(), simulator.put(lead));
        }
        return ids;
    }

    /** Stores the people in a workspace-v1 simulator (documented model); returns their native ids by name. */
    static Map<String, String> seed(WorkspaceSimulator simulator, List<Person> people) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (Person p : people) {
            ObjectNode lead = JsonNodeFactory.instance.objectNode();
            lead.put("name", p.name());
            lead.put("email", p.email());
            lead.put("phone", p.phone());
            lead.put("source", "api");
            lead.put("status", p.workspaceStatus());
            lead.putObject("metadata");
            lead.put("createdAt", MILLIS.format(p.createdAt()));
            lead.put("updatedAt", MILLIS.format(p.updatedAt()));
            lead.put("workspaceId", simulator.workspaceId());
            ids.put(p.name(), simulator.put(lead).get("id").asText());
        }
        return ids;
    }

    /** Properties for one connection. */
    static Properties connection(Properties into, String name, String provider, String baseUrl, String apiKey) {
        into.setProperty("connections." + name + ".provider", provider);
        into.setProperty("connections." + name + ".base-url", baseUrl);
        into.setProperty("connections." + name + ".api-key", apiKey);
        return into;
    }

    /** Runs {@code sample} with a fresh print stream and returns what it printed, as lines. */
    static List<String> printed(Consumer<PrintStream> sample) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            sample.accept(out);
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** The environment of a test: no variables. */
    static String noEnvironment(String name) {
        return null;
    }
}
