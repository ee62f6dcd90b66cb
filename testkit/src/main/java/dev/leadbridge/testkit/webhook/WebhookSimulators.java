package dev.leadbridge.testkit.webhook;

import dev.leadbridge.testkit.nexor.NexorSimulator;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * The two simulators that send webhooks, started empty with their webhooks going to one receiver, for end-to-end
 * tests of a receiver (Leadbridge's {@code serve}, a user's own endpoint): PollyBot (workspace-v1) as connection
 * {@link #WORKSPACE} and Nexor as {@link #NEXOR}, each with a fresh random secret. {@link #configuration()} is the
 * receiver's side (provider, base URL, API key and webhook secret of each connection); {@link #activity()} makes
 * leads and status changes. {@link #close()} stops both.
 */
public final class WebhookSimulators implements AutoCloseable {

    /** The PollyBot connection's name. */
    public static final String WORKSPACE = "sim-workspace";
    /** The Nexor connection's name. */
    public static final String NEXOR = "sim-nexor";

    private final WorkspaceSimulator workspace;
    private final NexorSimulator nexor;
    private final WebhookTarget workspaceTarget;
    private final WebhookTarget nexorTarget;
    private final SimulatedActivity activity;

    private WebhookSimulators(WorkspaceSimulator workspace, WebhookTarget workspaceTarget, NexorSimulator nexor,
                              WebhookTarget nexorTarget) {
        this.workspace = workspace;
        this.nexor = nexor;
        this.workspaceTarget = workspaceTarget;
        this.nexorTarget = nexorTarget;
        this.activity = new SimulatedActivity(workspace, workspace.apiKey(), nexor, 7);
    }

    /**
     * Starts both simulators, their webhooks going to {@code baseUrl} (they append {@code /webhooks/<connection>}).
     *
     * @param baseUrl     the receiver's base URL
     * @param retryDelays the senders' retry delays (a test that stops its receiver on purpose wants short ones)
     */
    public static WebhookSimulators start(String baseUrl, Duration... retryDelays) {
        WebhookTarget ws = WebhookTarget.of(baseUrl, WORKSPACE, WebhookTarget.randomSecret());
        WebhookTarget nx = WebhookTarget.of(baseUrl, NEXOR, WebhookTarget.randomSecret());
        if (retryDelays.length > 0) {
            ws = ws.withRetryDelays(retryDelays);
            nx = nx.withRetryDelays(retryDelays);
        }
        WorkspaceSimulator workspace = WorkspaceSimulator.builder().webhooks(ws).build();
        try {
            return new WebhookSimulators(workspace, ws, NexorSimulator.builder().webhooks(nx).build(), nx);
        } catch (RuntimeException e) {
            workspace.close();
            throw e;
        }
    }

    /** The PollyBot simulator. */
    public WorkspaceSimulator workspace() {
        return workspace;
    }

    /** The Nexor simulator. */
    public NexorSimulator nexor() {
        return nexor;
    }

    /** The activity maker on both simulators. */
    public SimulatedActivity activity() {
        return activity;
    }

    /** The webhook secret of {@code connection} ({@link #WORKSPACE} or {@link #NEXOR}). */
    public String secret(String connection) {
        return target(connection).secret();
    }

    /** The full URL the webhooks of {@code connection} go to (for Nexor, without the token). */
    public String webhookUrl(String connection) {
        return target(connection).url();
    }

    private WebhookTarget target(String connection) {
        return switch (connection) {
            case WORKSPACE -> workspaceTarget;
            case NEXOR -> nexorTarget;
            default -> throw new IllegalArgumentException("no simulator for connection " + connection);
        };
    }

    /**
     * The receiver's configuration, in Leadbridge's property names: {@code connections.<name>.provider},
     * {@code .base-url}, {@code .api-key} and {@code .webhook-secret} of both connections.
     */
    public Properties configuration() {
        Properties p = new Properties();
        put(p, WORKSPACE, "workspace-v1", workspace.baseUrl(), workspace.apiKey());
        put(p, NEXOR, "nexor", nexor.baseUrl(), nexor.apiKey());
        return p;
    }

    private void put(Properties p, String name, String provider, String baseUrl, String apiKey) {
        String prefix = "connections." + name + ".";
        p.setProperty(prefix + "provider", provider);
        p.setProperty(prefix + "base-url", baseUrl);
        p.setProperty(prefix + "api-key", apiKey);
        p.setProperty(prefix + "webhook-secret", secret(name));
    }

    /** Waits until both senders hold nothing (delivered or given up); false if {@code max} passed first. */
    public boolean awaitDeliveries(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        for (WebhookSender sender : senders()) {
            if (!sender.awaitIdle(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    /** Both senders, PollyBot's first. */
    public List<WebhookSender> senders() {
        return List.of(workspace.webhookSender().orElseThrow(), nexor.webhookSender().orElseThrow());
    }

    @Override
    public void close() {
        workspace.close();
        nexor.close();
    }
}
