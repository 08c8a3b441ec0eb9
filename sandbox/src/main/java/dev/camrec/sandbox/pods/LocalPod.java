package dev.camrec.sandbox.pods;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One pod of a Deployment, run as a host process: the kubelet's part (start, probe, restart with
 * backoff, stop with a grace period) plus what it reports in the Pod's status. Called from the
 * runner's single control thread, except {@link #stop} which waits elsewhere.
 */
final class LocalPod {

  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

  /** A container that ran this long before dying starts its next backoff from the beginning. */
  private static final Duration STABLE_RUN = Duration.ofSeconds(60);

  private final String namespace;
  private final String name;
  private final Deployment owner;
  private final String template;
  private final Path podDir;
  private final int hostPort;
  private final HostSettings settings;
  private final ContainerEnvironment environment;
  private final Clock clock;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private ContainerProcess process;
  private final Instant podStartedAt;
  private int restartCount;
  private Duration backoff = FIRST_BACKOFF;
  private Instant nextStartAt = Instant.EPOCH;
  private ContainerState lastTermination;
  private String waitingReason = "ContainerCreating";
  private String waitingMessage;
  private boolean ready;
  private volatile boolean stopping;

  LocalPod(
      Deployment owner,
      String template,
      HostSettings settings,
      ContainerEnvironment environment,
      Clock clock) {
    this.owner = owner;
    this.namespace = owner.getMetadata().getNamespace();
    this.name = owner.getMetadata().getName() + "-" + Long.toString(clock.millis() % 46_656L, 36);
    this.template = template;
    this.settings = settings;
    this.environment = environment;
    this.clock = clock;
    this.podDir = settings.dataDir().resolve("pods").resolve(namespace).resolve(name);
    this.hostPort = ContainerProcess.freeHostPort();
    this.podStartedAt = clock.instant();
  }

  String name() {
    return name;
  }

  String template() {
    return template;
  }

  boolean ready() {
    return ready;
  }

  int hostPort() {
    return hostPort;
  }

  Path podDir() {
    return podDir;
  }

  /** Starts the container when it is due, notices that it died, and probes its readiness. */
  void supervise() {
    if (stopping) {
      return;
    }
    if (process != null && !process.isAlive()) {
      recordTermination();
    }
    if (process == null && !clock.instant().isBefore(nextStartAt)) {
      start();
    }
    ready = process != null && process.isAlive() && probeReady();
  }

  private void recordTermination() {
    Instant finishedAt = clock.instant();
    lastTermination = process.terminated(finishedAt);
    if (Duration.between(process.startedAt(), finishedAt).compareTo(STABLE_RUN) > 0) {
      backoff = FIRST_BACKOFF;
    }
    process = null;
    restartCount++;
    nextStartAt = finishedAt.plus(backoff);
    backoff = min(backoff.multipliedBy(2), settings.maxRestartBackoff());
    waitingReason = "CrashLoopBackOff";
    waitingMessage = "back-off restarting failed container " + container().getName();
  }

  private void start() {
    try {
      process =
          ContainerProcess.start(
              namespace, container(), podDir, hostPort, settings, environment, clock);
      waitingReason = null;
      waitingMessage = null;
    } catch (ContainerProcess.NotStarted e) {
      waiting(e.reason(), e.getMessage());
    }
  }

  private void waiting(String reason, String message) {
    waitingReason = reason;
    waitingMessage = message;
    nextStartAt = clock.instant().plus(FIRST_BACKOFF);
  }

  /**
   * The readiness probe's httpGet path on the host port; without a probe a running container is
   * ready.
   */
  private boolean probeReady() {
    var probe = container().getReadinessProbe();
    if (probe == null || probe.getHttpGet() == null) {
      return true;
    }
    String path = probe.getHttpGet().getPath() == null ? "/" : probe.getHttpGet().getPath();
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hostPort + path))
                  .timeout(Duration.ofSeconds(1))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() >= 200 && response.statusCode() < 400;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** SIGTERM, then SIGKILL (the process and its children) after the pod's grace period. */
  CompletableFuture<Void> stop(Executor waiter) {
    stopping = true;
    ready = false;
    ContainerProcess running = process;
    if (running == null) {
      return CompletableFuture.completedFuture(null);
    }
    Long graceSeconds = owner.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
    return running.stop(graceSeconds == null ? 30 : graceSeconds, waiter);
  }

  /** The Pod object a ReplicaSet controller and kubelet would have written. */
  Pod toPod() {
    Container container = container();
    PodStatus status =
        new PodStatusBuilder()
            .withPhase(process != null ? "Running" : "Pending")
            .withHostIP("127.0.0.1")
            .withPodIP("127.0.0.1")
            .withStartTime(podStartedAt.toString())
            .addNewCondition()
            .withType("Ready")
            .withStatus(ready ? "True" : "False")
            .endCondition()
            .addNewCondition()
            .withType("ContainersReady")
            .withStatus(ready ? "True" : "False")
            .endCondition()
            .addToContainerStatuses(
                new ContainerStatusBuilder()
                    .withName(container.getName())
                    .withImage(container.getImage())
                    .withImageID("")
                    .withReady(ready)
                    .withStarted(process != null)
                    .withRestartCount(restartCount)
                    .withState(currentState())
                    .withLastState(lastTermination)
                    .build())
            .build();
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(owner.getSpec().getTemplate().getMetadata().getLabels())
        .withAnnotations(owner.getSpec().getTemplate().getMetadata().getAnnotations())
        .addToOwnerReferences(ControllerReference.to(owner))
        .endMetadata()
        .withSpec(owner.getSpec().getTemplate().getSpec())
        .withStatus(status)
        .build();
  }

  private ContainerState currentState() {
    return process != null
        ? process.running()
        : ContainerProcess.waiting(waitingReason, waitingMessage);
  }

  private Container container() {
    return owner.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
