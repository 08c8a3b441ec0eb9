package dev.camrec.recorder.upload;

import dev.camrec.recorder.health.RecorderMetrics;
import dev.camrec.recorder.record.Backoff;
import dev.camrec.recorder.spool.Spool;
import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import io.minio.ObjectWriteResponse;
import io.minio.UploadObjectArgs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Uploads finished segments from the spool, oldest first, one at a time. A segment is removed from
 * the spool only after the store answered with an ETag equal to the MD5 we computed (and the
 * store itself checked the body against the Content-MD5 header we sent). Failures are retried
 * with backoff for as long as it takes; the spool keeps the data meanwhile.
 */
public final class Uploader implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Uploader.class.getName());
  /** Largest single PUT: keeps every segment in one part, so its ETag is its MD5. */
  private static final long SINGLE_PART = 5L * 1024 * 1024 * 1024;

  private final MinioClient client;
  private final String bucket;
  private final Spool spool;
  private final RecorderMetrics metrics;
  private final Clock clock;
  private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5));
  private final Object wake = new Object();
  /** Set by {@link #wakeUp} so that a wake-up between listing the spool and waiting is not lost. */
  private boolean woken;
  private final Thread worker;
  private volatile boolean running = true;

  public Uploader(MinioClient client, String bucket, Spool spool, RecorderMetrics metrics, Clock clock) {
    this.client = client;
    this.bucket = bucket;
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
      exists = client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
    } catch (IOException e) {
      LOG.warning("object store not reachable at start-up (" + e.getClass().getSimpleName()
          + "); recording into the spool until it is");
      return;
    } catch (Exception e) {
      throw new IllegalStateException("cannot use bucket '" + bucket + "': " + e.getMessage(), e);
    }
    if (!exists) {
      throw new IllegalStateException("bucket '" + bucket + "' does not exist; create it first");
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

  /** Waits until the spool is empty or the time is up; true if everything was stored. */
  public boolean drain(Duration timeout) throws InterruptedException {
    Instant deadline = clock.instant().plus(timeout);
    while (spool.backlogSegments() > 0) {
      if (clock.instant().isAfter(deadline)) {
        return false;
      }
      wakeUp();
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
        idle(Duration.ofMillis(500));
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
          LOG.warning("upload of " + next.getFileName() + " failed (attempt " + failures + ", "
              + e.getClass().getSimpleName() + ": " + e.getMessage() + "); retrying in " + delay.toMillis() + " ms");
        }
        idle(delay);
      }
    }
  }

  private void upload(Path file) throws Exception {
    String key = spool.keyOf(file).objectKey();
    long size = Files.size(file);
    byte[] md5 = md5(file);
    ObjectWriteResponse response =
        client.uploadObject(
            UploadObjectArgs.builder()
                .bucket(bucket)
                .object(key)
                .filename(file.toString(), SINGLE_PART)
                .contentType("video/mp4")
                .headers(Map.of("Content-MD5", Base64.getEncoder().encodeToString(md5)))
                .build());
    String etag = response.etag() == null ? "" : response.etag().replace("\"", "");
    String expected = HexFormat.of().formatHex(md5);
    if (!etag.equalsIgnoreCase(expected)) {
      throw new IOException("store returned ETag " + etag + " for " + key + ", expected MD5 " + expected);
    }
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

  private static byte[] md5(Path file) throws IOException, NoSuchAlgorithmException {
    MessageDigest digest = MessageDigest.getInstance("MD5");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) {
        digest.update(buf, 0, n);
      }
    }
    return digest.digest();
  }
}
