package dev.camrec.recorder.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordingGapTest {

  @Test
  void logLineStatesStartEndLengthAndCause() {
    RecordingGap gap =
        new RecordingGap(
            Instant.parse("2026-12-01T10:00:00.250Z"),
            Instant.parse("2026-12-01T10:00:12.750Z"),
            RecordingGap.Cause.CAMERA_STALLED);
    assertThat(gap.length()).isEqualTo(Duration.ofMillis(12_500));
    assertThat(gap)
        .hasToString(
            "recording gap from 2026-12-01T10:00:00.250Z to 2026-12-01T10:00:12.750Z (12.500 s):"
                + " the camera stalled (connection open, no media)");
  }

  @Test
  void recordingThatResumedBeforeTheEstimatedEndIsNoNegativeGap() {
    Instant t = Instant.parse("2026-12-01T10:00:00Z");
    assertThat(new RecordingGap(t, t.minusMillis(30), RecordingGap.Cause.CAMERA_DROPPED).length())
        .isZero();
  }
}
