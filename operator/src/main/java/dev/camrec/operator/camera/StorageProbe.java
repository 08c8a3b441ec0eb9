package dev.camrec.operator.camera;

import dev.camrec.recorder.layout.SegmentKey;
import io.minio.BucketExistsArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.jboss.logging.Logger;

/**
 * Asks S3 whether a camera's bucket is there (creating it when allowed), what its newest segment
 * is and where the stored recording has gaps, by listing today's and yesterday's day prefixes (the key layout makes that O(segments of two
 * days), with no HEAD per object). Answers are cached per camera so a camera is listed at most once
 * per {@link #pollInterval}.
 */
public class StorageProbe implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(StorageProbe.class);
  private static final Duration MAX_POLL_INTERVAL = Duration.ofMinutes(1);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  /** Every Camera is reconciled at least every few minutes, so older answers are orphans. */
  private static final Duration ABANDONED_AFTER = Duration.ofMinutes(30);

  private final Duration minPollInterval;
  private final Map<ClientKey, MinioClient> clients = new ConcurrentHashMap<>();
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private final OkHttpClient http =
      new OkHttpClient.Builder()
          .connectTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .readTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .callTimeout(3 * TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .retryOnConnectionFailure(false)
          .build();

  public StorageProbe(Duration minPollInterval) {
    this.minPollInterval = minPollInterval;
  }

  /** How often one camera's storage is listed: half a segment, within [min, 1 min]. */
  public Duration pollInterval(int segmentSeconds) {
    Duration half = Duration.ofMillis(segmentSeconds * 500L);
    if (half.compareTo(minPollInterval) < 0) {
      return minPollInterval;
    }
    return half.compareTo(MAX_POLL_INTERVAL) > 0 ? MAX_POLL_INTERVAL : half;
  }

  /**
   * The storage state of one camera; listed again only when the cached answer is older than the
   * poll interval or the storage settings changed.
   */
  public StorageObservation observe(
      String namespace,
      String camera,
      EffectiveStorage storage,
      Credentials credentials,
      int segmentSeconds,
      Instant now) {
    String cameraKey = namespace + "/" + camera;
    Cached cached = cache.get(cameraKey);
    if (cached != null
        && cached.storage.equals(storage)
        && cached.at.plus(pollInterval(segmentSeconds)).isAfter(now)) {
      return cached.observation;
    }
    evictAbandoned(now);
    StorageObservation observation = list(namespace, camera, storage, credentials, now);
    cache.put(cameraKey, new Cached(storage, now, observation));
    return observation;
  }

  /**
   * Drops answers nobody asked for again for a while: those of deleted Cameras. Done here rather
   * than with a finalizer, which would block Camera deletion while the operator is down.
   */
  private void evictAbandoned(Instant now) {
    Instant cutoff = now.minus(ABANDONED_AFTER);
    cache.values().removeIf(c -> c.at.isBefore(cutoff));
  }

  private StorageObservation list(
      String namespace, String camera, EffectiveStorage storage, Credentials credentials, Instant now) {
    MinioClient client = clientFor(storage, credentials);
    String where = "bucket " + storage.bucket() + " at " + storage.endpoint();
    try {
      if (!client.bucketExists(BucketExistsArgs.builder().bucket(storage.bucket()).build())) {
        if (!storage.mayCreateBucket()) {
          return StorageObservation.unavailable(
              "False",
              "BucketNotFound",
              where + " does not exist; create it, or point spec.storage.bucket at one that does.");
        }
        createBucket(client, storage, where);
      }
      // One reason whether or not the bucket was just created: the condition must not flip on
      // the next poll, when the bucket merely exists.
      return segments(
          client, storage, namespace, camera, now, "BucketAvailable", "Segments go to " + where + ".");
    } catch (ErrorResponseException e) {
      String code = e.errorResponse().code();
      return StorageObservation.unavailable(
          "False",
          "AccessDenied".equals(code) || code.contains("AccessKey") || code.contains("Signature")
              ? "AccessDenied"
              : "StorageError",
          where + " answered " + code + "; check the access key pair in Secret "
              + storage.secretName() + ".");
    } catch (Exception e) {
      return StorageObservation.unavailable(
          "False",
          "StorageUnreachable",
          "Cannot reach " + where + ": " + e.getClass().getSimpleName()
              + "; check the endpoint and that the storage is up.");
    }
  }

  /**
   * Creates the bucket; when many Cameras find it missing at once (operator start), all but one
   * lose the race, and for them "already there" is success.
   */
  private static void createBucket(MinioClient client, EffectiveStorage storage, String where)
      throws Exception {
    try {
      client.makeBucket(
          MakeBucketArgs.builder().bucket(storage.bucket()).region(storage.region()).build());
      LOG.infof("created %s", where);
    } catch (ErrorResponseException e) {
      String code = e.errorResponse().code();
      if (!"BucketAlreadyOwnedByYou".equals(code) && !"BucketAlreadyExists".equals(code)) {
        throw e;
      }
    }
  }

  private static StorageObservation segments(
      MinioClient client,
      EffectiveStorage storage,
      String namespace,
      String camera,
      Instant now,
      String reason,
      String message)
      throws Exception {
    Instant newestStart = null;
    Instant newestEnd = null;
    long lastHour = 0;
    long lastDay = 0;
    Instant hourAgo = now.minus(1, ChronoUnit.HOURS);
    Instant dayAgo = now.minus(1, ChronoUnit.DAYS);
    List<SegmentKey.Timing> timings = new ArrayList<>();
    for (Instant day : new Instant[] {dayAgo, now}) {
      String prefix = SegmentKey.dayPrefix(namespace, camera, day);
      for (Result<Item> result :
          client.listObjects(
              ListObjectsArgs.builder().bucket(storage.bucket()).prefix(prefix).recursive(true).build())) {
        Item item = result.get();
        String name = item.objectName().substring(prefix.length());
        Optional<SegmentKey.Timing> timing = SegmentKey.parseFileName(name);
        if (timing.isEmpty()) {
          continue;
        }
        timings.add(timing.get());
        Instant start = timing.get().start();
        if (newestStart == null || start.isAfter(newestStart)) {
          newestStart = start;
          newestEnd = start.plus(timing.get().duration());
        }
        if (start.isAfter(dayAgo)) {
          lastDay += item.size();
        }
        if (start.isAfter(hourAgo)) {
          lastHour += item.size();
        }
      }
    }
    return new StorageObservation(
        "True",
        reason,
        message,
        Optional.ofNullable(newestStart),
        Optional.ofNullable(newestEnd),
        lastHour,
        lastDay,
        RecordingBreaks.gaps(timings));
  }

  private MinioClient clientFor(EffectiveStorage storage, Credentials credentials) {
    return clients.computeIfAbsent(
        new ClientKey(storage.endpoint(), storage.region(), credentials),
        k ->
            MinioClient.builder()
                .endpoint(k.endpoint)
                .region(k.region)
                .credentials(k.credentials.accessKey(), k.credentials.secretKey())
                .httpClient(http)
                .build());
  }

  @PreDestroy
  @Override
  public void close() {
    for (MinioClient client : clients.values()) {
      try {
        client.close();
      } catch (Exception e) {
        // Closing only releases the shared connection pool; nothing is lost.
      }
    }
    clients.clear();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  /** An S3 access key pair; toString hides the secret key. */
  public record Credentials(String accessKey, String secretKey) {
    @Override
    public String toString() {
      return "Credentials[accessKey=" + accessKey + ", secretKey=***]";
    }
  }

  private record ClientKey(String endpoint, String region, Credentials credentials) {}

  private record Cached(EffectiveStorage storage, Instant at, StorageObservation observation) {}
}
