package dev.camrec.operator.camera;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camrec.api.SegmentClock;
import dev.camrec.contract.clock.CameraClockOffset;
import dev.camrec.contract.clock.CameraClockOffset.KeyClock;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CameraClockConditionTest {

  private static final Duration TOLERANCE = Duration.ofSeconds(2);

  @Test
  void aCameraClockOffBeyondTheToleranceSaysHowFarWhichClockAndWhatToDo() {
    Condition c = condition(Optional.of(Duration.ofMillis(-5500)), KeyClock.RECORDER);

    assertThat(c.getStatus()).isEqualTo("False");
    assertThat(c.getReason()).isEqualTo("CameraClockOff");
    assertThat(c.getMessage())
        .contains("5.5 s behind the recorder's")
        .contains("tolerance of 2.0 s")
        .contains("on the recorder's clock (spec.recording.clock: Auto)")
        .contains("NTP");
  }

  @Test
  void aCameraClockWithinTheToleranceIsSynced() {
    Condition c = condition(Optional.of(Duration.ofMillis(400)), KeyClock.CAMERA);

    assertThat(c.getStatus()).isEqualTo("True");
    assertThat(c.getReason()).isEqualTo("WithinTolerance");
    assertThat(c.getMessage()).contains("0.4 s ahead of").contains("on the camera's clock");
  }

  @Test
  void aCameraWithoutReportsHasAnUnknownClock() {
    Condition c = condition(Optional.empty(), KeyClock.RECORDER);

    assertThat(c.getStatus()).isEqualTo("Unknown");
    assertThat(c.getReason()).isEqualTo("NoSenderReports");
    assertThat(c.getMessage()).contains("on the recorder's clock");
  }

  @Test
  void noConditionBeforeTheRecorderTold() {
    assertThat(CameraClockCondition.of(Optional.empty(), SegmentClock.AUTO, TOLERANCE)).isEmpty();
  }

  private static Condition condition(Optional<Duration> offset, KeyClock keys) {
    return CameraClockCondition.of(
            Optional.of(new CameraClockOffset(offset, keys)), SegmentClock.AUTO, TOLERANCE)
        .orElseThrow();
  }
}
