package dev.camrec.operator.camera;

import dev.camrec.api.Camera;
import dev.camrec.api.Recording;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Whether the recorder should run now, why not, and when to look again. Computed the same way by
 * the Deployment dependent and the status, from the spec and the time only.
 */
public record RecordingPlan(
    boolean run, Reason reason, String detail, Optional<Instant> nextChange) {

  /** Why the recorder runs or not; the names are the condition reasons. */
  public enum Reason {
    Scheduled,
    Disabled,
    OutsideSchedule,
    InvalidSchedule
  }

  public static RecordingPlan of(Camera camera, Instant now) {
    Recording recording = camera.getSpec().recording();
    if (!recording.enabled()) {
      return new RecordingPlan(
          false, Reason.Disabled, "spec.recording.enabled is false", Optional.empty());
    }
    if (recording.schedule() == null) {
      return new RecordingPlan(
          true, Reason.Scheduled, "recording around the clock", Optional.empty());
    }
    WeeklySchedule schedule;
    try {
      schedule = WeeklySchedule.of(recording.schedule());
    } catch (IllegalArgumentException e) {
      return new RecordingPlan(
          false,
          Reason.InvalidSchedule,
          "spec.recording.schedule: " + e.getMessage(),
          Optional.empty());
    }
    WeeklySchedule.State state = schedule.stateAt(now);
    String zone = recording.schedule().timeZone();
    if (state.inWindow()) {
      return new RecordingPlan(
          true,
          Reason.Scheduled,
          state
              .nextChange()
              .map(t -> "inside a window until " + t + " (" + zone + " schedule)")
              .orElse("inside a window"),
          state.nextChange());
    }
    return new RecordingPlan(
        false,
        Reason.OutsideSchedule,
        state
            .nextChange()
            .map(
                t -> "outside the schedule; next window opens at " + t + " (" + zone + " schedule)")
            .orElse("outside the schedule"),
        state.nextChange());
  }

  /**
   * Whether the schedule had the recorder on at a given instant: always without a schedule, and
   * with an invalid one (whose recorder never ran, so it left nothing to judge).
   */
  public static Predicate<Instant> scheduledToRecord(Recording recording) {
    if (recording.schedule() == null) {
      return t -> true;
    }
    try {
      WeeklySchedule schedule = WeeklySchedule.of(recording.schedule());
      return t -> schedule.stateAt(t).inWindow();
    } catch (IllegalArgumentException e) {
      return t -> true;
    }
  }
}
