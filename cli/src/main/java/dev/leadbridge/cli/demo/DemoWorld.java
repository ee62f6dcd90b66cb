package dev.leadbridge.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.testkit.nexor.NexorSimulator;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import dev.leadbridge.testkit.webhook.SimulatedActivity;
import dev.leadbridge.testkit.webhook.WebhookSender;
import dev.leadbridge.testkit.webhook.WebhookTarget;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The demo's world: the testkit simulators of all three providers on loopback, seeded with realistic leads, with some
 * people present at two providers (the same email in another case or with stray spaces, the same phone written
 * another way) and a few awkward values real data has. Deterministic for a given size. {@link #close()} stops the
 * simulators.
 */
public final class DemoWorld implements AutoCloseable {

    /** The connection names the demo configures. */
    public static final String OCTANIST = "demo-octanist";
    /** The workspace-v1 connection. */
    public static final String WORKSPACE = "demo-workspace";
    /** The Nexor connection. */
    public static final String NEXOR = "demo-nexor";

    /**
     * The workspace-v1 key {@link #activity()} creates with: its own rate budget, so that the activity never eats the
     * budget of the configured key that {@code export} and {@code sync} use.
     */
    private static final String ACTIVITY_KEY = "sk-workspace_activity0Simulated0Leads0Only0Xq7Lm2Rv9KpT4sWd8NbY3";

    private final OctanistSimulator octanist;
    private final WorkspaceSimulator workspace;
    private final NexorSimulator nexor;
    private final Map<String, WebhookTarget> webhooks;
    private final List<String> nexorTwins = new ArrayList<>();

    private DemoWorld(OctanistSimulator octanist, WorkspaceSimulator workspace, NexorSimulator nexor,
                      Map<String, WebhookTarget> webhooks) {
        this.octanist = octanist;
        this.workspace = workspace;
        this.nexor = nexor;
        this.webhooks = webhooks;
    }

    /**
     * Starts and seeds the three simulators.
     *
     * @param leadsPerProvider how many leads each simulator starts with (Nexor gets two thirds as many)
     */
    public static DemoWorld start(int leadsPerProvider) {
        return start(leadsPerProvider, null);
    }

    /**
     * Starts and seeds the three simulators; with a {@code webhookBaseUrl}, the workspace-v1 and Nexor simulators post
     * signed webhooks to {@code <webhookBaseUrl>/webhooks/<connection>}, each with a fresh random secret (see
     * {@link #configuration()}).
     *
     * @param leadsPerProvider how many leads each simulator starts with (Nexor gets two thirds as many)
     * @param webhookBaseUrl   the receiver's base URL (checked by {@link WebhookTarget#checkBaseUrl}), or null
     */
    public static DemoWorld start(int leadsPerProvider, String webhookBaseUrl) {
        OctanistSimulator o = null;
        WorkspaceSimulator w = null;
        NexorSimulator n = null;
        try {
            Map<String, WebhookTarget> targets = webhookBaseUrl == null ? Map.of() : Map.of(
                    WORKSPACE, WebhookTarget.of(webhookBaseUrl, WORKSPACE, WebhookTarget.randomSecret()),
                    NEXOR, WebhookTarget.of(webhookBaseUrl, NEXOR, WebhookTarget.randomSecret()));
            o = OctanistSimulator.builder().seed(leadsPerProvider, 20260101L).build();
            WorkspaceSimulator.Builder wb = WorkspaceSimulator.builder().additionalApiKey(ACTIVITY_KEY)
                    .seed(Math.max(1, leadsPerProvider * 5 / 6), 20260202L);
            NexorSimulator.Builder nb = NexorSimulator.builder().seed(Math.max(1, leadsPerProvider * 2 / 3), 20260303L);
            if (!targets.isEmpty()) {
                wb.webhooks(targets.get(WORKSPACE));
                nb.webhooks(targets.get(NEXOR));
            }
            w = wb.build();
            n = nb.build();
            DemoWorld world = new DemoWorld(o, w, n, targets);
            world.linkPeople();
            return world;
        } catch (RuntimeException e) {
            closeQuietly(o);
            closeQuietly(w);
            closeQuietly(n);
            throw e;
        }
    }

    /** The configuration the demo uses: one connection per simulator, as a user would write it. */
    public Properties configuration() {
        Properties p = new Properties();
        connection(p, OCTANIST, "octanist", octanist.baseUrl(), octanist.apiKey());
        connection(p, WORKSPACE, "workspace-v1", workspace.baseUrl(), workspace.apiKey());
        connection(p, NEXOR, "nexor", nexor.baseUrl(), nexor.apiKey());
        webhooks.forEach((name, target) -> p.setProperty("connections." + name + ".webhook-secret", target.secret()));
        return p;
    }

    /** The configuration's keys in the order a reader expects (per connection: provider, base-url, api-key). */
    public List<String> configurationKeys() {
        List<String> keys = new ArrayList<>();
        for (String c : List.of(OCTANIST, WORKSPACE, NEXOR)) {
            keys.add("connections." + c + ".provider");
            keys.add("connections." + c + ".base-url");
            keys.add("connections." + c + ".api-key");
            if (webhooks.containsKey(c)) {
                keys.add("connections." + c + ".webhook-secret");
            }
        }
        return keys;
    }

    /** Where the webhooks of {@code connection} go, when it sends any. */
    public Optional<WebhookTarget> webhookTarget(String connection) {
        return Optional.ofNullable(webhooks.get(connection));
    }

    /** The webhook secrets, to keep them out of every output. */
    public List<String> webhookSecrets() {
        return webhooks.values().stream().map(WebhookTarget::secret).toList();
    }

    /** The webhook senders (workspace-v1's, then Nexor's); empty without webhooks. */
    public List<WebhookSender> webhookSenders() {
        List<WebhookSender> senders = new ArrayList<>();
        workspace.webhookSender().ifPresent(senders::add);
        nexor.webhookSender().ifPresent(senders::add);
        return senders;
    }

    /**
     * Activity on the workspace-v1 and Nexor simulators (a new lead at each, a Nexor status change per tick), made with
     * a workspace-v1 key of its own.
     */
    public SimulatedActivity activity() {
        return new SimulatedActivity(workspace, ACTIVITY_KEY, nexor, 20260404L);
    }

    /** The API keys of the simulators, to keep them out of every output. */
    public List<String> apiKeys() {
        return List.of(octanist.apiKey(), workspace.apiKey(), nexor.apiKey());
    }

    /** How many leads each simulator holds, by connection name. */
    public int size(String connection) {
        return switch (connection) {
            case OCTANIST -> octanist.size();
            case WORKSPACE -> workspace.size();
            case NEXOR -> nexor.size();
            default -> 0;
        };
    }

    /** Native ids of Nexor leads whose person is also at Octanist. */
    public List<String> nexorTwins() {
        return List.copyOf(nexorTwins);
    }

    @Override
    public void close() {
        closeQuietly(octanist);
        closeQuietly(workspace);
        closeQuietly(nexor);
    }

    private void linkPeople() {
        List<ObjectNode> octs = octanist.leads();
        List<ObjectNode> wss = workspace.leads();
        List<ObjectNode> nxs = nexor.leads();
        // disjoint slices of each simulator's leads (newest first) so that one change never undoes another:
        // Nexor twins from 1/6, email twins from 1/3, phone twins from 2/3, awkward values among the newest
        // the same email at Octanist and workspace-v1, written differently
        int pairs = Math.min(8, Math.min(octs.size(), wss.size()) / 6);
        int o = octs.size() / 3;
        int firstWs = wss.size() / 3;
        for (int i = 0; i < pairs && o < octs.size() * 2 / 3; o++) {
            ObjectNode oct = octs.get(o);
            String email = text(oct, "email");
            String name = text(oct, "name");
            if (email == null || email.isBlank() || name == null || name.isBlank()) {
                continue;
            }
            ObjectNode ws = wss.get(firstWs + i);
            ws.put("name", name);
            ws.put("email", variant(email.trim(), i));
            workspace.put(ws);
            i++;
        }
        // the same phone, no email, in two international formats
        int phones = Math.min(4, Math.min(octs.size(), wss.size()) / 12);
        for (int k = 0; k < phones; k++) {
            ObjectNode oct = octs.get(octs.size() * 2 / 3 + k);
            ObjectNode ws = wss.get(wss.size() * 2 / 3 + k);
            String local = String.format(Locale.ROOT, "%02d", 10 + k);
            oct.putNull("email");
            oct.put("phone", "+44 20 7946 09" + local);
            ws.putNull("email");
            ws.put("phone", "+44-20-7946-09" + local);
            String name = text(oct, "name") == null ? "Sam Taylor" : text(oct, "name");
            oct.put("name", name);
            ws.put("name", name);
            octanist.put(oct);
            workspace.put(ws);
        }
        // Nexor cannot list, but a lead fetched by id carries the same personKey as its Octanist twin
        int twins = Math.min(3, Math.min(nxs.size(), octs.size() / 6));
        int from = octs.size() / 6;
        for (int k = 0; k < twins && from < octs.size() / 3; from++) {
            ObjectNode oct = octs.get(from);
            String email = text(oct, "email");
            String name = text(oct, "name");
            if (email == null || email.isBlank() || name == null || !name.trim().contains(" ")) {
                continue;
            }
            ObjectNode nx = nxs.get(k);
            String trimmed = name.trim();
            int space = trimmed.indexOf(' ');
            nx.put("first_name", trimmed.substring(0, space));
            nx.put("last_name", trimmed.substring(space + 1));
            nx.put("email", email.trim().toUpperCase(Locale.ROOT));
            nexorTwins.add(nexor.put(nx));
            k++;
        }
        // a few awkward values real data has
        if (wss.size() > 3) {
            ObjectNode ws = wss.get(1);
            ws.put("name", "Zoë O'Connor-Ñúñez, \"Zo\"");
            ws.put("email", "  ZOE.OCONNOR@Example.COM ");
            ws.put("phone", "ask for Zoë after 5pm");
            workspace.put(ws);
        }
        if (octs.size() > 3) {
            ObjectNode oct = octs.get(2);
            oct.put("name", "  Siobhán Ní Bhriain\t(via chat)\n");
            oct.put("note", "Called twice; said: \"send the quote, then call back\"");
            octanist.put(oct);
        }
    }

    private static String variant(String email, int i) {
        return switch (i % 3) {
            case 0 -> email.toUpperCase(Locale.ROOT);
            case 1 -> "  " + email + " ";
            default -> {
                int at = email.indexOf('@');
                yield at < 0 ? email.toUpperCase(Locale.ROOT)
                        : email.substring(0, at) + "@" + email.substring(at + 1).toUpperCase(Locale.ROOT);
            }
        };
    }

    private static String text(ObjectNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static void connection(Properties p, String name, String provider, String baseUrl, String apiKey) {
        p.setProperty("connections." + name + ".provider", provider);
        p.setProperty("connections." + name + ".base-url", baseUrl);
        p.setProperty("connections." + name + ".api-key", apiKey);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                // stopping anyway
            }
        }
    }
}
