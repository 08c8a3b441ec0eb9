package dev.camrec.operator.retention;

import static dev.camrec.api.ConditionTypes.*;

import dev.camrec.api.RetentionPolicyStatus;
import dev.camrec.contract.termination.RetentionResult;
import dev.camrec.contract.termination.RetentionResult.CameraProblem;
import dev.camrec.operator.common.Conditions;
import dev.camrec.operator.common.JobOutcome;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Builds a RetentionPolicy's whole status from what was observed: its spec's problems, the Cameras
 * it selects, and its newest finished Job with the result the command left. The one place that
 * words a policy's condition.
 */
final class RetentionStatusAggregator {

  static final String SCHEDULED = "Scheduled";
  static final String PRUNED = "Pruned";
  static final String DRY_RUN = "DryRun";
  static final String NO_CAMERAS_SELECTED = "NoCamerasSelected";
  static final String PARTIAL_FAILURE = "PartialFailure";
  static final String JOB_FAILED = "JobFailed";

  /** Problems named in a condition message; the rest are counted. */
  private static final int PROBLEMS_SHOWN = 3;

  /** Everything the status is computed from. */
  record Observed(
      long generation,
      Instant now,
      String namespace,
      List<PolicyProblem> specProblems,
      String selector,
      int selectedCameras,
      String cronJob,
      String schedule,
      Optional<LastRun> lastRun) {}

  private RetentionStatusAggregator() {}

  static RetentionPolicyStatus aggregate(RetentionPolicyStatus previous, Observed o) {
    List<Condition> before = previous == null ? null : previous.conditions();
    if (o.lastRun.isEmpty() && previous != null && previous.lastJob() != null) {
      // The Job of the last run is gone (history limit, deleted by hand): its figures stay, and
      // so does what they meant, unless the spec now says otherwise.
      Condition ready =
          ready(o).orElseGet(() -> Conditions.find(before, READY).orElse(scheduled(o)));
      return new RetentionPolicyStatus(
          o.generation,
          previous.lastRun(),
          previous.lastJob(),
          previous.deletedObjects(),
          previous.freedBytes(),
          previous.freed(),
          previous.oldestKept(),
          Conditions.settle(before, List.of(ready), o.generation, o.now));
    }
    Condition ready =
        ready(o)
            .orElseGet(() -> o.lastRun.map(RetentionStatusAggregator::ran).orElse(scheduled(o)));
    List<Condition> conditions = Conditions.settle(before, List.of(ready), o.generation, o.now);
    if (o.lastRun.isEmpty()) {
      return new RetentionPolicyStatus(
          o.generation, null, null, null, null, null, null, conditions);
    }
    LastRun run = o.lastRun.get();
    Optional<RetentionResult> result = run.result();
    return new RetentionPolicyStatus(
        o.generation,
        run.finishedAt(),
        run.job(),
        result.map(RetentionResult::deletedObjects).orElse(null),
        result.map(RetentionResult::freedBytes).orElse(null),
        result.map(r -> Bytes.human(r.freedBytes())).orElse(null),
        result.map(RetentionResult::oldestKept).orElse(null),
        conditions);
  }

  /** What a finished run says, for its Event. */
  static String runSummary(LastRun run) {
    return run.result()
        .map(r -> "Job " + run.job() + ": " + figures(r) + problems(r, run.job()))
        .orElseGet(() -> jobFailed(run));
  }

  /** The Ready condition the spec or the selection decides, whatever the runs did. */
  private static Optional<Condition> ready(Observed o) {
    if (!o.specProblems.isEmpty()) {
      PolicyProblem first = o.specProblems.get(0);
      return Optional.of(Conditions.of(READY, FALSE, first.reason(), first.message()));
    }
    if (o.selectedCameras == 0) {
      return Optional.of(
          Conditions.of(
              READY,
              FALSE,
              NO_CAMERAS_SELECTED,
              "No Camera in namespace "
                  + o.namespace
                  + " matches spec.selector "
                  + o.selector
                  + "; CronJob "
                  + o.cronJob
                  + " is suspended until one does. Label the Cameras or change the selector."));
    }
    return Optional.empty();
  }

  private static Condition scheduled(Observed o) {
    return Conditions.of(
        READY,
        TRUE,
        SCHEDULED,
        "CronJob "
            + o.cronJob
            + " prunes "
            + o.selectedCameras
            + (o.selectedCameras == 1 ? " camera" : " cameras")
            + " on schedule '"
            + o.schedule
            + "' (UTC); no run has finished yet. To run now: kubectl create job --from=cronjob/"
            + o.cronJob
            + " <name>.");
  }

  private static Condition ran(LastRun run) {
    if (run.result().isEmpty()) {
      return Conditions.of(READY, FALSE, JOB_FAILED, jobFailed(run));
    }
    RetentionResult r = run.result().get();
    if (r.problems().isEmpty() && r.problemsOmitted() == 0) {
      return Conditions.of(
          READY, TRUE, r.dryRun() ? DRY_RUN : PRUNED, "Job " + run.job() + ": " + figures(r) + ".");
    }
    boolean configuration =
        r.problems().stream()
            .anyMatch(p -> RetentionResult.INVALID_CONFIGURATION.equals(p.reason()));
    boolean storageDown =
        r.problemsOmitted() == 0
            && r.problems().size() == r.cameras()
            && r.problems().stream()
                .allMatch(p -> RetentionResult.STORAGE_UNAVAILABLE.equals(p.reason()));
    String reason =
        configuration
            ? JOB_FAILED
            : storageDown ? RetentionResult.STORAGE_UNAVAILABLE : PARTIAL_FAILURE;
    return Conditions.of(
        READY, FALSE, reason, "Job " + run.job() + ": " + figures(r) + problems(r, run.job()));
  }

  private static String figures(RetentionResult r) {
    String verb = r.dryRun() ? "would delete " : "deleted ";
    return verb
        + r.deletedObjects()
        + " segments ("
        + Bytes.human(r.freedBytes())
        + "B) of "
        + r.cameras()
        + (r.cameras() == 1 ? " camera" : " cameras")
        + (r.dryRun() ? " (dry run: nothing deleted)" : "")
        + Optional.ofNullable(r.oldestKept()).map(t -> "; oldest kept " + t).orElse("")
        + (r.failedObjects() > 0 ? "; " + r.failedObjects() + " left for the next run" : "");
  }

  private static String problems(RetentionResult r, String job) {
    if (r.problems().isEmpty()) {
      return "";
    }
    int total = r.problems().size() + r.problemsOmitted();
    return ". "
        + total
        + (total == 1 ? " problem: " : " problems: ")
        + r.problems().stream()
            .limit(PROBLEMS_SHOWN)
            .map(RetentionStatusAggregator::problem)
            .collect(Collectors.joining("; "))
        + (total > PROBLEMS_SHOWN ? "; and " + (total - PROBLEMS_SHOWN) + " more" : "")
        + ". See kubectl logs job/"
        + job
        + ".";
  }

  private static String problem(CameraProblem p) {
    return (p.camera().isEmpty() ? "" : "camera " + p.camera() + ": ") + p.message();
  }

  private static String jobFailed(LastRun run) {
    String how =
        run.state() == JobOutcome.State.FAILED
            ? "failed" + (run.detail().isBlank() ? "" : " (" + run.detail() + ")")
            : "finished";
    return "Job "
        + run.job()
        + " "
        + how
        + " without leaving a result; see kubectl describe job/"
        + run.job()
        + " and kubectl logs job/"
        + run.job()
        + ".";
  }
}
