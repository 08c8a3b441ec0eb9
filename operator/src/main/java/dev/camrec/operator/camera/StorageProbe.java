package dev.camrec.operator.camera;

import dev.camrec.contract.layout.RecorderReportKey;
import dev.camrec.contract.report.RecorderReport;
import dev.camrec.contract.store.ListingFailed;
import dev.camrec.contract.store.SegmentListing;
import dev.camrec.contract.store.StoreConnection;
import dev.camrec.contract.store.StoreSettings;
import dev.camrec.contract.store.StoreTimeouts;
import dev.camrec.contract.store.StoredSegment;
import dev.camrec.operator.camera.StorageObservation.Answer;
import dev.camrec.operator.common.EffectiveStorage;
import dev.camrec.operator.common.ObservationCadence;
import dev.camrec.operator.common.StorageCredentials;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.errors.ErrorResponseException;
import jakarta.annotation.PreDestroy;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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

  private final ObservationCadence cadence;
  private final Map<ConnectionKey, StoreConnection> connections = new ConcurrentHashMap<>();
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private final OkHttpClient http;

  public StorageProbe(Duration minPollInterval) {
    this(minPollInterval, StoreTimeouts.PROBE.httpClient());
  }

  /** With the HTTP client given: tests put faults between the probe and a real store. */
  StorageProbe(Duration minPollInterval, OkHttpClient http) {
    this.cadence = new ObservationCadence(minPollInterval);
    this.http = http;
  }

  /** How often one camera's storage is listed: {@link ObservationCadence#pollInterval}. */
  public Duration pollInterval(int segmentSeconds) {
    return cadence.pollInterval(segmentSeconds);
  }

  /**
   * The storage state of one camera; listed again only when the cached answer is older than the
   * poll interval or the storage settings changed. A poll lists only the keys after the newest one
   * already seen (keys sort by time), so it costs O(new segments) however many the day holds; every
   * {@link ObservationCadence#FULL_LISTING_EVERY} the last 24 hours are listed whole, to take in
   * late uploads older than the newest key and what retention deleted.
   */
  public StorageObservation observe(
      String namespace,
      String camera,
      EffectiveStorage storage,
      StorageCredentials credentials,
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
            && cached.fullListingAt.plus(ObservationCadence.FULL_LISTING_EVERY).isAfter(now);
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
   * The recorder's last report on the camera ({@link RecorderReport}), if the store has one. Read
   * on every look, unlike the listing: one small GET, and what it says (why the camera gives no
   * media) should show within seconds.
   */
  public Optional<RecorderReport> report(
      String namespace, String camera, EffectiveStorage storage, StorageCredentials credentials) {
    String key = new RecorderReportKey(namespace, camera).objectKey();
    try (InputStream in =
        connectionFor(storage, credentials)
            .client()
            .getObject(GetObjectArgs.builder().bucket(storage.bucket()).object(key).build())) {
      return RecorderReport.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (Exception e) {
      // None yet (NoSuchKey), or the store failed: StorageAvailable tells the latter.
      return Optional.empty();
    }
  }

  /**
   * Drops answers nobody asked for again for a while: those of deleted Cameras. Done here rather
   * than with a finalizer, which would block Camera deletion while the operator is down.
   */
  private void evictAbandoned(Instant now) {
    Instant cutoff = now.minus(ObservationCadence.ABANDONED_AFTER);
    cache.values().removeIf(c -> c.at.isBefore(cutoff));
  }

  private StorageObservation list(
      String namespace,
      String camera,
      EffectiveStorage storage,
      StorageCredentials credentials,
      int segmentSeconds,
      Instant now,
      StoredSegments segments) {
    StoreConnection store = connectionFor(storage, credentials);
    MinioClient client = store.client();
    boolean bucketAnswered = false;
    try {
      if (!client.bucketExists(BucketExistsArgs.builder().bucket(storage.bucket()).build())) {
        if (!storage.mayCreateBucket()) {
          return StorageObservation.without(Answer.BUCKET_NOT_FOUND, storage, "");
        }
        createBucket(client, storage);
      }
      bucketAnswered = true;
      listNewSegments(store, namespace, camera, segmentSeconds, now, segments);
      return segments.observe(now, storage);
    } catch (ErrorResponseException e) {
      String code = e.errorResponse().code();
      boolean denied =
          "AccessDenied".equals(code) || code.contains("AccessKey") || code.contains("Signature");
      return StorageObservation.without(
          denied ? Answer.ACCESS_DENIED : Answer.STORAGE_ERROR, storage, code);
    } catch (Exception e) {
      // A slow store, not a missing one, when the bucket answered and a listing page timed out.
      return StorageObservation.without(
          bucketAnswered ? Answer.LISTING_INCOMPLETE : Answer.UNREACHABLE,
          storage,
          e.getClass().getSimpleName());
    }
  }

  /**
   * Creates the bucket; when many Cameras find it missing at once (operator start), all but one
   * lose the race, and for them "already there" is success.
   */
  private static void createBucket(MinioClient client, EffectiveStorage storage) throws Exception {
    try {
      client.makeBucket(
          MakeBucketArgs.builder().bucket(storage.bucket()).region(storage.region()).build());
      LOG.infof("created bucket %s at %s", storage.bucket(), storage.endpoint());
    } catch (ErrorResponseException e) {
      String code = e.errorResponse().code();
      if (!"BucketAlreadyOwnedByYou".equals(code) && !"BucketAlreadyExists".equals(code)) {
        throw e;
      }
    }
  }

  /**
   * Adds the keys after the newest one held, from the prefixes that can hold them: those from the
   * newest held segment's day or hour (at most a day ago) to now. A page the store did not deliver
   * ends the listing with what the store said.
   */
  private static void listNewSegments(
      StoreConnection store,
      String namespace,
      String camera,
      int segmentSeconds,
      Instant now,
      StoredSegments segments)
      throws Exception {
    Instant dayAgo = now.minus(ObservationCadence.WINDOW);
    Instant from = segments.newestStart().filter(dayAgo::isBefore).orElse(dayAgo);
    ChronoUnit span = SegmentListing.spanFor(Duration.ofSeconds(segmentSeconds));
    try {
      for (StoredSegment s :
          new SegmentListing(store, namespace, camera)
              .startedInPrefixes(from, now, span, segments.newestKey())) {
        segments.add(s.objectKey(), s.key().timing(), s.size());
      }
    } catch (ListingFailed e) {
      throw (Exception) e.getCause();
    }
  }

  private StoreConnection connectionFor(EffectiveStorage storage, StorageCredentials credentials) {
    StoreSettings settings = credentials.at(storage);
    return connections.computeIfAbsent(
        new ConnectionKey(settings.endpoint(), settings.region(), credentials),
        k -> StoreConnection.sharing(settings, http));
  }

  @PreDestroy
  @Override
  public void close() {
    connections.values().forEach(StoreConnection::close);
    connections.clear();
    StoreConnection.release(http);
  }

  /**
   * One connection per endpoint and key pair: the bucket is a request parameter, so Cameras that
   * share a store share its connection whatever bucket they write to.
   */
  private record ConnectionKey(String endpoint, String region, StorageCredentials credentials) {}

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
