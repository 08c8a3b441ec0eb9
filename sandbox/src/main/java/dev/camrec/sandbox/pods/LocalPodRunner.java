package dev.camrec.sandbox.pods;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stands in for the Deployment controller, the ReplicaSet controller and the kubelet: for every
 * Deployment with replicas 1 it runs the pod template's first container as a host process, and
 * writes back the Deployment's status and a Pod like a cluster would. Level-based: one control
 * thread compares what runs with what the informer's cache asks for, on every change and every
 * second.
 */
public final class LocalPodRunner implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(LocalPodRunner.class.getName());

  private final KubernetesClient client;
  private final HostSettings settings;
  private final ContainerEnvironment environment;
  private final Clock clock;
  private final ScheduledExecutorService control =
      Executors.newSingleThreadScheduledExecutor(daemon("local-pod-runner"));
  private final ExecutorService stopWaiters =
      Executors.newCachedThreadPool(daemon("local-pod-stop"));
  private final Map<String, LocalPod> running = new HashMap<>();
  private final Map<String, CompletableFuture<Void>> terminating = new HashMap<>();
  private final Map<String, DeploymentStatus> writtenDeploymentStatus = new HashMap<>();
  private final PodWriter pods;
  private SharedIndexInformer<Deployment> informer;

  private LocalPodRunner(KubernetesClient client, HostSettings settings, Clock clock) {
    this.client = client;
    this.settings = settings;
    this.environment = new ContainerEnvironment(client);
    this.pods = new PodWriter(client);
    this.clock = clock;
  }

  public static LocalPodRunner start(KubernetesClient client, HostSettings settings) {
    LocalPodRunner runner = new LocalPodRunner(client, settings, Clock.systemUTC());
    runner.informer =
        client
            .apps()
            .deployments()
            .inAnyNamespace()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Deployment deployment) {
                    runner.control.execute(runner::reconcileAll);
                  }

                  @Override
                  public void onUpdate(Deployment before, Deployment after) {
                    runner.control.execute(runner::reconcileAll);
                  }

                  @Override
                  public void onDelete(Deployment deployment, boolean finalStateUnknown) {
                    runner.control.execute(runner::reconcileAll);
                  }
                });
    runner.control.scheduleWithFixedDelay(runner::reconcileAll, 1, 1, TimeUnit.SECONDS);
    return runner;
  }

  /** The name of the Pod now running for a Deployment, if any. */
  public synchronized Optional<String> podName(String namespace, String deployment) {
    return Optional.ofNullable(running.get(namespace + "/" + deployment)).map(LocalPod::name);
  }

  private synchronized void reconcileAll() {
    try {
      Map<String, Deployment> wanted = new HashMap<>();
      for (Deployment deployment : informer.getStore().list()) {
        wanted.put(key(deployment), deployment);
      }
      for (String key : new ArrayList<>(running.keySet())) {
        if (!wanted.containsKey(key)) {
          retire(key);
        }
      }
      terminating.values().removeIf(CompletableFuture::isDone);
      wanted.forEach(this::reconcile);
    } catch (RuntimeException e) {
      // The next tick retries; a failure here must not end the schedule.
      LOG.log(Level.WARNING, "Pod runner pass failed", e);
    }
  }

  private void reconcile(String key, Deployment deployment) {
    int desired =
        deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
    String template = Serialization.asJson(deployment.getSpec().getTemplate());
    LocalPod pod = running.get(key);
    if (pod != null && (desired == 0 || !pod.template().equals(template))) {
      retire(key);
      pod = null;
    }
    // Recreate: the new pod starts only once the old one has gone.
    if (desired > 0 && pod == null && !terminating.containsKey(key)) {
      pod = new LocalPod(deployment, template, settings, environment, clock);
      running.put(key, pod);
    }
    if (pod != null) {
      pod.supervise();
      pods.write(pod.toPod());
    }
    writeDeploymentStatus(deployment, pod, terminating.containsKey(key));
  }

  private void retire(String key) {
    LocalPod pod = running.remove(key);
    String namespace = key.substring(0, key.indexOf('/'));
    CompletableFuture<Void> stopped =
        pod.stop(stopWaiters)
            .whenComplete(
                (ignored, error) -> {
                  synchronized (this) {
                    pods.delete(namespace, pod.name());
                  }
                  if (!control.isShutdown()) {
                    control.execute(this::reconcileAll);
                  }
                });
    terminating.put(key, stopped);
  }

  private void writeDeploymentStatus(Deployment deployment, LocalPod pod, boolean stopping) {
    int replicas = pod != null || stopping ? 1 : 0;
    int ready = pod != null && pod.ready() ? 1 : 0;
    int desired =
        deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
    boolean available = ready >= desired;
    DeploymentStatus previous = writtenDeploymentStatus.get(key(deployment));
    DeploymentStatus status =
        new DeploymentStatusBuilder()
            .withObservedGeneration(deployment.getMetadata().getGeneration())
            // Like the API server, leave zero counts out.
            .withReplicas(replicas == 0 ? null : replicas)
            .withUpdatedReplicas(replicas == 0 ? null : replicas)
            .withReadyReplicas(ready == 0 ? null : ready)
            .withAvailableReplicas(ready == 0 ? null : ready)
            .withUnavailableReplicas(replicas - ready == 0 ? null : replicas - ready)
            .withConditions(
                condition(
                    previous,
                    "Available",
                    available,
                    available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                    available
                        ? "Deployment has minimum availability."
                        : "Deployment does not have minimum availability."),
                condition(
                    previous,
                    "Progressing",
                    true,
                    "NewReplicaSetAvailable",
                    "Pods run as local processes in the sandbox."))
            .build();
    if (status.equals(previous)) {
      return;
    }
    if (StoredStatus.write(client, deployment, current -> current.setStatus(status))) {
      writtenDeploymentStatus.put(key(deployment), status);
    } else {
      writtenDeploymentStatus.remove(key(deployment));
    }
  }

  /** Keeps lastTransitionTime unless the condition's status changed, as controllers do. */
  private DeploymentCondition condition(
      DeploymentStatus previous, String type, boolean isTrue, String reason, String message) {
    String status = isTrue ? "True" : "False";
    String since = clock.instant().toString();
    if (previous != null) {
      for (DeploymentCondition old : previous.getConditions()) {
        if (old.getType().equals(type) && old.getStatus().equals(status)) {
          since = old.getLastTransitionTime();
        }
      }
    }
    return new DeploymentConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withLastTransitionTime(since)
        .withLastUpdateTime(since)
        .build();
  }

  private static String key(Deployment deployment) {
    return deployment.getMetadata().getNamespace() + "/" + deployment.getMetadata().getName();
  }

  /** Threads that do not keep the JVM alive: the sandbox ends on Ctrl-C or close. */
  static java.util.concurrent.ThreadFactory daemon(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Stops every process it started (each within its pod's grace period) and the informer. */
  @Override
  public void close() {
    if (informer != null) {
      informer.close();
    }
    List<CompletableFuture<Void>> stops;
    synchronized (this) {
      control.shutdownNow();
      new ArrayList<>(running.keySet()).forEach(this::retire);
      stops = new ArrayList<>(terminating.values());
    }
    ContainerProcess.awaitStops(stops, LOG);
    stopWaiters.shutdown();
  }
}
