package dev.camrec.operator.camera;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camrec.contract.layout.RecordingGaps;
import dev.camrec.contract.layout.SegmentKey;
import dev.camrec.operator.common.EffectiveStorage;
import dev.camrec.operator.common.ObservationCadence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoredSegmentsTest {

  private static final EffectiveStorage STORAGE =
      new EffectiveStorage("http://s3", "us-east-1", "b", "secret", "a", "s", false);

  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

  private static void add(StoredSegments segments, Instant start, long size) {
    SegmentKey key = new SegmentKey("ns", "cam", start, TEN_SECONDS);
    segments.add(key.objectKey(), new SegmentKey.Timing(start, TEN_SECONDS), size);
  }

  @Test
  void aKeyListedAgainIsCountedOnce() {
    StoredSegments segments = new StoredSegments();
    add(segments, NOW.minusSeconds(30), 100);
    add(segments, NOW.minusSeconds(20), 100);
    // A later listing starting after the newest key never repeats it; a full one would.
    add(segments, NOW.minusSeconds(20), 100);

    StorageObservation observed = segments.observe(NOW, STORAGE);
    assertThat(observed.bytesLastHour()).isEqualTo(200);
    assertThat(observed.newestSegmentStart()).contains(NOW.minusSeconds(20));
    assertThat(observed.newestSegmentEnd()).contains(NOW.minusSeconds(10));
    assertThat(segments.newestKey())
        .contains(new SegmentKey("ns", "cam", NOW.minusSeconds(20), TEN_SECONDS).objectKey());
  }

  @Test
  void countsTheHourAndTheDayAndForgetsWhatIsOlder() {
    StoredSegments segments = new StoredSegments();
    add(segments, NOW.minus(Duration.ofHours(30)), 1);
    add(segments, NOW.minus(Duration.ofHours(20)), 10);
    add(segments, NOW.minus(Duration.ofMinutes(30)), 100);

    StorageObservation observed = segments.observe(NOW, STORAGE);
    assertThat(observed.bytesLastHour()).isEqualTo(100);
    assertThat(observed.bytesLastDay()).isEqualTo(110);
    // The 30 h old segment is gone: the gap after it is no longer known either.
    assertThat(observed.gaps()).hasSize(1);
  }

  @Test
  void aDayHeldAsAnHourOfSegmentsAndFoldedSumsGivesTheFiguresOfEverySegment() {
    Duration minute = Duration.ofMinutes(1);
    Instant begin = NOW.minus(Duration.ofHours(26));
    // A day and two hours of one-minute segments of 1 KB, with two breaks: ten minutes missing
    // 10 h ago, and a segment cut short by 5 s 30 min ago.
    Instant breakAt = NOW.minus(Duration.ofHours(10));
    Instant shortAt = NOW.minus(Duration.ofMinutes(30));
    StoredSegments segments = new StoredSegments();
    List<SegmentKey.Timing> all = new ArrayList<>();
    StorageObservation observed = null;
    for (Instant start = begin; start.isBefore(NOW); start = start.plus(minute)) {
      if (!start.isBefore(breakAt) && start.isBefore(breakAt.plus(Duration.ofMinutes(10)))) {
        continue;
      }
      Duration length = start.equals(shortAt) ? Duration.ofSeconds(55) : minute;
      SegmentKey key = new SegmentKey("ns", "cam", start, length);
      segments.add(key.objectKey(), new SegmentKey.Timing(start, length), 1024);
      all.add(new SegmentKey.Timing(start, length));
      // Polled every minute, as the operator does.
      observed = segments.observe(start.plus(minute), STORAGE);
    }

    assertThat(segments.held()).isLessThanOrEqualTo(61);
    Instant dayAgo = NOW.minus(Duration.ofHours(24));
    long exactDay = all.stream().filter(t -> t.start().isAfter(dayAgo)).count() * 1024;
    long halfABucketOfBytes = StoredSegments.BUCKET.toMinutes() / 2 * 1024;
    assertThat(observed.bytesLastDay())
        .isBetween(exactDay - halfABucketOfBytes, exactDay + halfABucketOfBytes);
    Instant hourAgo = NOW.minus(Duration.ofHours(1));
    assertThat(observed.bytesLastHour())
        .isEqualTo(all.stream().filter(t -> t.start().isAfter(hourAgo)).count() * 1024);
    List<RecordingGaps.Gap> kept =
        RecordingGaps.between(all).stream()
            .filter(g -> g.from().isAfter(NOW.minus(ObservationCadence.KEPT)))
            .toList();
    assertThat(observed.gaps()).isEqualTo(kept).hasSize(2);
  }
}
