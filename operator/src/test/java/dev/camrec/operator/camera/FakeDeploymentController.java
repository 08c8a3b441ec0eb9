package dev.camrec.operator.camera;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What kube-controller-manager and the kubelet would do for a recorder Deployment, which the mock
 * API server lacks: one pod per replica that is Running and ready, and readyReplicas on the
 * Deployment as its pod shows. The pod's name carries the template generation so a template change
 * replaces it. A test can make the recorder container end as the kubelet would report it.
 */
final class FakeDeploymentController implements AutoCloseable {

  private final KubernetesClient client;
  private final SharedIndexInformer<Deployment> informer;

  FakeDeploymentController(KubernetesClient client) {
    this.client = client;
    this.informer =
        client
            .apps()
            .deployments()
            .inAnyNamespace()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Deployment d) {
                    sync(d);
                  }

                  @Override
                  public void onUpdate(Deployment old, Deployment d) {
                    sync(d);
                  }

                  @Override
                  public void onDelete(Deployment d, boolean unknown) {}
                });
  }

  private synchronized void sync(Deployment d) {
    String ns = d.getMetadata().getNamespace();
    String podName = d.getMetadata().getName() + "-" + templateHash(d);
    int wanted = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    // Recreate: every pod of another template (or all, when scaled to zero) goes first.
    for (Pod p :
        client
            .pods()
            .inNamespace(ns)
            .withLabels(d.getSpec().getSelector().getMatchLabels())
            .list()
            .getItems()) {
      if (wanted == 0 || !p.getMetadata().getName().equals(podName)) {
        client.pods().inNamespace(ns).withName(p.getMetadata().getName()).delete();
      }
    }
    Pod pod = client.pods().inNamespace(ns).withName(podName).get();
    if (wanted > 0 && pod == null) {
      pod = client.pods().inNamespace(ns).resource(readyPod(d, podName)).create();
    }
    int ready = wanted > 0 && recorderReady(pod) ? 1 : 0;
    if (d.getStatus() == null || !Objects.equals(d.getStatus().getReadyReplicas(), ready)) {
      d.setStatus(
          new DeploymentStatusBuilder()
              .withReplicas(ready)
              .withReadyReplicas(ready)
              .withAvailableReplicas(ready)
              .withUpdatedReplicas(ready)
              .build());
      client.apps().deployments().inNamespace(ns).resource(d).updateStatus();
    }
  }

  /**
   * The recorder container of the Deployment's pod ends with {@code message} in its termination
   * log, and the kubelet holds it in CrashLoopBackOff: what the pod shows for a cause retrying
   * cannot fix.
   */
  synchronized void terminateRecorder(
      String namespace, String deployment, int exitCode, String message) {
    editRecorder(
        namespace,
        deployment,
        recorder ->
            new ContainerStatusBuilder(recorder)
                .withReady(false)
                .withRestartCount(recorder.getRestartCount() + 1)
                .withNewState()
                .withNewWaiting()
                .withReason("CrashLoopBackOff")
                .withMessage("back-off 10s restarting failed container=" + recorder.getName())
                .endWaiting()
                .endState()
                .withNewLastState()
                .withNewTerminated()
                .withExitCode(exitCode)
                .withReason("Error")
                .withMessage(message)
                .withFinishedAt(Instant.now().toString())
                .endTerminated()
                .endLastState()
                .build());
  }

  /**
   * The recorder container runs but passes (or fails) its readiness probe: what the kubelet shows
   * of a recorder that cannot store segments, say because the camera does not answer.
   */
  synchronized void setRecorderReady(String namespace, String deployment, boolean ready) {
    editRecorder(
        namespace, deployment, r -> new ContainerStatusBuilder(r).withReady(ready).build());
  }

  private void editRecorder(
      String namespace, String deployment, UnaryOperator<ContainerStatus> change) {
    Deployment d = client.apps().deployments().inNamespace(namespace).withName(deployment).get();
    client
        .pods()
        .inNamespace(namespace)
        .withName(deployment + "-" + templateHash(d))
        .editStatus(
            pod -> {
              ContainerStatus recorder = pod.getStatus().getContainerStatuses().get(0);
              pod.getStatus().setContainerStatuses(List.of(change.apply(recorder)));
              return pod;
            });
    sync(d);
  }

  private static boolean recorderReady(Pod pod) {
    return pod != null
        && pod.getStatus().getContainerStatuses().stream()
            .allMatch(c -> Boolean.TRUE.equals(c.getReady()));
  }

  private static String templateHash(Deployment d) {
    return Integer.toHexString(d.getSpec().getTemplate().hashCode());
  }

  private static Pod readyPod(Deployment d, String name) {
    String now = Instant.now().toString();
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(d.getMetadata().getNamespace())
        .withLabels(d.getSpec().getTemplate().getMetadata().getLabels())
        .withCreationTimestamp(now)
        .endMetadata()
        .withSpec(d.getSpec().getTemplate().getSpec())
        .withNewStatus()
        .withPhase("Running")
        .withContainerStatuses(
            new ContainerStatusBuilder()
                .withName(DesiredRecorderDeployment.CONTAINER)
                .withReady(true)
                .withRestartCount(0)
                .withNewState()
                .withNewRunning()
                .withStartedAt(now)
                .endRunning()
                .endState()
                .build())
        .endStatus()
        .build();
  }

  @Override
  public void close() {
    informer.close();
  }
}
