package dev.camrec.operator.camera;

import static dev.camrec.api.ConditionTypes.*;

import dev.camrec.api.CameraStatus;
import dev.camrec.api.SegmentClock;
import dev.camrec.contract.report.RecorderReport;
import dev.camrec.contract.report.RecorderReport.CameraError;
import dev.camrec.contract.termination.TerminationMessage;
import dev.camrec.operator.common.Conditions;
import dev.camrec.operator.common.ObservationCadence;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Builds a Camera's whole status from what was observed. The one place that decides a Camera's
 * conditions; how they are kept over time is {@link Conditions}'.
 */
public final class CameraStatusAggregator {

  private static final String CRASH_LOOP_BACK_OFF = "CrashLoopBackOff";

  /** Everything the status is computed from. */
  public record Observed(
      long generation,
      Instant now,
      int segmentSeconds,
      RecordingPlan plan,
      Predicate<Instant> scheduledToRecord,
      List<SpecProblem> specProblems,
      RecorderObservation recorder,
      StorageObservation storage,
      Optional<RecorderReport> report,
      SegmentClock clock,
      Duration clockTolerance) {}

  /** A spec problem the schema could not catch; the reason is CamelCase. */
  public record SpecProblem(String reason, String message) {}

  private CameraStatusAggregator() {}

  public static CameraStatus aggregate(CameraStatus previous, Observed o) {
    Condition storage = StorageCondition.of(o.storage);
    Condition recording = recording(o);
    Condition ready = ready(o);
    List<Condition> before = previous == null ? null : previous.conditions();
    List<Condition> current = new ArrayList<>(List.of(ready, recording, storage));
    RecorderReportStatus.footageLost(o.report, o.now, o.storage.available(), before)
        .ifPresent(current::add);
    // The last connection's word on the camera's clock, even from a recorder gone since: it is
    // what the stored keys of that connection are on.
    CameraClockCondition.of(
            o.report.map(RecorderReport::cameraClock).map(RecorderReport.CameraClock::offset),
            o.clock,
            o.clockTolerance)
        .ifPresent(current::add);
    List<Condition> conditions = Conditions.settle(before, current, o.generation, o.now);
    Optional<Instant> newest = o.storage.newestSegmentStart();
    return new CameraStatus(
        o.generation,
        conditions,
        newest
            .map(CameraStatusAggregator::rfc3339)
            .orElse(
                o.storage.segmentsKnown() || previous == null ? null : previous.lastSegmentTime()),
        o.storage.segmentsKnown()
            ? Long.valueOf(o.storage.bytesLastHour())
            : previousOr(previous, true),
        o.storage.segmentsKnown()
            ? Long.valueOf(o.storage.bytesLastDay())
            : previousOr(previous, false),
        reconnects(previous, o),
        o.report
            .map(r -> RecorderReportStatus.figures(r, o.now))
            .orElse(previous == null ? null : previous.recorder()));
  }

  /**
   * The recorder's own count when it reports; else (a recorder image that does not) the breaks
   * between stored segments.
   */
  private static Long reconnects(CameraStatus previous, Observed o) {
    if (o.report.isPresent()) {
      return o.report.get().reconnects();
    }
    return o.storage.segmentsKnown()
        ? Long.valueOf(RecordingBreaks.count(o.storage.gaps(), o.now, o.scheduledToRecord))
        : previous == null ? null : previous.reconnects();
  }

  /** When the status must be looked at again because Recording would flip by time alone. */
  public static Optional<Instant> staleAt(Observed o) {
    return o.storage.newestSegmentEnd().map(end -> end.plus(staleAfter(o.segmentSeconds)));
  }

  private static Condition ready(Observed o) {
    RecordingPlan plan = o.plan;
    if (plan.reason() == RecordingPlan.Reason.InvalidSchedule) {
      return condition(READY, FALSE, "InvalidSchedule", plan.detail() + "; fix the Camera's spec.");
    }
    if (!plan.run()) {
      return condition(
          READY, TRUE, plan.reason().name(), "Recorder scaled to zero: " + plan.detail() + ".");
    }
    if (!o.specProblems.isEmpty()) {
      SpecProblem first = o.specProblems.get(0);
      return condition(READY, FALSE, first.reason(), first.message());
    }
    if (!o.storage.available()) {
      return condition(
          READY, FALSE, "StorageUnavailable", StorageCondition.of(o.storage).getMessage());
    }
    RecorderObservation r = o.recorder;
    // The recorder's own word is more specific than the CrashLoopBackOff it leads to.
    Optional<TerminationMessage> stopped = currentTermination(r);
    if (stopped.isPresent()) {
      return condition(READY, FALSE, stopped.get().reason(), stopped.get().message());
    }
    if (r.waitingReason().isPresent()) {
      return condition(READY, FALSE, r.waitingReason().get(), stuckMessage(r));
    }
    if (!r.deploymentExists()) {
      return condition(
          READY, FALSE, "DeploymentPending", "The recorder Deployment is being created.");
    }
    if (r.readyReplicas() > 0) {
      return condition(READY, TRUE, "RecorderReady", "The recorder pod is ready.");
    }
    // The recorder runs but cannot get media: its own word on why, instead of "waiting".
    Optional<CameraError> cameraError = RecorderReportStatus.cameraError(o.report, o.now);
    if (cameraError.isPresent()) {
      return condition(READY, FALSE, cameraError.get().reason(), cameraError.get().message());
    }
    return condition(
        READY,
        FALSE,
        "RecorderStarting",
        "Waiting for the recorder pod to become ready; it reports ready once it stores segments"
            + r.lastTermination()
                .map(t -> " (restarts: " + r.restarts() + ", last exit: " + t + ")")
                .orElse("")
            + ".");
  }

