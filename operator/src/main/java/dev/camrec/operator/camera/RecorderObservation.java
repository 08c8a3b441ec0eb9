package dev.camrec.operator.camera;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;

/** What the Deployment and its pod show of one camera's recorder. */
public record RecorderObservation(
    boolean deploymentExists,
    int readyReplicas,
    int restarts,
    Optional<String> waitingReason,
    Optional<String> waitingMessage,
    Optional<String> lastTermination) {

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
            .max(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp() == null ? "" : p.getMetadata().getCreationTimestamp()))
            .map(Pod::getStatus)
            .flatMap(s -> s.getContainerStatuses() == null ? Optional.empty() : s.getContainerStatuses().stream().filter(c -> DesiredRecorderDeployment.CONTAINER.equals(c.getName())).findFirst());
    Optional<ContainerStateWaiting> waiting =
        container
            .map(ContainerStatus::getState)
            .map(s -> s.getWaiting())
            .filter(w -> STUCK.contains(w.getReason()));
    Optional<String> lastTermination =
        container
            .map(ContainerStatus::getLastState)
            .map(s -> s.getTerminated())
            .map(RecorderObservation::describe);
    return new RecorderObservation(
        deployment.isPresent(),
        ready,
        container.map(c -> c.getRestartCount() == null ? 0 : c.getRestartCount()).orElse(0),
        waiting.map(ContainerStateWaiting::getReason),
        waiting.map(ContainerStateWaiting::getMessage),
        lastTermination);
  }

  private static String describe(ContainerStateTerminated t) {
    return (t.getReason() == null ? "terminated" : t.getReason()) + " (exit code " + t.getExitCode() + ")";
  }
}
