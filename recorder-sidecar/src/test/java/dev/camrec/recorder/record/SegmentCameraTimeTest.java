package dev.camrec.recorder.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camrec.recorder.record.ProducerTimes.ProducerTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentCameraTimeTest {

  /** When the segment's line appeared on the segment list. */
  private static final Instant FINISHED = Instant.parse("2026-12-02T12:00:10Z");

  private static final double FRAME = 0.04;

  @Test
  void theLastFragmentDatedByTheCameraDatesTheSegmentLessOneFrame() {
    // Camera 5 s ahead: the fragment starting 9 s into the 10 s segment is stamped 5 s after the
    // recorder saw it, one frame late.
    Instant cameraStart = FINISHED.minusSeconds(10).plusSeconds(5);
    List<ProducerTime> times =
        List.of(
            new ProducerTime(FINISHED.minusSeconds(9), 0, FRAME), // before the first report
            new ProducerTime(cameraStart.plusMillis(9040), 9, FRAME));

    assertThat(SegmentCameraTime.of(times, FINISHED)).contains(cameraStart);
  }

  @Test
  void aLastFragmentStampedWhenTheSegmentClosedIsTheRecordersClock() {
    List<ProducerTime> times =
        List.of(
            new ProducerTime(FINISHED.minusSeconds(9), 0, FRAME),
            new ProducerTime(FINISHED.plusMillis(3), 9, FRAME));

    assertThat(SegmentCameraTime.of(times, FINISHED)).isEmpty();
  }

  @Test
  void aSegmentWithoutProducerTimesIsUndated() {
    assertThat(SegmentCameraTime.of(List.of(), FINISHED)).isEmpty();
  }
}