  private static String stuckMessage(RecorderObservation r) {
    StringBuilder m =
        new StringBuilder("The recorder container is waiting: ").append(r.waitingReason().get());
    r.waitingMessage().ifPresent(msg -> m.append(": ").append(msg));
    if (r.restarts() > 0) {
      m.append(" (restarts: ").append(r.restarts());
      r.lastTermination().ifPresent(t -> m.append(", last exit: ").append(t));
      m.append(")");
    }
    m.append(". See kubectl logs and kubectl describe of the recorder pod.");
    return m.toString();
  }

  private static Condition recording(Observed o) {
    RecordingPlan plan = o.plan;
    if (!plan.run()) {
      return condition(RECORDING, FALSE, plan.reason().name(), capitalised(plan.detail()) + ".");
    }
    if (!o.storage.available()) {
      return condition(
          RECORDING,
          UNKNOWN,
          "StorageUnavailable",
          "Cannot tell whether segments land: " + StorageCondition.of(o.storage).getMessage());
    }
    if (o.storage.answer() == StorageObservation.Answer.LISTING_INCOMPLETE) {
      return condition(
          RECORDING,
          UNKNOWN,
          "ListingIncomplete",
          "Cannot tell whether segments land yet: " + StorageCondition.listingProblem(o.storage));
    }
    Optional<Instant> end = o.storage.newestSegmentEnd();
    // Stored segments are the truth: while they land, the camera is recording, whatever the pod
    // says.
    if (end.isPresent() && !o.now.isAfter(end.get().plus(staleAfter(o.segmentSeconds)))) {
      return condition(
          RECORDING,
          TRUE,
          "SegmentsLanding",
          "Segments of " + o.segmentSeconds + " s are landing in storage.");
    }
    // What keeps the recorder from starting says more than the absence of segments.
    if (!o.specProblems.isEmpty()) {
      SpecProblem first = o.specProblems.get(0);
      return condition(RECORDING, FALSE, first.reason(), first.message());
    }
    Optional<TerminationMessage> stopped = currentTermination(o.recorder);
    if (stopped.isPresent()) {
      return condition(RECORDING, FALSE, stopped.get().reason(), stopped.get().message());
    }
    Optional<CameraError> cameraError = RecorderReportStatus.cameraError(o.report, o.now);
    if (cameraError.isPresent()) {
      return condition(RECORDING, FALSE, cameraError.get().reason(), cameraError.get().message());
    }
    if (end.isEmpty()) {
      return condition(
          RECORDING,
          FALSE,
          "NoSegments",
          "No segment of this camera stored in the last day; "
              + (o.recorder.readyReplicas() > 0 || o.recorder.waitingReason().isEmpty()
                  ? "the first arrives about "
                      + o.segmentSeconds
                      + " s after the recorder connects."
                  : "the recorder is not running: " + o.recorder.waitingReason().get() + "."));
    }
    return condition(
        RECORDING,
        FALSE,
        "SegmentsStale",
        "No segment stored since "
            + rfc3339(end.get())
            + " though one is due every "
            + o.segmentSeconds
            + " s; check that the camera is reachable and the recorder's logs.");
  }

  /**
   * Why the recorder stopped itself, while that is still the cause. Kubernetes keeps a container's
   * lastState until it ends again, so after a restart that went well the old message would stay
   * forever: once the container is ready it has overcome the cause (say, the camera's password was
   * corrected on the camera) and the message is history. While it is not ready (waiting in
   * CrashLoopBackOff, terminated, or started again but not yet storing) the cause it reported is
   * the best account there is; counting the restarted-not-ready phase too keeps the condition from
   * flapping to RecorderStarting on every retry of a crash loop. Waiting for any other reason
   * (CreateContainerConfigError, ImagePullBackOff) the container cannot even start: that newer
   * cause is the one to fix. A fix through the spec (audio: aac) or a changed Secret rolls a new
   * pod, which has no lastState, so the reason clears at once.
   */
  private static Optional<TerminationMessage> currentTermination(RecorderObservation r) {
    boolean startsAndEnds = r.waitingReason().map(CRASH_LOOP_BACK_OFF::equals).orElse(true);
    return !r.containerReady() && startsAndEnds ? r.terminationMessage() : Optional.empty();
  }

  private static Duration staleAfter(int segmentSeconds) {
    return ObservationCadence.staleAfter(segmentSeconds);
  }

  /** The conditions worth an Event: see {@link Conditions#changed}. */
  public static List<Condition> changedConditions(CameraStatus previous, CameraStatus next) {
    return Conditions.changed(previous == null ? null : previous.conditions(), next.conditions());
  }

  private static Condition condition(String type, String status, String reason, String message) {
    return Conditions.of(type, status, reason, message);
  }

  private static Long previousOr(CameraStatus previous, boolean hour) {
    if (previous == null) {
      return null;
    }
    return hour ? previous.storedBytesLastHour() : previous.storedBytesLastDay();
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  static String rfc3339(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t);
  }
}
