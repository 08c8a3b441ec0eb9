package dev.camrec.sandbox.pods;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * One pod of a Deployment, run as a host process: the kubelet's part (start, probe, restart with
 * backoff, stop with a grace period) plus what it reports in the Pod's status. Called from the
 * runner's single control thread, except {@link #stop} which waits elsewhere.
 */
final class LocalPod {

  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

  /** A container that ran this long before dying starts its next backoff from the beginning. */
  private static final Duration STABLE_RUN = Duration.ofSeconds(60);

  /** The kubelet keeps at most this much of a container's termination message. */
  private static final int MAX_TERMINATION_MESSAGE_BYTES = 4096;

  private final String namespace;
  private final String name;
  private final Deployment owner;
  private final String template;
  private final Path podDir;
  private final Path terminationLog;
  private final int hostPort;
  private final HostSettings settings;
  private final ContainerEnvironment environment;
  private final Clock clock;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private Process process;
  private Instant startedAt;
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
    this.terminationLog = podDir.resolve("termination-log");
    this.hostPort = freePort();
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
    int exitCode = process.exitValue();
    Instant finishedAt = clock.instant();
    lastTermination =
        new ContainerStateBuilder()
            .withNewTerminated()
            .withExitCode(exitCode)
            .withReason(exitCode == 0 ? "Completed" : "Error")
            .withMessage(terminationMessage())
            .withStartedAt(startedAt.toString())
            .withFinishedAt(finishedAt.toString())
            .endTerminated()
            .build();
    if (Duration.between(startedAt, finishedAt).compareTo(STABLE_RUN) > 0) {
      backoff = FIRST_BACKOFF;
    }
    process = null;
    restartCount++;
    nextStartAt = finishedAt.plus(backoff);
    backoff = min(backoff.multipliedBy(2), settings.maxRestartBackoff());
    waitingReason = "CrashLoopBackOff";
    waitingMessage = "back-off restarting failed container " + container().getName();
  }

  /**
   * What the container left in its termination log, cut to the kubelet's limit; null when empty.
   * Read whatever the policy: File and FallbackToLogsOnError both prefer the file (the latter's
   * fall back to a log tail is not simulated; the recorder pod uses File).
   */
  private String terminationMessage() {
    try (InputStream in = Files.newInputStream(terminationLog)) {
      byte[] message = in.readNBytes(MAX_TERMINATION_MESSAGE_BYTES);
      return message.length == 0 ? null : new String(message, StandardCharsets.UTF_8);
    } catch (IOException e) {
      // As with the kubelet: a log it cannot read gives no message, and supervision goes on.
      return null;
    }
  }

  private void start() {
    Container container = container();
    try {
      Map<String, String> env = environment.resolve(namespace, container.getEnv());
      Path spool = podDir.resolve("spool");
      Files.createDirectories(spool);
      env.put(settings.spoolEnv(), spool.toString());
      env.put(settings.portEnv(), String.valueOf(hostPort));
      // The sandbox's stand-in for the kubelet's bind mount of terminationMessagePath: a process
      // cannot write /dev/termination-log, so each pod gets its own file and the process its path.
      // Like a fresh container's, it starts empty: a message is never left over from the last run.
      Files.write(terminationLog, new byte[0]);
      env.put(settings.terminationLogEnv(), terminationLog.toString());
      ProcessBuilder builder =
          new ProcessBuilder(commandLine(container))
              .directory(podDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(podDir.resolve("container.log").toFile()));
      Map<String, String> processEnv = builder.environment();
      // A container sees only its own env; the host's PATH and JAVA_HOME are kept so launchers run.
      processEnv.keySet().retainAll(List.of("PATH", "HOME", "JAVA_HOME", "LANG", "TZ"));
      processEnv.putAll(env);
      process = builder.start();
      startedAt = clock.instant();
      waitingReason = null;
      waitingMessage = null;
    } catch (ContainerEnvironment.ConfigError e) {
      waiting("CreateContainerConfigError", e.getMessage());
    } catch (IOException e) {
      waiting("RunContainerError", e.getMessage());
    }
  }

  private void waiting(String reason, String message) {
    waitingReason = reason;
    waitingMessage = message;
    nextStartAt = clock.instant().plus(FIRST_BACKOFF);
  }

  private List<String> commandLine(Container container) {
    List<String> command = new ArrayList<>();
    List<String> declared = container.getCommand() == null ? List.of() : container.getCommand();
    if (!declared.isEmpty() && settings.launchers().containsKey(declared.get(0))) {
      command.addAll(settings.launchers().get(declared.get(0)));
      command.addAll(declared.subList(1, declared.size()));
    } else {
      command.addAll(declared);
    }
    if (container.getArgs() != null) {
      command.addAll(container.getArgs());
    }
    if (command.isEmpty()) {
      throw new IllegalStateException(
          "Container "
              + container.getName()
              + " has no command; the sandbox cannot run image entrypoints");
    }
    return command;
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
    Process running = process;
    if (running == null || !running.isAlive()) {
      return CompletableFuture.completedFuture(null);
    }
    Long graceSeconds = owner.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
    long grace = graceSeconds == null ? 30 : graceSeconds;
    return CompletableFuture.runAsync(
        () -> {
          running.destroy();
          try {
            if (!running.waitFor(grace, TimeUnit.SECONDS)) {
              running.descendants().forEach(ProcessHandle::destroyForcibly);
              running.destroyForcibly().waitFor();
            }
          } catch (InterruptedException e) {
            running.descendants().forEach(ProcessHandle::destroyForcibly);
            running.destroyForcibly();
            Thread.currentThread().interrupt();
          }
        },
        waiter);
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
        .addNewOwnerReference()
        .withApiVersion("apps/v1")
        .withKind("Deployment")
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .endOwnerReference()
        .endMetadata()
        .withSpec(owner.getSpec().getTemplate().getSpec())
        .withStatus(status)
        .build();
  }

  private ContainerState currentState() {
    if (process != null) {
      return new ContainerStateBuilder()
          .withNewRunning()
          .withStartedAt(startedAt.toString())
          .endRunning()
          .build();
    }
    return new ContainerStateBuilder()
        .withNewWaiting()
        .withReason(waitingReason)
        .withMessage(waitingMessage)
        .endWaiting()
        .build();
  }

  private Container container() {
    return owner.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static int freePort() {
    try (ServerSocket socket =
        new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
