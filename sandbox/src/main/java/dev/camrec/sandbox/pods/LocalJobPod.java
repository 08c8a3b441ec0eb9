package dev.camrec.sandbox.pods;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One pod of a Job, run once as a host process (restartPolicy Never: a failed attempt is a new pod,
 * made by the Job runner): Pending until its container starts, Running, then Succeeded or Failed
 * with the container's terminated state. Called from the runner's control thread, except {@link
 * #stop} which waits elsewhere.
 */
final class LocalJobPod {

  /** The labels Kubernetes puts on a Job's pods (and the Job's selector matches). */
  static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";

  static final String CONTROLLER_UID_LABEL = "batch.kubernetes.io/controller-uid";

  // The alphabet Kubernetes' generated names use: no vowels, no look-alike digits.
  private static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Job job;
  private final String name;
  private final Path podDir;
  private final int hostPort;
  private final HostSettings settings;
  private final ContainerEnvironment environment;
  private final Clock clock;
  private final Instant createdAt;

  private ContainerProcess process;
  private ContainerState terminated;
  private String waitingReason = "ContainerCreating";
  private String waitingMessage;
  private Instant nextStartAt = Instant.EPOCH;
  private String failureReason;
  private String failureMessage;
  private boolean stopping;

  LocalJobPod(Job job, HostSettings settings, ContainerEnvironment environment, Clock clock) {
    this.job = job;
    this.name = job.getMetadata().getName() + "-" + randomSuffix();
    this.settings = settings;
    this.environment = environment;
    this.clock = clock;
    this.podDir =
        settings.dataDir().resolve("pods").resolve(job.getMetadata().getNamespace()).resolve(name);
    this.hostPort = ContainerProcess.freeHostPort();
    this.createdAt = clock.instant();
  }

  String name() {
    return name;
  }

  /** Ran and ended, whichever way. */
  boolean finished() {
    return terminated != null;
  }

  boolean succeeded() {
    return terminated != null && terminated.getTerminated().getExitCode() == 0;
  }

  boolean running() {
    return process != null && terminated == null;
  }

  /**
   * Starts the container when it can be configured (a missing Secret keeps the pod Pending and is
   * tried again, as the kubelet does), and notices that it ended. {@code onExit} runs when the
   * process ends, from whatever thread ends it.
   */
  void supervise(Runnable onExit) {
    if (terminated != null) {
      return;
    }
    if (process == null && !stopping && !clock.instant().isBefore(nextStartAt)) {
      start(onExit);
    }
    if (process != null && !process.isAlive()) {
      terminated = process.terminated(clock.instant());
    }
  }

  private void start(Runnable onExit) {
    try {
      process =
          ContainerProcess.start(
              job.getMetadata().getNamespace(),
              container(),
              podDir,
              hostPort,
              settings,
              environment,
              clock);
      process.onExit().thenRun(onExit);
      waitingReason = null;
      waitingMessage = null;
    } catch (ContainerProcess.NotStarted e) {
      waiting(e.reason(), e.getMessage());
    }
  }

  private void waiting(String reason, String message) {
    waitingReason = reason;
    waitingMessage = message;
    nextStartAt = clock.instant().plus(Duration.ofSeconds(1));
  }

  /**
   * Ends the pod for the Job controller ({@code reason}, e.g. DeadlineExceeded): SIGTERM, SIGKILL
   * after the grace period. A pod that never started is Failed at once.
   */
  CompletableFuture<Void> stop(String reason, String message, Executor waiter) {
    stopping = true;
    failureReason = reason;
    failureMessage = message;
    if (process == null) {
      if (terminated == null) {
        terminated =
            new ContainerStateBuilder()
                .withNewTerminated()
                .withExitCode(137)
                .withReason("ContainerStatusUnknown")
                .withMessage("The container could not be located when the pod was terminated")
                .withFinishedAt(clock.instant().toString())
                .endTerminated()
                .build();
      }
      return CompletableFuture.completedFuture(null);
    }
    Long graceSeconds = job.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
    return process.stop(graceSeconds == null ? 30 : graceSeconds, waiter);
  }

  /** The Pod object the Job controller and the kubelet would have written. */
  Pod toPod() {
    Container container = container();
    String phase = terminated != null ? (succeeded() ? "Succeeded" : "Failed") : phase();
    boolean ready = running();
    Map<String, String> labels = new HashMap<>();
    if (job.getSpec().getTemplate().getMetadata() != null
        && job.getSpec().getTemplate().getMetadata().getLabels() != null) {
      labels.putAll(job.getSpec().getTemplate().getMetadata().getLabels());
    }
    String jobName = job.getMetadata().getName();
    String uid = job.getMetadata().getUid();
    labels.put(JOB_NAME_LABEL, jobName);
    labels.put("job-name", jobName);
    if (uid != null) {
      labels.put(CONTROLLER_UID_LABEL, uid);
      labels.put("controller-uid", uid);
    }
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(job.getMetadata().getNamespace())
        .withLabels(labels)
        .withAnnotations(
            job.getSpec().getTemplate().getMetadata() == null
                ? null
                : job.getSpec().getTemplate().getMetadata().getAnnotations())
        .addToOwnerReferences(ControllerReference.to(job))
        .endMetadata()
        .withSpec(job.getSpec().getTemplate().getSpec())
        .withStatus(
            new PodStatusBuilder()
                .withPhase(phase)
                .withReason(terminated != null ? failureReason : null)
                .withMessage(terminated != null ? failureMessage : null)
                .withHostIP("127.0.0.1")
                .withPodIP("127.0.0.1")
                .withStartTime(createdAt.toString())
                .addNewCondition()
                .withType("Ready")
                .withStatus(ready ? "True" : "False")
                .withReason(terminated != null ? "PodCompleted" : null)
                .endCondition()
                .addNewCondition()
                .withType("ContainersReady")
                .withStatus(ready ? "True" : "False")
                .withReason(terminated != null ? "PodCompleted" : null)
                .endCondition()
                .addToContainerStatuses(
                    new ContainerStatusBuilder()
                        .withName(container.getName())
                        .withImage(container.getImage())
                        .withImageID("")
                        .withReady(ready)
                        .withStarted(ready)
                        .withRestartCount(0)
                        .withState(state())
                        .build())
                .build())
        .build();
  }

  private String phase() {
    return process != null ? "Running" : "Pending";
  }

  private ContainerState state() {
    if (terminated != null) {
      return terminated;
    }
    return process != null
        ? process.running()
        : ContainerProcess.waiting(waitingReason, waitingMessage);
  }

  private Container container() {
    return job.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static String randomSuffix() {
    StringBuilder suffix = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      suffix.append(NAME_ALPHABET.charAt(RANDOM.nextInt(NAME_ALPHABET.length())));
    }
    return suffix.toString();
  }
}
