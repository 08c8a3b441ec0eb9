package dev.camrec.recorder.upload;

import dev.camrec.contract.store.StoreConnection;
import dev.camrec.contract.store.VerifiedUpload;
import dev.camrec.recorder.health.RecorderMetrics;
import dev.camrec.recorder.record.Backoff;
import dev.camrec.recorder.spool.Spool;
import io.minio.BucketExistsArgs;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * Uploads finished segments from the spool, oldest first, one at a time. A segment is removed from
 * the spool only after the store confirmed it holds its bytes ({@link VerifiedUpload}). Failures
 * are retried with backoff for as long as it takes; the spool keeps the data meanwhile.
 */
public final class Uploader implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Uploader.class.getName());
  private static final Duration IDLE_POLL = Duration.ofSeconds(5);

  private final StoreConnection store;
  private final VerifiedUpload upload;
  private final Spool spool;
  private final RecorderMetrics metrics;
  private final Clock clock;
  private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5));
  private final Object wake = new Object();

  /** Set by {@link #wakeUp} so that a wake-up between listing the spool and waiting is not lost. */
  private boolean woken;

  private final Thread worker;
  private volatile boolean running = true;

  public Uploader(StoreConnection store, Spool spool, RecorderMetrics metrics, Clock clock) {
    this.store = store;
    this.upload = new VerifiedUpload(store);
    this.spool = spool;
    this.metrics = metrics;
    this.clock = clock;
    this.worker = new Thread(this::loop, "uploader");
    this.worker.setDaemon(true);
  }

  /**
   * Fails when the store answers that the bucket does not exist: a configuration error no retry
   * fixes. A store that does not answer at all is not an error here: the spool bridges it.
   */
  public void checkBucket() {
    boolean exists;
    try {
      exists =
          store.client().bucketExists(BucketExistsArgs.builder().bucket(store.bucket()).build());
    } catch (IOException e) {
      LOG.warning(
          "object store not reachable at start-up ("
              + e.getClass().getSimpleName()
              + "); recording into the spool until it is");
      return;
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot use bucket '" + store.bucket() + "': " + e.getMessage(), e);
    }
    if (!exists) {
      throw new IllegalStateException(
          "bucket '" + store.bucket() + "' does not exist; create it first");
    }
  }

  public void start() {
    worker.start();
  }

  /** A segment was just finished: don't wait for the next poll. */
  public void wakeUp() {
    synchronized (wake) {
      woken = true;
      wake.notifyAll();
    }
  }

  /**
   * Waits until the spool is empty or the time is up; true if everything was stored. The worker is
   * not woken: each finished segment woke it already, and waking it again would cut its backoff
   * short against a store that is down (it was woken every 50 ms here once: 19 PUTs a second).
   */
  public boolean drain(Duration timeout) throws InterruptedException {
    Instant deadline = clock.instant().plus(timeout);
    while (spool.backlogSegments() > 0) {
      if (clock.instant().isAfter(deadline)) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    wakeUp();
    worker.interrupt();
    worker.join(5000);
  }

  private void loop() {
    int failures = 0;
    while (running) {
      List<Path> ready = spool.readyOldestFirst();
      if (ready.isEmpty()) {
        // Every finished or recovered segment wakes us; the poll is only a safety net.
        idle(IDLE_POLL);
        continue;
      }
      Path next = ready.get(0);
      try {
        upload(next);
        if (failures > 0) {
          LOG.info("object store reachable again after " + failures + " failed attempts");
        }
        failures = 0;
        backoff.reset();
      } catch (NoSuchFileException gone) {
        // dropped by the spool limit while we were at it; already counted as lost there
      } catch (Exception e) {
        metrics.uploadFailed();
        failures++;
        Duration delay = backoff.nextDelay();
        if (failures == 1 || failures % 10 == 0) {
          LOG.warning(
              "upload of "
                  + next.getFileName()
                  + " failed (attempt "
                  + failures
                  + ", "
                  + e.getClass().getSimpleName()
                  + ": "
                  + e.getMessage()
                  + "); retrying in "
                  + delay.toMillis()
                  + " ms");
        }
        idle(delay);
      }
    }
  }

  private void upload(Path file) throws Exception {
    String key = spool.keyOf(file).objectKey();
    long size = upload.put(file, key, VerifiedUpload.MP4);
    Duration latency = Duration.between(spool.finishedAt(file), clock.instant());
    spool.stored(file);
    metrics.segmentStored(size, latency);
    LOG.fine("stored " + key);
  }

  private void idle(Duration d) {
    synchronized (wake) {
      try {
        if (!woken) {
          wake.wait(Math.max(1, d.toMillis()));
        }
        woken = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
    }
  }
}
