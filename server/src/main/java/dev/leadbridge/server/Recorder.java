package dev.leadbridge.server;

import dev.leadbridge.core.api.WebhookEvent;
import dev.leadbridge.store.WebhookInbox;
import dev.leadbridge.store.WebhookInbox.Recorded;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Group commit of webhook events: the worker threads hand their verified events to one thread, which records all
 * those waiting (up to {@link #BATCH}) in one transaction and then releases each worker with its own result. Under
 * load, many acknowledgements share one commit (one fsync); alone, an event is committed at once. Every answer still
 * waits for the commit of its own event.
 */
final class Recorder {

    /** The most events committed together. */
    static final int BATCH = 256;

    private record Waiting(WebhookEvent event, CompletableFuture<Recorded> result) {
    }

    private final WebhookInbox inbox;
    private final BlockingQueue<Waiting> queue = new LinkedBlockingQueue<>();
    private final Thread thread;

    Recorder(WebhookInbox inbox) {
        this.inbox = inbox;
        this.thread = new Thread(this::run, "leadbridge-recorder");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Records the event, waiting for the commit.
     *
     * @throws dev.leadbridge.store.StoreException when the store cannot record it (do not acknowledge)
     */
    Recorded record(WebhookEvent event) {
        CompletableFuture<Recorded> result = new CompletableFuture<>();
        queue.add(new Waiting(event, result));
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private void run() {
        List<Waiting> batch = new ArrayList<>(BATCH);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch, BATCH - 1);
            try {
                List<Recorded> results = inbox.recordAll(batch.stream().map(Waiting::event).toList());
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).result().complete(results.get(i));
                }
            } catch (RuntimeException e) {
                batch.forEach(w -> w.result().completeExceptionally(e));
            }
            batch.clear();
        }
        queue.forEach(w -> w.result().completeExceptionally(new IllegalStateException("the server is stopping")));
    }

    /** Stops the thread once the requests in flight are answered. */
    void stop() {
        thread.interrupt();
    }
}
