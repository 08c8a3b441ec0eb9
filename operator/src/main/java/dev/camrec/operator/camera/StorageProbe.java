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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.jboss.logging.Logger;

/**
 * Asks S3 whether a camera's bucket is there (creating it when allowed), what its newest segment is
 * and where the stored recording has gaps, from the keys of the last 24 hours (the key layout gives
 * start and duration, with no HEAD per object). Answers are cached per camera so a camera is listed
 * at most once per {@link #pollInterval}.
 */
public class StorageProbe implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(StorageProbe.class);
  private static final Duration MAX_POLL_INTERVAL = Duration.ofMinutes(1);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** Three listing pages: what a store reads per page at most, where it reads the whole prefix. */
  private static final int MAX_KEYS_PER_PREFIX = 3_000;

  /** How often the last 24 hours are listed whole rather than only after the newest key. */
  private static final Duration FULL_LISTING_EVERY = Duration.ofMinutes(10);

  /** Every Camera is reconciled at least every few minutes, so older answers are orphans. */
  private static final Duration ABANDONED_AFTER = Duration.ofMinutes(30);

  private final Duration minPollInterval;
  private final Map<ClientKey, MinioClient> clients = new ConcurrentHashMap<>();
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private final OkHttpClient http;

  public StorageProbe(Duration minPollInterval) {
    this(
        minPollInterval,
        new OkHttpClient.Builder()
            .connectTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
            .callTimeout(3 * TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
            .retryOnConnectionFailure(false)
            .build());
  }

  /** With the HTTP client given: tests put faults between the probe and a real store. */
  StorageProbe(Duration minPollInterval, OkHttpClient http) {
    this.minPollInterval = minPollInterval;
    this.http = http;
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
   * poll interval or the storage settings changed. A poll lists only the keys after the newest one
   * already seen (keys sort by time), so it costs O(new segments) however many the day holds; every
   * {@link #FULL_LISTING_EVERY} the last 24 hours are listed whole, to take in late uploads older
   * than the newest key and what retention deleted.
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
    boolean sameStorage = cached != null && cached.storage.equals(storage);
    if (sameStorage && cached.at.plus(pollInterval(segmentSeconds)).isAfter(now)) {
      return cached.observation;
    }
    evictAbandoned(now);
    boolean incremental =
        sameStorage
            && cached.segments.isPresent()
            && cached.fullListingAt.plus(FULL_LISTING_EVERY).isAfter(now);
    StoredSegments segments = incremental ? cached.segments.get() : new StoredSegments();
    Instant fullListingAt = incremental ? cached.fullListingAt : now;
    StorageObservation observation =
        list(namespace, camera, storage, credentials, segmentSeconds, now, segments);
    // A listing that failed part-way keeps the keys it got (they are in key order, so nothing
    // before the newest is missing): the next poll goes on after them instead of starting over.
    // A store too slow to list a day of keys within one poll's timeouts is read through in the end.
    boolean keep = observation.segmentsKnown() || segments.newestKey().isPresent();
    cache.put(
        cameraKey,
        new Cached(
            storage,
            now,
            observation,
            keep ? Optional.of(segments) : Optional.empty(),
            fullListingAt));
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
      String namespace,
      String camera,
      EffectiveStorage storage,
      Credentials credentials,
      int segmentSeconds,
      Instant now,
      StoredSegments segments) {
    MinioClient client = clientFor(storage, credentials);
    String where = "bucket " + storage.bucket() + " at " + storage.endpoint();
    // One reason whether or not the bucket was just created: the condition must not flip on the
    // next poll, when the bucket merely exists.
    String reason = "BucketAvailable";
    String message = "Segments go to " + where + ".";
    boolean bucketAnswered = false;
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
      bucketAnswered = true;
      listNewSegments(client, storage, namespace, camera, segmentSeconds, now, segments);
      return segments.observe(now, reason, message);
    } catch (ErrorResponseException e) {
      String code = e.errorResponse().code();
      return StorageObservation.unavailable(
          "False",
          "AccessDenied".equals(code) || code.contains("AccessKey") || code.contains("Signature")
              ? "AccessDenied"
              : "StorageError",
          where
              + " answered "
              + code
              + "; check the access key pair in Secret "
              + storage.secretName()
              + ".");
    } catch (Exception e) {
      if (bucketAnswered) {
        // A slow store, not a missing one: the bucket answered, a listing page timed out.
        return StorageObservation.listingIncomplete(
            reason,
            message,
            "listing the segments in "
                + where
                + " did not finish ("
                + e.getClass().getSimpleName()
                + "); the next poll goes on after the keys it got.");
      }
      return StorageObservation.unavailable(
          "False",
          "StorageUnreachable",
          "Cannot reach "
              + where
              + ": "
              + e.getClass().getSimpleName()
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

  /**
   * Adds the keys after the newest one held, from the prefixes that can hold them: those from the
   * newest held segment's day or hour (at most a day ago) to now.
   */
  private static void listNewSegments(
      MinioClient client,
      EffectiveStorage storage,
      String namespace,
      String camera,
      int segmentSeconds,
      Instant now,
      StoredSegments segments)
      throws Exception {
    Instant dayAgo = now.minus(1, ChronoUnit.DAYS);
    Instant from = segments.newestStart().filter(dayAgo::isBefore).orElse(dayAgo);
    ChronoUnit span = listingSpan(segmentSeconds);
    for (Instant t = from.truncatedTo(span); !t.isAfter(now); t = t.plus(1, span)) {
      ListObjectsArgs.Builder listing =
          ListObjectsArgs.builder()
              .bucket(storage.bucket())
              .prefix(
                  span == ChronoUnit.HOURS
                      ? SegmentKey.hourPrefix(namespace, camera, t)
                      : SegmentKey.dayPrefix(namespace, camera, t))
              .recursive(true);
      segments.newestKey().ifPresent(listing::startAfter);
      for (Result<Item> result : client.listObjects(listing.build())) {
        Item item = result.get();
        String name = item.objectName();
        Optional<SegmentKey.Timing> timing =
            SegmentKey.parseFileName(name.substring(name.lastIndexOf('/') + 1));
        if (timing.isPresent()) {
          segments.add(name, timing.get(), item.size());
        }
      }
    }
  }

  /**
   * What one listing asks for: a day of keys, or an hour where a day holds more than {@link
   * #MAX_KEYS_PER_PREFIX}. Some stores read every key under the prefix for each page they answer
   * (s3proxy's filesystem store does): a day of 3 s segments is 28,800 keys, and each of its 29
   * pages took 1.3 s on an idle machine and longer than the timeout under load, so the Camera said
   * StorageUnreachable while segments landed. Days where they are small keep a full listing at two
   * requests, not 25 (a thousand Cameras starting at once).
   */
  private static ChronoUnit listingSpan(int segmentSeconds) {
    long keysPerDay = ChronoUnit.DAYS.getDuration().toSeconds() / segmentSeconds;
    return keysPerDay > MAX_KEYS_PER_PREFIX ? ChronoUnit.HOURS : ChronoUnit.DAYS;
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

  /**
   * The last answer for one camera, and the segments it was computed from when storage answered.
   */
  private record Cached(
      EffectiveStorage storage,
      Instant at,
      StorageObservation observation,
      Optional<StoredSegments> segments,
      Instant fullListingAt) {}
}
