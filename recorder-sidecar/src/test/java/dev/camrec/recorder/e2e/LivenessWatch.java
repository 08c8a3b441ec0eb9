package dev.camrec.recorder.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks /healthz every 200 ms, as a kubelet would (only more often), and remembers every other
 * answer than 200.
 */
final class LivenessWatch implements AutoCloseable {

  private final ScheduledExecutorService probe = Executors.newSingleThreadScheduledExecutor();
  private final AtomicInteger answers = new AtomicInteger();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final Instant started = Instant.now();

  private LivenessWatch(int port) {
    probe.scheduleWithFixedDelay(
        () -> {
          try {
            int status = Scrape.status(port, "/healthz");
            if (status != 200) {
              failures.add("HTTP " + status);
            }
          } catch (Exception e) {
            failures.add(e.toString());
          }
          answers.incrementAndGet();
        },
        0,
        200,
        TimeUnit.MILLISECONDS);
  }

  static LivenessWatch start(int port) {
    return new LivenessWatch(port);
  }

  /**
   * Live at every probe so far, and probed at least once a second, so that "throughout" means
   * something.
   */
  void assertLiveThroughout() {
    assertThat(failures).as("/healthz answers other than 200").isEmpty();
    long seconds = Duration.between(started, Instant.now()).toSeconds();
    assertThat(answers.get())
        .as("/healthz probes in %d s", seconds)
        .isGreaterThanOrEqualTo((int) seconds);
  }

  @Override
  public void close() throws InterruptedException {
    probe.shutdownNow();
    probe.awaitTermination(5, TimeUnit.SECONDS);
  }
}
