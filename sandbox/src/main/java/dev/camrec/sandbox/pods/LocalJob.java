package dev.camrec.sandbox.pods;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The Job controller's part for one Job with one completion: a pod at a time, a new pod after each
 * failure until {@code backoffLimit} failures are exceeded, all of it ended by {@code
 * activeDeadlineSeconds}. Called from the runner's control thread.
 */
final class LocalJob {

  /** Kubernetes' default spec.backoffLimit. */
  static final int DEFAULT_BACKOFF_LIMIT = 6;

  /**
   * Kubernetes waits 10 s, 20 s, 40 s... (capped at 6 min) before a failed Job's next pod; the
   * sandbox starts at 1 s (capped by the host settings' restart cap) so that a retry shows within a
   * demo, and a test, without waiting minutes.
   */
  private static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(1);

  private final HostSettings settings;
  private final ContainerEnvironment environment;
  private final Clock clock;
  private final List<LocalJobPod> pods = new ArrayList<>();
  private Job job;
  private Instant startTime;
  private Instant nextAttemptAt = Instant.EPOCH;
  private int failed;
  private int succeeded;

  /**
   * How many of {@link #pods} have been counted as succeeded or failed: each ending counts once.
   */
  private int counted;

  private JobStatusBuilder ended;
  private Instant finishedAt;

  LocalJob(Job job, HostSettings settings, ContainerEnvironment environment, Clock clock) {
    this.job = job;
    this.settings = settings;
    this.environment = environment;
    this.clock = clock;
  }

  String namespace() {
    return job.getMetadata().getNamespace();
  }

  /** Every pod made for the Job, oldest first; the last may still run. */
  List<LocalJobPod> pods() {
    return pods;
  }

  /** When the Job got its Complete or Failed condition. */
  Optional<Instant> finishedAt() {
    return Optional.ofNullable(finishedAt);
  }

  /** One step: start, notice, retry or end. {@code wake} runs when a process ends. */
  void reconcile(Job latest, Runnable wake, Executor waiter) {
    this.job = latest;
    Instant now = clock.instant();
    LocalJobPod current = pods.isEmpty() ? null : pods.get(pods.size() - 1);
    if (current != null) {
      current.supervise(wake);
    }
    if (finishedAt != null) {
      // Only the pod a deadline stopped is still to be seen ending.
      return;
    }
    if (startTime == null) {
      startTime = now;
    }
    Long deadline = job.getSpec().getActiveDeadlineSeconds();
    if (deadline != null && !now.isBefore(startTime.plusSeconds(deadline))) {
      if (current != null && !current.finished()) {
        failed++;
        counted = pods.size();
        current.stop("DeadlineExceeded", "Job was active longer than specified deadline", waiter);
      }
      fail("DeadlineExceeded", "Job was active longer than specified deadline", now);
      return;
    }
    if (current != null && current.finished() && counted < pods.size()) {
      counted = pods.size();
      if (current.succeeded()) {
        succeeded++;
        end("Complete", null, null, now);
        return;
      }
      failed++;
      int limit =
          job.getSpec().getBackoffLimit() == null
              ? DEFAULT_BACKOFF_LIMIT
              : job.getSpec().getBackoffLimit();
      if (failed > limit) {
        fail("BackoffLimitExceeded", "Job has reached the specified backoff limit", now);
        return;
      }
      nextAttemptAt = now.plus(retryDelay());
    }
    if ((current == null || current.finished()) && !now.isBefore(nextAttemptAt)) {
      current = new LocalJobPod(job, settings, environment, clock);
      pods.add(current);
      current.supervise(wake);
    }
  }

  private Duration retryDelay() {
    Duration delay = FIRST_RETRY_DELAY.multipliedBy(1L << Math.min(failed - 1, 16));
    return delay.compareTo(settings.maxRestartBackoff()) > 0 ? settings.maxRestartBackoff() : delay;
  }

  private void fail(String reason, String message, Instant now) {
    end("Failed", reason, message, now);
  }

  private void end(String type, String reason, String message, Instant now) {
    finishedAt = now;
    ended =
        new JobStatusBuilder()
            .withCompletionTime("Complete".equals(type) ? now.toString() : null)
            .withConditions(
                new JobConditionBuilder()
                    .withType(type)
                    .withStatus("True")
                    .withReason(reason)
                    .withMessage(message)
                    .withLastProbeTime(now.toString())
                    .withLastTransitionTime(now.toString())
                    .build());
  }

  /** The Job was deleted: its running pod, if any, gets SIGTERM and its grace period. */
  CompletableFuture<Void> stop(Executor waiter) {
    LocalJobPod current = pods.isEmpty() ? null : pods.get(pods.size() - 1);
    if (current == null || current.finished()) {
      return CompletableFuture.completedFuture(null);
    }
    return current.stop(null, null, waiter);
  }

  /** What the Job controller writes: counts, start and completion time, the ending condition. */
  JobStatus status() {
    LocalJobPod current = pods.isEmpty() ? null : pods.get(pods.size() - 1);
    boolean active = finishedAt == null && current != null && !current.finished();
    JobStatusBuilder status =
        ended != null ? new JobStatusBuilder(ended.build()) : new JobStatusBuilder();
    return status
        .withStartTime(startTime == null ? null : startTime.toString())
        // Like the API server, leave zero counts out; ready is always written.
        .withActive(active ? 1 : null)
        .withReady(active && current.running() ? 1 : 0)
        .withSucceeded(succeeded == 0 ? null : succeeded)
        .withFailed(failed == 0 ? null : failed)
        .build();
  }
}
