package dev.leadbridge.testkit.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts a simulator's webhook deliveries as a provider does: in the background (queuing never blocks nor fails the
 * simulator's API request), a bounded number held at once (more are dropped and counted), each failed attempt
 * (connection refused, timeout, any non-2xx answer) retried after the target's retry delays, then given up. A
 * receiver that is down is simply retried. A retry sends the very same bytes and headers, as providers do (that is
 * what makes their dedupe keys work). Thread-safe. Written on the JDK's own HTTP client: the testkit keeps no
 * dependency beyond Jackson.
 */
public final class WebhookSender implements AutoCloseable {

    private static final AtomicInteger SENDERS = new AtomicInteger();

    private final List<Duration> retryDelays;
    private final int capacity;
    private final Duration timeout;
    private final ScheduledThreadPoolExecutor workers;
    private final ExecutorService clientThreads;
    private final HttpClient client;
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong gaveUp = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Object idle = new Object();
    private volatile boolean closed;

    /** A sender with the delivery policy of {@code target} (its URL and secret are the caller's business). */
    public WebhookSender(WebhookTarget target) {
        Objects.requireNonNull(target, "target");
        this.retryDelays = target.retryDelays();
        this.capacity = target.queueCapacity();
        this.timeout = target.timeout();
        String name = "webhook-sender-" + SENDERS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ScheduledThreadPoolExecutor(2, r -> daemon(r, name + "-" + threads.incrementAndGet()));
        this.workers.setRemoveOnCancelPolicy(true);
        this.workers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.clientThreads = Executors.newCachedThreadPool(r -> daemon(r, name + "-http-" + threads.incrementAndGet()));
        this.client = HttpClient.newBuilder().connectTimeout(timeout).executor(clientThreads)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Queues one delivery: a POST of {@code body} with {@code headers} (plus {@code Content-Type: application/json}
     * unless given) to {@code url}. Returns at once: false when the sender is closed or holds its capacity already
     * (the delivery is dropped and counted).
     */
    public boolean send(URI url, byte[] body, Map<String, String> headers) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(headers, "headers");
        if (closed) {
            dropped.incrementAndGet();
            return false;
        }
        if (held.incrementAndGet() > capacity) {
            release();
            dropped.incrementAndGet();
            return false;
        }
        accepted.incrementAndGet();
        Delivery delivery = new Delivery(url, body.clone(), Map.copyOf(headers));
        try {
            workers.execute(() -> attempt(delivery, 0));
        } catch (RejectedExecutionException e) {
            release();
            dropped.incrementAndGet();
            return false;
        }
        return true;
    }

    private record Delivery(URI url, byte[] body, Map<String, String> headers) {
    }

    private void attempt(Delivery delivery, int retry) {
        if (closed) {
            release();
            return;
        }
        attempts.incrementAndGet();
        boolean ok = post(delivery);
        if (ok) {
            delivered.incrementAndGet();
            release();
            return;
        }
        if (retry >= retryDelays.size() || closed) {
            gaveUp.incrementAndGet();
            release();
            return;
        }
        try {
            workers.schedule(() -> attempt(delivery, retry + 1), retryDelays.get(retry).toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            gaveUp.incrementAndGet();
            release();
        }
    }

    private boolean post(Delivery delivery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(delivery.url()).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
        boolean typed = false;
        for (Map.Entry<String, String> header : delivery.headers().entrySet()) {
            request.header(header.getKey(), header.getValue());
            typed |= header.getKey().equalsIgnoreCase("Content-Type");
        }
        if (!typed) {
            request.header("Content-Type", "application/json");
        }
        try {
            int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300;
        } catch (IOException e) {
            return false;  // down, refused, reset, timed out: retried like any failure
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void release() {
        if (held.decrementAndGet() <= 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /** Deliveries accepted by {@link #send} since the start. */
    public long accepted() {
        return accepted.get();
    }

    /** Deliveries the receiver acknowledged with a 2xx. */
    public long delivered() {
        return delivered.get();
    }

    /** Attempts made, first tries and retries. */
    public long attempts() {
        return attempts.get();
    }

    /** Deliveries given up after their last retry failed. */
    public long gaveUp() {
        return gaveUp.get();
    }

    /** Deliveries refused by {@link #send} (full or closed). */
    public long dropped() {
        return dropped.get();
    }

    /** Deliveries held now: queued, in flight or waiting to be retried. */
    public int pending() {
        return Math.max(0, held.get());
    }

    /** Waits until nothing is held (every accepted delivery delivered or given up); false if {@code max} passed. */
    public boolean awaitIdle(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (idle) {
            while (held.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
        }
        return true;
    }

    /**
     * Stops: nothing more is accepted, retries not yet due are dropped, attempts in flight get up to one second to
     * finish. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        workers.shutdown();
        try {
            if (!workers.awaitTermination(1, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        clientThreads.shutdownNow();
        synchronized (idle) {
            held.set(0);
            idle.notifyAll();
        }
    }
}
