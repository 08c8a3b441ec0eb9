package dev.camrec.operator.retention;

import dev.camrec.contract.termination.RetentionResult;
import dev.camrec.operator.common.JobOutcome;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The newest finished run of a policy: its Job, how it ended, and what the command reported. A Job
 * that retried left one result per attempt: deletions add up (each attempt deleted what the one
 * before had not), problems and what was kept are the last attempt's.
 *
 * @param result empty when no attempt left one (killed at the deadline, image not pulled ...)
 * @param detail the Job's failure reason and message, if it failed
 */
record LastRun(
    String job,
    JobOutcome.State state,
    String finishedAt,
    Optional<RetentionResult> result,
    String detail) {

  /** The label Kubernetes puts on a Job's pods. */
  static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";

  static Optional<LastRun> newest(Collection<Job> jobs, Collection<Pod> pods) {
    return jobs.stream()
        .map(job -> of(job, pods))
        .filter(r -> r.state != JobOutcome.State.RUNNING)
        .max(Comparator.comparing((LastRun r) -> r.finishedAt).thenComparing(r -> r.job));
  }

  private static LastRun of(Job job, Collection<Pod> pods) {
    String name = job.getMetadata().getName();
    List<Pod> own =
        pods.stream()
            .filter(
                p ->
                    p.getMetadata().getLabels() != null
                        && name.equals(p.getMetadata().getLabels().get(JOB_NAME_LABEL)))
            .toList();
    JobOutcome outcome = JobOutcome.of(job, own, DesiredRetentionCronJob.CONTAINER);
    List<RetentionResult> attempts = new ArrayList<>();
    for (String message : JobOutcome.messages(own, DesiredRetentionCronJob.CONTAINER)) {
      RetentionResult.parse(message).ifPresent(attempts::add);
    }
    return new LastRun(name, outcome.state(), finishedAt(job), merged(attempts), outcome.detail());
  }

  private static Optional<RetentionResult> merged(List<RetentionResult> attempts) {
    if (attempts.isEmpty()) {
      return Optional.empty();
    }
    RetentionResult last = attempts.get(attempts.size() - 1);
    long deleted = attempts.stream().mapToLong(RetentionResult::deletedObjects).sum();
    long freed = attempts.stream().mapToLong(RetentionResult::freedBytes).sum();
    return Optional.of(
        new RetentionResult(
            last.dryRun(),
            last.cameras(),
            deleted,
            freed,
            last.failedObjects(),
            last.oldestKept(),
            last.problems(),
            last.problemsOmitted()));
  }

  /** Completion time, else when it failed, else when it was created (RFC 3339 sorts by time). */
  private static String finishedAt(Job job) {
    if (job.getStatus() != null && job.getStatus().getCompletionTime() != null) {
      return job.getStatus().getCompletionTime();
    }
    if (job.getStatus() != null && job.getStatus().getConditions() != null) {
      Optional<String> failed =
          job.getStatus().getConditions().stream()
              .filter(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus()))
              .map(c -> c.getLastTransitionTime())
              .filter(Objects::nonNull)
              .findFirst();
      if (failed.isPresent()) {
        return failed.get();
      }
    }
    return Objects.requireNonNullElse(job.getMetadata().getCreationTimestamp(), "");
  }
}
