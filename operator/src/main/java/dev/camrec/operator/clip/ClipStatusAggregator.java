package dev.camrec.operator.clip;

import static dev.camrec.api.ConditionTypes.*;

import dev.camrec.api.ClipRequestStatus;
import dev.camrec.api.TimeRange;
import dev.camrec.api.UnreadableSpec;
import dev.camrec.contract.termination.ClipResult;
import dev.camrec.operator.common.Conditions;
import dev.camrec.operator.common.JobOutcome;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Builds a ClipRequest's whole status from what was observed: the one place that words its
 * Succeeded condition. Once Succeeded is True or False the outcome stands (the Job may be gone);
 * only the download link is renewed.
 */
public final class ClipStatusAggregator {

  public static final String INVALID_SPEC = "InvalidSpec";
  public static final String CAMERA_NOT_FOUND = "CameraNotFound";
  public static final String WAITING_FOR_RECORDING = "WaitingForRecording";
  public static final String WAITING_FOR_JOB_SLOT = "WaitingForJobSlot";
  public static final String CUTTING = "Cutting";
  public static final String JOB_FAILED = "JobFailed";
  public static final String RESULT_MISSING = "ResultMissing";

  /**
   * Everything the status is computed from.
   *
   * @param job the clip Job's state and message, when the Job exists
   * @param link a download link signed in this round (first one, or a renewal)
   */
  public record Observed(
      long generation,
      Instant now,
      String namespace,
      String camera,
      String jobName,
      int maxRunningJobs,
      ClipGate.Decision gate,
      Optional<JobOutcome> job,
      Optional<ClipStore.SignedLink> link,
      Optional<UnreadableSpec> unreadable) {}

  private ClipStatusAggregator() {}

  /** The clip's result once its Job ended and left one. */
  public static Optional<ClipResult> result(Optional<JobOutcome> job) {
    return job.filter(o -> o.state() != JobOutcome.State.RUNNING)
        .flatMap(JobOutcome::terminationMessage)
        .flatMap(ClipResult::parse);
  }

  public static ClipRequestStatus aggregate(ClipRequestStatus previous, Observed o) {
    List<Condition> before = previous == null ? null : previous.conditions();
    if (previous != null && ClipGate.Verdict.FINISHED == o.gate.verdict()) {
      return o.link.isEmpty()
          ? previous
          : new ClipRequestStatus(
              previous.observedGeneration(),
              previous.conditions(),
              previous.objectKey(),
              previous.sizeBytes(),
              previous.size(),
              previous.actualStart(),
              previous.actualEnd(),
              previous.gaps(),
              o.link.get().url(),
              Conditions.rfc3339(o.link.get().expires()));
    }
    Optional<ClipResult> result = result(o.job);
    if (result.isPresent() && result.get().succeeded()) {
      ClipResult r = result.get();
      return new ClipRequestStatus(
          o.generation,
          settle(before, condition(TRUE, r.reason(), succeededMessage(r, o)), o),
          r.objectKey(),
          r.sizeBytes(),
          r.sizeBytes() == null ? null : humanSize(r.sizeBytes()),
          r.actualStart(),
          r.actualEnd(),
          r.gaps().stream().map(g -> new TimeRange(g.start(), g.end())).toList(),
          o.link.map(ClipStore.SignedLink::url).orElse(null),
          o.link.map(l -> Conditions.rfc3339(l.expires())).orElse(null));
    }
    List<TimeRange> gaps =
        result
            .map(r -> r.gaps().stream().map(g -> new TimeRange(g.start(), g.end())).toList())
            .orElse(List.of());
    Condition succeeded =
        result
            .map(r -> condition(FALSE, r.reason(), r.message()))
            .orElseGet(() -> withoutResult(o));
    return new ClipRequestStatus(
        o.generation, settle(before, succeeded, o), null, null, null, null, null, gaps, null, null);
  }

  private static Condition withoutResult(Observed o) {
    if (o.job.isPresent()) {
      JobOutcome job = o.job.get();
      return switch (job.state()) {
        case RUNNING -> condition(UNKNOWN, CUTTING, "Job " + o.jobName + " is cutting the clip.");
        case FAILED ->
            condition(
                FALSE,
                JOB_FAILED,
                "Job "
                    + o.jobName
                    + " failed without a result ("
                    + job.detail()
                    + "); see kubectl describe job "
                    + o.jobName
                    + ". Delete this ClipRequest and create it again to retry.");
        case SUCCEEDED ->
            condition(
                FALSE,
                RESULT_MISSING,
                "Job " + o.jobName + " completed but left no result in its termination log.");
      };
    }
    return switch (o.gate.verdict()) {
      case INVALID_SPEC ->
          condition(
              FALSE,
              INVALID_SPEC,
              o.unreadable
                  .map(u -> u.message() + " Create a corrected ClipRequest.")
                  .orElse(
                      "spec.start and spec.end must be RFC 3339 times with end after start, and"
                          + " spec.ttl a positive number of m, h or d; create a corrected"
                          + " ClipRequest."));
      case CAMERA_NOT_FOUND ->
          condition(
              FALSE,
              CAMERA_NOT_FOUND,
              "Camera "
                  + o.camera
                  + " does not exist in namespace "
                  + o.namespace
                  + "; spec.camera must name a Camera in the ClipRequest's namespace.");
      case WAITING_FOR_RECORDING ->
          condition(
              UNKNOWN,
              WAITING_FOR_RECORDING,
              "The range is still being recorded; its last segment is stored by "
                  + Conditions.rfc3339(o.gate.until().orElse(o.now))
                  + ", then the clip is cut.");
      case READY, FINISHED ->
          condition(
              UNKNOWN,
              WAITING_FOR_JOB_SLOT,
              "Waiting for one of the "
                  + o.maxRunningJobs
                  + " clip Jobs that may run at once (camrec.clip.max-running-jobs) to finish.");
    };
  }

  private static String succeededMessage(ClipResult r, Observed o) {
    String message = r.message();
    if (r.gapsOmitted() > 0) {
      message += " Only the first " + r.gaps().size() + " gaps are listed.";
    }
    if (o.link.isEmpty()) {
      message += " No download link: the storage's credentials could not be read.";
    }
    return message;
  }

  /** Binary units as kubectl shows quantities: 512Ki, 290Mi, 1.7Gi. */
  static String humanSize(long bytes) {
    String[] units = {"Ki", "Mi", "Gi", "Ti"};
    if (bytes < 1024) {
      return Long.toString(bytes);
    }
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return (value < 10
            ? String.format(java.util.Locale.ROOT, "%.1f", value)
            : Long.toString(Math.round(value)))
        + units[unit];
  }

  private static List<Condition> settle(List<Condition> before, Condition succeeded, Observed o) {
    return Conditions.settle(before, List.of(succeeded), o.generation, o.now);
  }

  private static Condition condition(String status, String reason, String message) {
    return Conditions.of(SUCCEEDED, status, reason, message);
  }
}
