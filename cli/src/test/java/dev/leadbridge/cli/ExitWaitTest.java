package dev.leadbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Before the process exits, the JDK HTTP clients' selector threads are interrupted (they wait in native code, and the
 * JVM's exit waits up to 300 ms for such threads); no other thread is touched.
 */
class ExitWaitTest {

    @Test
    void onlyTheJdkHttpSelectorThreadsAreInterruptedBeforeExit() throws InterruptedException {
        Sleeper selector = new Sleeper("HttpClient-99-SelectorManager");
        Sleeper worker = new Sleeper("HttpClient-99-Worker-0");
        Sleeper other = new Sleeper("leadbridge-something-SelectorManager");
        try {
            // only these threads: the test JVM's real JDK clients are shared by the other tests
            LeadbridgeCommand.stopIdleHttpSelectors(List.of(selector.thread, worker.thread, other.thread));
            assertThat(selector.interrupted.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(worker.interrupted.await(200, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(other.interrupted.getCount()).isEqualTo(1);
        } finally {
            worker.stop();
            other.stop();
        }
    }

    /** A daemon thread of the given name that sleeps until interrupted (and says so) or stopped. */
    private static final class Sleeper {
        final CountDownLatch interrupted = new CountDownLatch(1);
        private final AtomicBoolean stopping = new AtomicBoolean();
        final Thread thread;

        Sleeper(String name) throws InterruptedException {
            CountDownLatch started = new CountDownLatch(1);
            thread = new Thread(() -> {
                started.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    if (!stopping.get()) {
                        interrupted.countDown();
                    }
                }
            }, name);
            thread.setDaemon(true);
            thread.start();
            started.await();
        }

        void stop() {
            stopping.set(true);
            thread.interrupt();
        }
    }
}
