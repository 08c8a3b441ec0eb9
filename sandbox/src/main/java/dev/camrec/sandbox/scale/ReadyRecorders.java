package dev.camrec.sandbox.scale;

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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * What kube-controller-manager and the kubelet would do for each new recorder Deployment, as fast
 * as the API takes it: one Running pod whose containers are ready, and the Deployment's status
 * saying so. Nothing else (no template changes, no deletes): the scale bench only creates.
 */
final class ReadyRecorders implements AutoCloseable {

  private final KubernetesClient client;
  private final ExecutorService workers = Executors.newFixedThreadPool(4);
  private final Set<String> started = ConcurrentHashMap.newKeySet();
  private final SharedIndexInformer<Deployment> informer;

  ReadyRecorders(KubernetesClient client) {
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
                    workers.execute(() -> makeReady(d));
                  }

                  @Override
                  public void onUpdate(Deployment old, Deployment d) {}

                  @Override
                  public void onDelete(Deployment d, boolean unknown) {}
                });
  }

  private void makeReady(Deployment d) {
    String ns = d.getMetadata().getNamespace();
    if (!started.add(ns + "/" + d.getMetadata().getName())) {
      return;
    }
    client.pods().inNamespace(ns).resource(runningPod(d)).create();
    d.setStatus(
        new DeploymentStatusBuilder()
            .withReplicas(1)
            .withReadyReplicas(1)
            .withAvailableReplicas(1)
            .withUpdatedReplicas(1)
            .build());
    client.apps().deployments().inNamespace(ns).resource(d).updateStatus();
  }

  /** A pod as the kubelet reports it: the template's spec, every container running and ready. */
  private static Pod runningPod(Deployment d) {
    String now = Instant.now().toString();
    List<ContainerStatus> containers =
        d.getSpec().getTemplate().getSpec().getContainers().stream()
            .map(
                c ->
                    new ContainerStatusBuilder()
                        .withName(c.getName())
                        .withImage(c.getImage())
                        .withReady(true)
                        .withStarted(true)
                        .withRestartCount(0)
                        .withNewState()
                        .withNewRunning()
                        .withStartedAt(now)
                        .endRunning()
                        .endState()
                        .build())
            .toList();
    return new PodBuilder()
        .withNewMetadata()
        .withName(d.getMetadata().getName() + "-0")
        .withNamespace(d.getMetadata().getNamespace())
        .withLabels(d.getSpec().getTemplate().getMetadata().getLabels())
        .withCreationTimestamp(now)
        .endMetadata()
        .withSpec(d.getSpec().getTemplate().getSpec())
        .withNewStatus()
        .withPhase("Running")
        .withContainerStatuses(containers)
        .endStatus()
        .build();
  }

  @Override
  public void close() throws InterruptedException {
    informer.close();
    workers.shutdownNow();
    workers.awaitTermination(10, TimeUnit.SECONDS);
  }
}
