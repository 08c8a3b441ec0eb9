package dev.camrec.operator.retention;

import static dev.camrec.contract.env.RetentionEnv.*;

import dev.camrec.api.RetentionPolicy;
import dev.camrec.contract.env.CommonEnv;
import dev.camrec.operator.common.Labels;
import dev.camrec.operator.common.OperatorSettings;
import dev.camrec.operator.common.RecorderImagePods;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the CronJob of one RetentionPolicy; pure, so the shape is unit-tested alone. The Job runs
 * {@code recorder-sidecar retention} in the recorder image with every camera and limit in its
 * environment: it needs no Kubernetes API access, and a change of Cameras changes the CronJob
 * before its next run.
 */
public final class DesiredRetentionCronJob {

  public static final String CONTAINER = "retention";

  /**
   * UTC whatever kube-controller-manager's zone, as spec.schedule documents (CronJob timeZone,
   * stable since Kubernetes 1.27).
   */
  static final String TIME_ZONE = "Etc/UTC";

  /** Two runs of one policy at once would list and delete the same keys twice. */
  static final String CONCURRENCY = "Forbid";

  /** Enough to see the last few runs with kubectl; the status holds the last one. */
  static final int SUCCESSFUL_HISTORY = 3;

  static final int FAILED_HISTORY = 3;

  /**
   * One retry, in a new pod, for a run that could not finish (a store that dropped for longer than
   * the command's own retries); a store down for longer waits for the next scheduled run.
   */
  static final int BACKOFF_LIMIT = 1;

  /**
   * The command streams its listing and deletes in batches of 1,000: its JVM (the image's launcher,
   * 48 MiB heap) stays under 128 MiB with a million keys (bench/RESULTS.md).
   */
  private static final Map<String, Quantity> REQUESTS =
      Map.of("cpu", new Quantity("100m"), "memory", new Quantity("160Mi"));

  private static final Map<String, Quantity> LIMITS = Map.of("memory", new Quantity("192Mi"));

  private final OperatorSettings settings;
  private final RetentionSettings retention;

  public DesiredRetentionCronJob(OperatorSettings settings, RetentionSettings retention) {
    this.settings = settings;
    this.retention = retention;
  }

  public static String nameOf(RetentionPolicy policy) {
    return policy.getMetadata().getName() + "-retention";
  }

  /**
   * @param limits the policy's limits, already checked
   * @param targets the selected Cameras by storage; none suspends the CronJob
   */
  public CronJob build(
      RetentionPolicy policy, PolicyLimits limits, List<StorageTargets.Target> targets) {
    String name = policy.getMetadata().getName();
    Map<String, String> labels = Labels.retention(name);
    return new CronJobBuilder()
        .withNewMetadata()
        .withName(nameOf(policy))
        .withNamespace(policy.getMetadata().getNamespace())
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withSchedule(policy.getSpec().schedule().trim())
        .withTimeZone(TIME_ZONE)
        .withConcurrencyPolicy(CONCURRENCY)
        // A run missed by more than this (operator or controller down) is skipped, not made up
        // for; it also keeps the controller from giving up after 100 missed runs.
        .withStartingDeadlineSeconds(retention.startingDeadlineSeconds())
        .withSuccessfulJobsHistoryLimit(SUCCESSFUL_HISTORY)
        .withFailedJobsHistoryLimit(FAILED_HISTORY)
        // Nothing to prune: no runs, until a Camera matches again.
        .withSuspend(targets.isEmpty())
        .withNewJobTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(BACKOFF_LIMIT)
        // A killed run leaves whole segments only; the next run goes on where it stopped.
        .withActiveDeadlineSeconds(retention.activeDeadlineSeconds())
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withContainers(container(policy, limits, targets))
        .withVolumes(RecorderImagePods.tmpVolume())
        // The Job talks to S3 only: every camera and limit is in its environment.
        .withAutomountServiceAccountToken(false)
        .withImagePullSecrets(RecorderImagePods.imagePullSecrets(settings))
        .withEnableServiceLinks(false)
        .withSecurityContext(RecorderImagePods.podSecurityContext())
        .endSpec()
        .endTemplate()
        .endSpec()
        .endJobTemplate()
        .endSpec()
        .build();
  }

  private Container container(
      RetentionPolicy policy, PolicyLimits limits, List<StorageTargets.Target> targets) {
    return new ContainerBuilder()
        .withName(CONTAINER)
        .withImage(settings.recorderImage())
        .withImagePullPolicy(settings.recorderImagePullPolicy())
        .withCommand("recorder-sidecar", "retention")
        .withEnv(env(policy, limits, targets))
        .withNewResources()
        .withRequests(REQUESTS)
        .withLimits(LIMITS)
        .endResources()
        // The command writes one RetentionResult here; File, not FallbackToLogsOnError: the
        // operator wants only that JSON, never a log tail in its place.
        .withTerminationMessagePath(CommonEnv.DEFAULT_TERMINATION_LOG)
        .withTerminationMessagePolicy("File")
        .addToVolumeMounts(RecorderImagePods.tmpMount())
        .withSecurityContext(RecorderImagePods.containerSecurityContext())
        .build();
  }

  private static List<EnvVar> env(
      RetentionPolicy policy, PolicyLimits limits, List<StorageTargets.Target> targets) {
    List<EnvVar> env = new ArrayList<>();
    env.add(value(CommonEnv.NAMESPACE, policy.getMetadata().getNamespace()));
    limits.maxAge().ifPresent(a -> env.add(value(MAX_AGE_SECONDS, Long.toString(a.toSeconds()))));
    limits.maxBytes().ifPresent(b -> env.add(value(MAX_BYTES, Long.toString(b))));
    env.add(value(DRY_RUN, Boolean.toString(Boolean.TRUE.equals(policy.getSpec().dryRun()))));
    env.add(value(TARGETS, Integer.toString(targets.size())));
    for (int i = 0; i < targets.size(); i++) {
      int target = i;
      StorageTargets.Target t = targets.get(i);
      env.add(value(ofTarget(CAMERAS, target), String.join(",", t.cameras())));
      // Optional: a missing Secret of one Camera's own bucket must not keep the others unpruned;
      // the command reports the target whose key pair is missing.
      env.addAll(RecorderImagePods.storeEnv(t.storage(), n -> ofTarget(n, target), true));
    }
    env.add(RecorderImagePods.terminationLogEnv());
    return env;
  }

  private static EnvVar value(String name, String value) {
    return RecorderImagePods.value(name, value);
  }
}
