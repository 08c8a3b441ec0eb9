package dev.camrec.operator.camera;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camrec.contract.layout.SegmentKey;
import dev.camrec.operator.common.EffectiveStorage;
import dev.camrec.operator.common.StorageCredentials;
import dev.camrec.testbed.s3.EmbeddedS3;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageProbeTest {

  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  private static final Duration SEGMENT = Duration.ofSeconds(2);

  /** More than one listing page (1,000 keys): the second page is where the store fails. */
  private static final int SEGMENTS = 1_500;

  @TempDir Path dir;

  private final AtomicInteger listings = new AtomicInteger();
  private final List<String> prefixes = new CopyOnWriteArrayList<>();
  private final AtomicBoolean laterPagesTimeOut = new AtomicBoolean(true);

  @Test
  void aListingThatFailsPartWayGoesOnFromWhereItStoppedAtTheNextPoll() throws IOException {
    try (EmbeddedS3 s3 = EmbeddedS3.start(dir)) {
      s3.createBucket("rec");
      List<String> keys = new ArrayList<>();
      Instant first = NOW.minus(SEGMENT.multipliedBy(SEGMENTS + 10));
      for (int i = 0; i < SEGMENTS; i++) {
        keys.add(
            new SegmentKey("ns", "cam", first.plus(SEGMENT.multipliedBy(i)), SEGMENT).objectKey());
      }
      s3.putEmptyObjectsDirectly("rec", keys);
      try (StorageProbe probe = new StorageProbe(Duration.ofSeconds(1), slowStore())) {
        EffectiveStorage storage = storage(s3);
        StorageCredentials credentials = new StorageCredentials(s3.accessKey(), s3.secretKey());

        StorageObservation failed = probe.observe("ns", "cam", storage, credentials, 2, NOW);
        // The bucket answered: storage is there, only what landed is not known yet.
        assertThat(failed.available()).isTrue();
        assertThat(StorageCondition.of(failed).getReason()).isEqualTo("BucketAvailable");
        assertThat(failed.segmentsKnown()).isFalse();
        assertThat(StorageCondition.listingProblem(failed)).contains("SocketTimeoutException");
        // The 23 empty hours from a day ago, then the recorded hour: its first page, and its
        // second page (timed out).
        assertThat(listings.getAndSet(0)).isEqualTo(25);

        laterPagesTimeOut.set(false);
        StorageObservation resumed =
            probe.observe("ns", "cam", storage, credentials, 2, NOW.plusSeconds(2));

        // The 500 keys after the 1,000 the failed poll got, then this hour (empty). Starting over
        // would take 25 listings, as above.
        assertThat(listings.get()).isEqualTo(2);
        assertThat(resumed.segmentsKnown()).isTrue();
        assertThat(resumed.newestSegmentStart())
            .contains(first.plus(SEGMENT.multipliedBy(SEGMENTS - 1)));
        // Every key in between was taken in: a missed one would show as a gap.
        assertThat(resumed.gaps()).isEmpty();
      }
    }
  }

  @Test
  void shortSegmentsAreListedAnHourAtATime() throws IOException {
    // 2 s segments: 43,200 keys a day. A store that reads every key under a prefix for each page
    // reads at most an hour of them.
    List<String> expected = new ArrayList<>();
    for (Instant hour = NOW.minus(Duration.ofDays(1));
        !hour.isAfter(NOW);
        hour = hour.plus(Duration.ofHours(1))) {
      expected.add(SegmentKey.hourPrefix("ns", "cam", hour));
    }
    assertThat(prefixesListedAtFirstPoll(2)).containsExactlyElementsOf(expected);
  }

  @Test
  void longSegmentsAreListedADayAtATime() throws IOException {
    // 60 s segments: 1,440 keys a day, two requests for yesterday and today.
    assertThat(prefixesListedAtFirstPoll(60))
        .containsExactly(
            SegmentKey.dayPrefix("ns", "cam", NOW.minus(Duration.ofDays(1))),
            SegmentKey.dayPrefix("ns", "cam", NOW));
  }

  @Test
  void aRecordingCameraCostsOneListingAndOneReportReadPerSegment() throws IOException {
    // A camera whose 60 s segments land as they end, looked at every 5 s (other events wake the
    // reconciler too) for nine minutes: before the first full relisting at ten.
    try (EmbeddedS3 s3 = EmbeddedS3.start(dir)) {
      s3.createBucket("rec");
      try (StorageProbe probe = new StorageProbe(Duration.ofSeconds(10))) {
        EffectiveStorage storage = storage(s3);
        StorageCredentials credentials = new StorageCredentials(s3.accessKey(), s3.secretKey());
        Duration segment = Duration.ofSeconds(60);
        // Its recorder ran before: a segment ended 40 s before the first look.
        Instant nextEnd = NOW.minusSeconds(40);
        Duration worstLag = Duration.ZERO;
        long requestsAtFirstLook = 0;
        for (Instant now = NOW;
            now.isBefore(NOW.plus(Duration.ofMinutes(9)));
            now = now.plusSeconds(5)) {
          while (!nextEnd.isAfter(now)) {
            s3.putEmptyObjectsDirectly(
                "rec",
                List.of(new SegmentKey("ns", "cam", nextEnd.minus(segment), segment).objectKey()));
            nextEnd = nextEnd.plus(segment);
          }
          StorageObservation seen = probe.observe("ns", "cam", storage, credentials, 60, now);
          probe.report("ns", "cam", storage, credentials, false, now);
          if (now.equals(NOW)) {
            requestsAtFirstLook = total(s3);
          }
          Instant landed = nextEnd.minus(segment);
          if (seen.newestSegmentEnd().isPresent()
              && seen.newestSegmentEnd().get().isBefore(landed)) {
            Duration lag = Duration.between(landed, now);
            worstLag = lag.compareTo(worstLag) > 0 ? lag : worstLag;
          }
        }
        // Nine segments landed after the first look: each listed once, its report read once;
        // and the bucket asked for again once, five minutes in.
        assertThat(s3.requestsServed()).containsEntry("headBucket", 2L);
        assertThat(total(s3) - requestsAtFirstLook).isEqualTo(2 * 9 + 1);
        // LAST SEGMENT follows the store within the upload allowance (6 s) and one look (5 s).
        assertThat(worstLag).isLessThanOrEqualTo(Duration.ofSeconds(10));
      }
    }
  }

  @Test
  void whileTheRecorderIsNotReadyItsReportIsReadOnEveryLook() throws IOException {
    try (EmbeddedS3 s3 = EmbeddedS3.start(dir)) {
      s3.createBucket("rec");
      try (StorageProbe probe = new StorageProbe(Duration.ofSeconds(10))) {
        EffectiveStorage storage = storage(s3);
        StorageCredentials credentials = new StorageCredentials(s3.accessKey(), s3.secretKey());
        probe.observe("ns", "cam", storage, credentials, 60, NOW);
        for (int look = 0; look < 3; look++) {
          probe.report("ns", "cam", storage, credentials, true, NOW.plusSeconds(look));
        }
        probe.report("ns", "cam", storage, credentials, false, NOW.plusSeconds(4));
        assertThat(s3.requestsServed()).containsEntry("getBlob", 3L);
      }
    }
  }

  private static EffectiveStorage storage(EmbeddedS3 s3) {
    return new EffectiveStorage(
        s3.endpoint().toString(), "us-east-1", "rec", "storage", "accessKey", "secretKey", false);
  }

  private static long total(EmbeddedS3 s3) {
    return s3.requestsServed().values().stream().mapToLong(Long::longValue).sum();
  }

  private List<String> prefixesListedAtFirstPoll(int segmentSeconds) throws IOException {
    try (EmbeddedS3 s3 = EmbeddedS3.start(dir)) {
      s3.createBucket("rec");
      laterPagesTimeOut.set(false);
      try (StorageProbe probe = new StorageProbe(Duration.ofSeconds(1), slowStore())) {
        EffectiveStorage storage = storage(s3);
        StorageCredentials credentials = new StorageCredentials(s3.accessKey(), s3.secretKey());

        assertThat(
                probe.observe("ns", "cam", storage, credentials, segmentSeconds, NOW).available())
            .isTrue();
      }
      return prefixes;
    }
  }

  /**
   * Counts listing requests and their prefixes; while asked to, times out every listing page after
   * the first.
   */
  private OkHttpClient slowStore() {
    return new OkHttpClient.Builder()
        .addInterceptor(
            chain -> {
              HttpUrl url = chain.request().url();
              if (url.queryParameter("list-type") != null) {
                listings.incrementAndGet();
                prefixes.add(url.queryParameter("prefix"));
                if (laterPagesTimeOut.get() && url.queryParameter("continuation-token") != null) {
                  throw new SocketTimeoutException("the store took too long for this page");
                }
              }
              return chain.proceed(chain.request());
            })
        .build();
  }
}
