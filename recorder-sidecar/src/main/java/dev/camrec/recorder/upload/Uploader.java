package dev.camrec.recorder.upload;

import dev.camrec.recorder.health.RecorderMetrics;
import dev.camrec.recorder.record.Backoff;
import dev.camrec.recorder.spool.Spool;
import io.minio.BucketExistsArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MinioClient;
import io.minio.http.Method;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Uploads finished segments from the spool, oldest first, one at a time. A segment is removed from
 * the spool only after the store checked the body against the Content-MD5 header we sent and its
 * answer confirms it (see {@link StoreReceipt}). Failures are retried with backoff for as long as
 * it takes; the spool keeps the data meanwhile.
 *
 * <p>Each segment goes up as one PUT to a URL presigned for it (signature V4 with an unsigned
 * payload), not through the client's own upload. That upload signs the payload: it reads the whole
 * file once more to hash it with SHA-256, which on the recorder's C1-only JVM cost three times the
 * MD5 and more CPU than all of FFmpeg's stream copy (see bench/RESULTS.md). The MD5 is the
 * integrity check either way; the signature's payload hash would only be a second one.
 */
public final class Uploader implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Uploader.class.getName());
  private static final MediaType MP4 = MediaType.get("video/mp4");

  /** A presigned URL is made right before its PUT; it need not live long. */
  private static final int URL_EXPIRY_MINUTES = 15;

  private static final Duration IDLE_POLL = Duration.ofSeconds(5);
  private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]*)</Code>");

  private final MinioClient client;
  private final OkHttpClient http;
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

  public Uploader(
      MinioClient client,
      OkHttpClient http,
      String bucket,
      Spool spool,
      RecorderMetrics metrics,
      Clock clock) {
    this.client = client;
    this.http = http;
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
      LOG.warning(
          "object store not reachable at start-up ("
              + e.getClass().getSimpleName()
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
    long size = Files.size(file);
    byte[] md5 = md5(file);
    String url =
        client.getPresignedObjectUrl(
            GetPresignedObjectUrlArgs.builder()
                .method(Method.PUT)
                .bucket(bucket)
                .object(key)
                .expiry(URL_EXPIRY_MINUTES, TimeUnit.MINUTES)
                .build());
    Request put =
        new Request.Builder()
            .url(url)
            .header("Content-MD5", Base64.getEncoder().encodeToString(md5))
            .put(RequestBody.create(file.toFile(), MP4))
            .build();
    StoreReceipt receipt;
    try (Response response = http.newCall(put).execute()) {
      if (!response.isSuccessful()) {
        // The URL carries the access key and a signature: name the key, never the URL.
        throw new IOException(
            "store answered "
                + response.code()
                + " "
                + errorCode(response.body().string())
                + " for "
                + key);
      }
      receipt = StoreReceipt.of(response);
    }
    Optional<String> mismatch = receipt.mismatch(md5);
    if (mismatch.isPresent()) {
      throw new IOException(mismatch.get() + " for " + key);
    }
    Duration latency = Duration.between(spool.finishedAt(file), clock.instant());
    spool.stored(file);
    metrics.segmentStored(size, latency);
    LOG.fine("stored " + key);
  }

  /** The S3 error code (BadDigest, AccessDenied, ...) of an error answer, if it has one. */
  private static String errorCode(String body) {
    Matcher m = ERROR_CODE.matcher(body);
    return m.find() ? m.group(1) : "";
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
