package dev.camrec.operator.camera;

import dev.camrec.contract.termination.TerminationMessage;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;

/**
 * What the Deployment and its pod show of one camera's recorder.
 *
 * @param containerReady the newest pod's recorder container passes its readiness probe
 * @param terminationMessage what the recorder wrote to its termination log when its container last
 *     ended (or is ended right now), if it wrote one; whether that is still the current cause is
 *     for {@link CameraStatusAggregator} to judge
 */
public record RecorderObservation(
    boolean deploymentExists,
    int readyReplicas,
    int restarts,
    Optional<String> waitingReason,
    Optional<String> waitingMessage,
    Optional<String> lastTermination,
    boolean containerReady,
    Optional<TerminationMessage> terminationMessage) {

  /** Waiting reasons that will not clear on their own: the person must act. */
  private static final Set<String> STUCK =
      Set.of(
          "CrashLoopBackOff",
          "CreateContainerConfigError",
          "CreateContainerError",
          "ImagePullBackOff",
          "ErrImagePull",
          "InvalidImageName",
          "RunContainerError");

  public static RecorderObservation of(Optional<Deployment> deployment, Collection<Pod> pods) {
    int ready =
        deployment
            .map(Deployment::getStatus)
            .map(s -> s.getReadyReplicas() == null ? 0 : s.getReadyReplicas())
            .orElse(0);
    Optional<ContainerStatus> container =
        pods.stream()
            .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
            .max(
                Comparator.comparing(
                    p ->
                        p.getMetadata().getCreationTimestamp() == null
                            ? ""
                            : p.getMetadata().getCreationTimestamp()))
            .map(Pod::getStatus)
            .flatMap(
                s ->
                    s.getContainerStatuses() == null
                        ? Optional.empty()
                        : s.getContainerStatuses().stream()
                            .filter(c -> DesiredRecorderDeployment.CONTAINER.equals(c.getName()))
                            .findFirst());
    Optional<ContainerStateWaiting> waiting =
        container
            .map(ContainerStatus::getState)
            .map(s -> s.getWaiting())
            .filter(w -> STUCK.contains(w.getReason()));
    Optional<ContainerStateTerminated> lastTerminated =
        container.map(ContainerStatus::getLastState).map(ContainerState::getTerminated);
    return new RecorderObservation(
        deployment.isPresent(),
        ready,
        container.map(c -> c.getRestartCount() == null ? 0 : c.getRestartCount()).orElse(0),
        waiting.map(ContainerStateWaiting::getReason),
        waiting.map(ContainerStateWaiting::getMessage),
        lastTerminated.map(RecorderObservation::describe),
        container.map(c -> Boolean.TRUE.equals(c.getReady())).orElse(false),
        container
            .flatMap(RecorderObservation::latestTermination)
            .flatMap(t -> TerminationMessage.parse(t.getMessage())));
  }

  /** The container's own end while it is terminated right now, else the end before its restart. */
  private static Optional<ContainerStateTerminated> latestTermination(ContainerStatus container) {
    Optional<ContainerStateTerminated> now =
        Optional.ofNullable(container.getState()).map(ContainerState::getTerminated);
    return now.isPresent()
        ? now
        : Optional.ofNullable(container.getLastState()).map(ContainerState::getTerminated);
  }

  private static String describe(ContainerStateTerminated t) {
    return (t.getReason() == null ? "terminated" : t.getReason())
        + " (exit code "
        + t.getExitCode()
        + ")";
  }
}
