package dev.camrec.operator.clip;

import dev.camrec.api.Camera;
import dev.camrec.api.ClipRequest;
import dev.camrec.api.ConditionTypes;
import dev.camrec.api.Recording;
import dev.camrec.operator.camera.SchemaChecks;
import dev.camrec.operator.common.Conditions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a ClipRequest's Job may be created now: the one place that decides, asked by the Job's
 * precondition (to create it) and by the status (to say why it waits).
 */
public final class ClipGate {

  /** What stands before the Job. */
  public enum Verdict {
    /** The request already succeeded or failed: no (new) Job. */
    FINISHED,
    INVALID_SPEC,
    CAMERA_NOT_FOUND,
    WAITING_FOR_RECORDING,
    READY
  }

  /** The verdict and, when waiting for the recording, until when. */
  public record Decision(Verdict verdict, Optional<Instant> until) {}

  private final int uploadGraceSeconds;
  private final Clock clock;

  /**
   * @param uploadGraceSeconds how long after a segment ends it may take to be stored (the
   *     recorder's upload allowance)
   */
  public ClipGate(int uploadGraceSeconds, Clock clock) {
    this.uploadGraceSeconds = uploadGraceSeconds;
    this.clock = clock;
  }

  public Clock clock() {
    return clock;
  }

  public Decision decide(ClipRequest clip, Optional<Camera> camera) {
    if (finished(clip)) {
      return new Decision(Verdict.FINISHED, Optional.empty());
    }
    Optional<ClipSpecTimes> times = ClipSpecTimes.of(clip.getSpec());
    if (times.isEmpty()) {
      return new Decision(Verdict.INVALID_SPEC, Optional.empty());
    }
    if (camera.isEmpty()) {
      return new Decision(Verdict.CAMERA_NOT_FOUND, Optional.empty());
    }
    Instant recorded = recordedBy(times.get().end(), camera.get());
    if (clock.instant().isBefore(recorded)) {
      return new Decision(Verdict.WAITING_FOR_RECORDING, Optional.of(recorded));
    }
    return new Decision(Verdict.READY, Optional.empty());
  }

  /**
   * When every segment up to {@code end} is stored: the segment holding it ends up to one segment
   * length later, and its upload may take the upload allowance.
   */
  Instant recordedBy(Instant end, Camera camera) {
    // A Camera whose spec cannot be used (SchemaChecks) may cut segments as long as any.
    int segment =
        SchemaChecks.problem(camera).isPresent()
            ? Recording.MAX_SEGMENT_SECONDS
            : camera.getSpec().recording().segmentSeconds();
    return end.plus(Duration.ofSeconds(segment + (long) uploadGraceSeconds));
  }

  /** Succeeded is True or False: the request's outcome is settled. */
  public static boolean finished(ClipRequest clip) {
    return clip.getStatus() != null
        && Conditions.find(clip.getStatus().conditions(), ConditionTypes.SUCCEEDED)
            .filter(c -> !ConditionTypes.UNKNOWN.equals(c.getStatus()))
            .isPresent();
  }
}
