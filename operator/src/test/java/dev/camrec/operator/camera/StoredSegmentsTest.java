package dev.camrec.operator.camera;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camrec.contract.layout.SegmentKey;
import dev.camrec.operator.common.EffectiveStorage;
import java.time.Duration;
import java.time.Instant;
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
}
