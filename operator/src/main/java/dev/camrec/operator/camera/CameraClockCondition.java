package dev.camrec.operator.camera;

import static dev.camrec.api.ConditionTypes.*;

import dev.camrec.api.SegmentClock;
import dev.camrec.contract.clock.CameraClockOffset;
import dev.camrec.contract.clock.CameraClockOffset.KeyClock;
import dev.camrec.operator.common.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Words what the recorder learnt of the camera's clock ({@link CameraClockOffset}, from the
 * recorder's status channel) as the Camera's CameraClockSynced condition: how far off, which clock
 * the recorded times are on, and what to do. Empty while the recorder has not told yet.
 */
final class CameraClockCondition {

  private CameraClockCondition() {}

  static Optional<Condition> of(
      Optional<CameraClockOffset> observed, SegmentClock setting, Duration tolerance) {
    return observed.map(clock -> of(clock, setting, tolerance));
  }

  private static Condition of(CameraClockOffset clock, SegmentClock setting, Duration tolerance) {
    String keys =
        " Recorded times are on the "
            + clock.keys().name().toLowerCase(Locale.ROOT)
            + "'s clock (spec.recording.clock: "
            + label(setting)
            + ").";
    if (clock.offset().isEmpty()) {
      return Conditions.of(
          CAMERA_CLOCK_SYNCED,
          UNKNOWN,
          "NoSenderReports",
          "The camera sends no RTCP sender reports, so its clock is not known."
              + keys
              + (clock.keys() == KeyClock.RECORDER && setting != SegmentClock.RECORDER
                  ? " Enable RTCP sender reports on the camera to record on its own clock."
                  : ""));
    }
    Duration offset = clock.offset().get();
    String howFar =
        "The camera's clock is "
            + seconds(offset.abs())
            + (offset.isNegative() ? " behind" : " ahead of")
            + " the recorder's";
    if (!clock.beyond(tolerance)) {
      return Conditions.of(
          CAMERA_CLOCK_SYNCED,
          TRUE,
          "WithinTolerance",
          howFar + " (tolerance " + seconds(tolerance) + ")." + keys);
    }
    return Conditions.of(
        CAMERA_CLOCK_SYNCED,
        FALSE,
        "CameraClockOff",
        howFar
            + ", more than the tolerance of "
            + seconds(tolerance)
            + "."
            + keys
            + " Set the camera's clock by NTP (its network settings) so that its times can be"
            + " trusted.");
  }

  private static String label(SegmentClock setting) {
    String name = setting.name().toLowerCase(Locale.ROOT);
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
