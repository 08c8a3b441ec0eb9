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
import java.util.function.Function;
import okhttp3.OkHttpClient;
import org.jboss.logging.Logger;

/**
 * Asks S3 whether a camera's bucket is there (creating it when allowed), what its newest segment is
 * and where the stored recording has gaps, from the keys of the last 24 hours (the key layout gives
 * start and duration, with no HEAD per object). Answers are cached per camera and a camera is
 * listed again when its next segment should have landed ({@link ObservationCadence#nextListing}):
 * at 10,000 cameras every request per camera and segment is some 170 a second against the user's
 * store.
 */
public class StorageProbe implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(StorageProbe.class);

  private final ObservationCadence cadence;
  private final Map<ConnectionKey, StoreConnection> connections = new ConcurrentHashMap<>();
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private final Map<String, ReportRead> reports = new ConcurrentHashMap<>();
  private final Map<String, Instant> bucketsSeen = new ConcurrentHashMap<>();
  private final OkHttpClient http;

  public StorageProbe(Duration minPollInterval) {
    this(minPollInterval, StoreTimeouts.PROBE.httpClient());
  }

  /** With the HTTP client given: tests put faults between the probe and a real store. */
  StorageProbe(Duration minPollInterval, OkHttpClient http) {
    this.cadence = new ObservationCadence(minPollInterval);
    this.http = http;
  }

  /**
   * When the camera's storage is listed next ({@link ObservationCadence#nextListing}); a camera not
   * listed yet is due at once.
   */
  public Instant nextListing(String namespace, String camera, Instant now) {
    Cached cached = cache.get(namespace + "/" + camera);
    return cached == null ? now : cached.nextListingAt;
  }

  /**
   * The storage state of one camera; listed again only when its next listing is due or the storage
   * settings changed. A poll lists only the keys after the newest one already seen (keys sort by
   * time), so it costs O(new segments) however many the day holds; every {@link
   * ObservationCadence#FULL_LISTING_EVERY} the last 24 hours are listed whole, to take in late
   * uploads older than the newest key and what retention deleted.
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
    if (sameStorage && now.isBefore(cached.nextListingAt)) {
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
        listCheckingTheBucketWhenDue(
            storage,
            now,
            checkBucket ->
                listOnce(
                    namespace,
                    camera,
                    storage,
                    credentials,
                    segmentSeconds,
                    now,
                    segments,
                    checkBucket));
    // A listing that failed part-way keeps the keys it got (they are in key order, so nothing
    // before the newest is missing): the next poll goes on after them instead of starting over.
    // A store too slow to list a day of keys within one poll's timeouts is read through in the end.
    boolean keep = observation.segmentsKnown() || segments.newestKey().isPresent();
    cache.put(
        cameraKey,
        new Cached(
            storage,
            now,
            cadence.nextListing(observation.newestSegmentEnd(), segmentSeconds, now),
            observation,
            keep ? Optional.of(segments) : Optional.empty(),
            fullListingAt));
    return observation;
  }

  /**
   * The recorder's last report on the camera ({@link RecorderReport}), if the store has one: one
   * small GET, made once per listing of the camera, and on every look while {@code urgent} (the
   * recorder is not ready: what the report says, why the camera gives no media, should show within
   * seconds).
   */
  public Optional<RecorderReport> report(
      String namespace,
      String camera,
      EffectiveStorage storage,
      StorageCredentials credentials,
      boolean urgent,
      Instant now) {
    String cameraKey = namespace + "/" + camera;
    ReportRead held = reports.get(cameraKey);
    Cached listed = cache.get(cameraKey);
    boolean listedSince = listed != null && listed.at.isAfter(held == null ? Instant.MIN : held.at);
    if (held != null && !urgent && !listedSince && held.storage.equals(storage)) {
      return held.report;
    }
    Optional<RecorderReport> report = read(namespace, camera, storage, credentials);
    reports.put(cameraKey, new ReportRead(storage, now, report));
    return report;
  }

  private Optional<RecorderReport> read(
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
    reports.values().removeIf(r -> r.at.isBefore(cutoff));
  }

  /**
   * Lists the camera's new keys. The bucket is asked for first only when no poll saw it within
   * {@link ObservationCadence#BUCKET_CHECK_EVERY}; when a listing without that check fails, it is
   * tried again with it, so every failure is told as before (a missing bucket, denied access, a
   * store that does not answer).
   */
  private StorageObservation listCheckingTheBucketWhenDue(
      EffectiveStorage storage,
      Instant now,
      Function<Boolean, StorageObservation> listingCheckingTheBucket) {
    String bucket = storage.endpoint() + " " + storage.bucket();
    Instant seen = bucketsSeen.get(bucket);
    boolean bucketKnown =
        seen != null && seen.plus(ObservationCadence.BUCKET_CHECK_EVERY).isAfter(now);
    if (bucketKnown) {
      StorageObservation listed = listingCheckingTheBucket.apply(false);
      if (listed.segmentsKnown()) {
        return listed;
      }
      bucketsSeen.remove(bucket);
    }
    StorageObservation checked = listingCheckingTheBucket.apply(true);
    if (checked.available()) {
      bucketsSeen.put(bucket, now);
    }
    return checked;
  }

  private StorageObservation listOnce(
      String namespace,
      String camera,
      EffectiveStorage storage,
      StorageCredentials credentials,
      int segmentSeconds,
      Instant now,
      StoredSegments segments,
      boolean checkBucket) {
    StoreConnection store = connectionFor(storage, credentials);
    MinioClient client = store.client();
    boolean bucketAnswered = false;
    try {
      if (checkBucket
          && !client.bucketExists(BucketExistsArgs.builder().bucket(storage.bucket()).build())) {
        if (!storage.mayCreateBucket()) {
          return StorageObservation.without(Answer.BUCKET_NOT_FOUND, storage, "");
        }
        createBucket(client, storage);
      }
      bucketAnswered = checkBucket;
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
      Instant nextListingAt,
      StorageObservation observation,
      Optional<StoredSegments> segments,
      Instant fullListingAt) {}

  /** The last report read for one camera, and when. */
  private record ReportRead(
      EffectiveStorage storage, Instant at, Optional<RecorderReport> report) {}
}
