package dev.camrec.operator.clip;

import static dev.camrec.contract.env.ClipEnv.*;
import static dev.camrec.contract.env.CommonEnv.*;

import dev.camrec.api.Camera;
import dev.camrec.api.ClipRequest;
import dev.camrec.api.OnGap;
import dev.camrec.contract.layout.ClipKey;
import dev.camrec.contract.termination.ClipResult;
import dev.camrec.operator.common.EffectiveStorage;
import dev.camrec.operator.common.Labels;
import dev.camrec.operator.common.OperatorSettings;
import dev.camrec.operator.common.RecorderImagePods;
import dev.camrec.operator.common.Sha256;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRuleBuilder;
import java.util.ArrayList;
import java.util.List;

/** Builds the Job that cuts one ClipRequest's clip; pure, so its shape is unit-tested alone. */
public final class DesiredClipJob {

  public static final String CONTAINER = "clip";
  private static final String WORK_VOLUME = "work";

  /**
   * Two retries for what a retry may fix (the store, FFmpeg); what it cannot fix fails the Job at
   * once through the podFailurePolicy.
   */
  static final int BACKOFF_LIMIT = 2;

  /**
   * Longest Job name: the Job controller puts it into a label on the pod, and label values hold at
   * most 63 characters.
   */
  static final int MAX_NAME = 63;

  private static final String SUFFIX = "-clip";

  private final OperatorSettings settings;
  private final ClipSettings clips;

  public DesiredClipJob(OperatorSettings settings, ClipSettings clips) {
    this.settings = settings;
    this.clips = clips;
  }

  /**
   * {@code <name>-clip}, or for a long name its start, a hash of the whole name and the suffix: the
   * same name always, and two long names sharing a start do not meet.
   */
  public static String nameOf(ClipRequest clip) {
    String name = clip.getMetadata().getName();
    if (name.length() + SUFFIX.length() <= MAX_NAME) {
      return name + SUFFIX;
    }
    String hash = Sha256.hex(name, 5);
    String start = name.substring(0, MAX_NAME - SUFFIX.length() - hash.length() - 1);
    return start.replaceAll("[-.]+$", "") + "-" + hash + SUFFIX;
  }

  public static String objectKeyOf(ClipRequest clip) {
    return new ClipKey(
            clip.getMetadata().getNamespace(),
            clip.getMetadata().getName(),
            clip.getMetadata().getUid())
        .objectKey();
  }

  public Job build(ClipRequest clip, Camera camera, EffectiveStorage storage) {
    return new JobBuilder()
        .withNewMetadata()
        .withName(nameOf(clip))
        .withNamespace(clip.getMetadata().getNamespace())
        .withLabels(Labels.clip())
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(BACKOFF_LIMIT)
        .withActiveDeadlineSeconds(clips.jobDeadline().toSeconds())
        .withNewPodFailurePolicy()
        .withRules(
            new PodFailurePolicyRuleBuilder()
                .withAction("FailJob")
                .withNewOnExitCodes()
                .withContainerName(CONTAINER)
                .withOperator("In")
                .withValues(ClipResult.EXIT_PERMANENT)
                .endOnExitCodes()
                .build(),
            // An evicted or preempted pod is not the clip's fault: retried without counting.
            new PodFailurePolicyRuleBuilder()
                .withAction("Ignore")
                .addNewOnPodCondition()
                .withType("DisruptionTarget")
                .withStatus("True")
                .endOnPodCondition()
                .build())
        .endPodFailurePolicy()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(Labels.clip())
        .endMetadata()
        .withNewSpec()
        // podFailurePolicy needs Never; a retry is a new pod with a clean work directory.
        .withRestartPolicy("Never")
        // The clip command talks to S3 only; its result leaves through the termination log.
        .withAutomountServiceAccountToken(false)
        .withImagePullSecrets(RecorderImagePods.imagePullSecrets(settings))
        .withEnableServiceLinks(false)
        .withSecurityContext(RecorderImagePods.podSecurityContext())
        .withContainers(
            new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(settings.recorderImage())
                .withImagePullPolicy(settings.recorderImagePullPolicy())
                .withCommand("recorder-sidecar", "clip")
                .withEnv(env(clip, camera, storage, clips))
                // Measured with a one-hour clip (bench/clip.sh): JVM and FFmpeg stay well under
                // 256 MiB together; FFmpeg's stream copy needs little CPU, the rest is I/O.
                .withResources(
                    new ResourceRequirementsBuilder()
                        .addToRequests("cpu", new Quantity("250m"))
                        .addToRequests("memory", new Quantity("256Mi"))
                        .addToLimits("memory", new Quantity("512Mi"))
                        .build())
                .withTerminationMessagePath(DEFAULT_TERMINATION_LOG)
                .withTerminationMessagePolicy("File")
                .addNewVolumeMount()
                .withName(WORK_VOLUME)
                .withMountPath(DEFAULT_WORK_DIR)
                .endVolumeMount()
                .addToVolumeMounts(RecorderImagePods.tmpMount())
                .withSecurityContext(RecorderImagePods.containerSecurityContext())
                .build())
        .withVolumes(
            new VolumeBuilder()
                .withName(WORK_VOLUME)
                .withNewEmptyDir()
                .withSizeLimit(new Quantity(clips.workDirSizeLimit()))
                .endEmptyDir()
                .build(),
            RecorderImagePods.tmpVolume())
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static List<EnvVar> env(
      ClipRequest clip, Camera camera, EffectiveStorage storage, ClipSettings clips) {
    List<EnvVar> env = new ArrayList<>(RecorderImagePods.storeEnv(storage));
    env.add(value(NAMESPACE, clip.getMetadata().getNamespace()));
    env.add(value(CAMERA, clip.getSpec().camera()));
    env.add(value(START, clip.getSpec().start()));
    env.add(value(END, clip.getSpec().end()));
    env.add(value(ON_GAP, clip.getSpec().onGap() == OnGap.FAIL ? "Fail" : "Concatenate"));
    env.add(value(OBJECT_KEY, objectKeyOf(clip)));
    env.add(value(SEGMENT_SECONDS, String.valueOf(camera.getSpec().recording().segmentSeconds())));
    env.add(value(WORK_DIR, DEFAULT_WORK_DIR));
    env.add(
        value(
            WORK_DIR_LIMIT,
            Quantity.getAmountInBytes(new Quantity(clips.workDirSizeLimit()))
                .toBigInteger()
                .toString()));
    env.add(RecorderImagePods.terminationLogEnv());
    return env;
  }

  private static EnvVar value(String name, String value) {
    return RecorderImagePods.value(name, value);
  }
}
