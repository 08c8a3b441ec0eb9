package dev.camrec.operator.camera;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.Objects;

/**
 * What kube-controller-manager and the kubelet would do for a recorder Deployment, which the mock
 * API server lacks: one pod per replica that is Running and ready, and readyReplicas on the
 * Deployment. The pod's name carries the template generation so a template change replaces it.
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
        client.pods().inNamespace(ns).withLabels(d.getSpec().getSelector().getMatchLabels()).list().getItems()) {
      if (wanted == 0 || !p.getMetadata().getName().equals(podName)) {
        client.pods().inNamespace(ns).withName(p.getMetadata().getName()).delete();
      }
    }
    if (wanted > 0 && client.pods().inNamespace(ns).withName(podName).get() == null) {
      client.pods().inNamespace(ns).resource(readyPod(d, podName)).create();
    }
    int ready = wanted > 0 ? 1 : 0;
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
