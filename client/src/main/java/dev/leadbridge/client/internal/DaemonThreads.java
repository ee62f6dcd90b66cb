package dev.leadbridge.client.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The client's executor: daemon threads created as fetch tasks need them and retired when idle. */
public final class DaemonThreads implements ThreadFactory {

    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final String prefix;
    private final AtomicInteger threads = new AtomicInteger();

    private DaemonThreads(String prefix) {
        this.prefix = prefix;
    }

    /**
     * A cached pool of daemon threads named {@code leadbridge-client-<n>-<m>}. It is unbounded on purpose: a fetch
     * task waits for the page tasks it started, so a bounded pool could starve; the number of threads is bounded by
     * the connections and page concurrency of the aggregations running.
     */
    public static ExecutorService newExecutor() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), new DaemonThreads("leadbridge-client-" + CLIENTS.incrementAndGet() + "-"));
        return executor;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, prefix + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
