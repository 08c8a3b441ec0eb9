package dev.camrec.operator.common;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How a Job of the recorder image ended, and the result its command left in the termination log
 * (the kubelet copies it into the container's terminated state). Workloads need no Kubernetes API
 * access: this is how their result reaches the operator.
 *
 * @param state whether the Job is still running, or how it ended
 * @param terminationMessage the newest terminated container's message, if any
 * @param detail the Job condition's reason and message when it failed (e.g. DeadlineExceeded)
 */
public record JobOutcome(State state, Optional<String> terminationMessage, String detail) {

  public enum State {
    RUNNING,
    SUCCEEDED,
    FAILED
  }

  /** The Job's state from its conditions, the message from its pods (selected by job name). */
  public static JobOutcome of(Job job, Collection<Pod> pods, String container) {
    Optional<JobCondition> ended =
        job.getStatus() == null || job.getStatus().getConditions() == null
            ? Optional.empty()
            : job.getStatus().getConditions().stream()
                .filter(c -> "True".equals(c.getStatus()))
                .filter(c -> "Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                .findFirst();
    State state =
        ended
            .map(c -> "Complete".equals(c.getType()) ? State.SUCCEEDED : State.FAILED)
            .orElse(State.RUNNING);
    String detail =
        ended
            .filter(c -> "Failed".equals(c.getType()))
            .map(c -> c.getReason() + ": " + c.getMessage())
            .orElse("");
    return new JobOutcome(state, newestMessage(pods, container), detail);
  }

  private static Optional<String> newestMessage(Collection<Pod> pods, String container) {
    List<String> all = messages(pods, container);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /**
   * Every termination message the container left in the Job's pods, oldest first: one per attempt
   * when the Job retried (a new pod each with restartPolicy Never, lastState with OnFailure).
   */
  public static List<String> messages(Collection<Pod> pods, String container) {
    return pods.stream()
        .filter(p -> p.getStatus() != null && p.getStatus().getContainerStatuses() != null)
        .flatMap(p -> p.getStatus().getContainerStatuses().stream())
        .filter(c -> container.equals(c.getName()))
        .flatMap(JobOutcome::terminations)
        .filter(t -> t.getMessage() != null && !t.getMessage().isBlank())
        .sorted(Comparator.comparing(t -> t.getFinishedAt() == null ? "" : t.getFinishedAt()))
        .map(ContainerStateTerminated::getMessage)
        .toList();
  }

  private static Stream<ContainerStateTerminated> terminations(ContainerStatus c) {
    return Stream.of(c.getState(), c.getLastState())
        .filter(s -> s != null)
        .map(ContainerState::getTerminated)
        .filter(t -> t != null);
  }
}
