package dev.camrec.operator.camera;

import static dev.camrec.contract.env.CommonEnv.*;
import static dev.camrec.contract.env.RecordEnv.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.camrec.api.Camera;
import dev.camrec.api.CredentialsSecretRef;
import dev.camrec.api.Recording;
import dev.camrec.api.Spool;
import dev.camrec.contract.env.StopBudget;
import dev.camrec.operator.common.EffectiveStorage;
import dev.camrec.operator.common.Labels;
import dev.camrec.operator.common.OperatorSettings;
import dev.camrec.operator.common.RecorderImagePods;
import dev.camrec.operator.common.Sha256;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpecBuilder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds the recorder Deployment of one Camera; pure, so the shape is unit-tested alone. */
public final class DesiredRecorderDeployment {

  /** Pod-template annotation whose change rolls the pod when a referenced Secret changed. */
  public static final String SECRETS_FINGERPRINT = "camrec.dev/secrets-fingerprint";

  /**
   * Deployment annotation: a hash of the spec the operator wrote, which is what it compares to the
   * spec it wants ({@link RecorderDeployment#match}); its cache holds no pod template.
   */
  public static final String SPEC_HASH = "camrec.dev/spec-hash";

  /** JSON with map entries in key order, so that one spec always hashes the same. */
  private static final ObjectMapper CANONICAL_JSON =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  public static final String CONTAINER = "recorder";
  public static final String HTTP_PORT_NAME = "http";
  private static final String SPOOL_VOLUME = "spool";

  /**
   * The spool's env limit stays this share below the volume, so the kubelet never evicts the pod.
   */
  private static final BigDecimal SPOOL_USABLE_SHARE = new BigDecimal("0.9");

  private final OperatorSettings settings;

  public DesiredRecorderDeployment(OperatorSettings settings) {
    this.settings = settings;
  }

  public static String nameOf(Camera camera) {
    return camera.getMetadata().getName() + "-recorder";
  }

  public Deployment build(Camera camera, RecordingPlan plan, String secretsFingerprint) {
    String cameraName = camera.getMetadata().getName();
    Recording recording = camera.getSpec().recording();
    DeploymentSpec spec =
        new DeploymentSpecBuilder()
            .withReplicas(plan.run() ? 1 : 0)
            // Two recorders of one camera would write overlapping segments.
            .withNewStrategy()
            .withType("Recreate")
            .endStrategy()
            .withNewSelector()
            .withMatchLabels(Labels.recorderSelector(cameraName))
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(Labels.recorder(cameraName))
            .addToAnnotations(SECRETS_FINGERPRINT, secretsFingerprint)
            .endMetadata()
            .withNewSpec()
            .withContainers(container(camera))
            .withVolumes(volumes(camera))
            .withNodeSelector(
                camera.getSpec().nodeSelector().isEmpty() ? null : camera.getSpec().nodeSelector())
            .withTolerations(
                camera.getSpec().tolerations().isEmpty() ? null : camera.getSpec().tolerations())
            // The recorder talks to the camera and S3 only; it needs no Kubernetes API access.
            .withAutomountServiceAccountToken(false)
            .withImagePullSecrets(RecorderImagePods.imagePullSecrets(settings))
            .withEnableServiceLinks(false)
            // SIGTERM makes the recorder close the open segment and upload what it holds, within
            // the
            // drain budget it is given from the same number (env DRAIN_SECONDS).
            .withTerminationGracePeriodSeconds(stopBudget(camera).gracePeriod().toSeconds())
            .withSecurityContext(RecorderImagePods.podSecurityContext())
            .endSpec()
            .endTemplate()
            .build();
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(nameOf(camera))
        .withNamespace(camera.getMetadata().getNamespace())
        .withLabels(Labels.recorder(cameraName))
        .addToAnnotations(SPEC_HASH, hashOf(spec))
        .endMetadata()
        .withSpec(spec)
        .build();
  }

  static String hashOf(DeploymentSpec spec) {
    try {
      return Sha256.hex(CANONICAL_JSON.writeValueAsString(spec), 16);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a Deployment spec is plain JSON", e);
    }
  }

  private Container container(Camera camera) {
    return new ContainerBuilder()
        .withName(CONTAINER)
        .withImage(settings.recorderImage())
        .withImagePullPolicy(settings.recorderImagePullPolicy())
        .withCommand("recorder-sidecar", "record")
        .withEnv(env(camera))
        .addNewPort()
        .withName(HTTP_PORT_NAME)
        .withContainerPort(DEFAULT_HTTP_PORT)
        .withProtocol("TCP")
        .endPort()
        .withLivenessProbe(probe(LIVENESS_PATH, 3))
        .withReadinessProbe(probe(READINESS_PATH, 1))
        .withResources(camera.getSpec().resources())
        // The recorder (told by TERMINATION_LOG) writes one TerminationMessage here before exiting
        // for a cause retrying cannot fix. File, not FallbackToLogsOnError: the operator wants only
        // that JSON, never a log tail in its place.
        .withTerminationMessagePath(DEFAULT_TERMINATION_LOG)
        .withTerminationMessagePolicy("File")
        .addNewVolumeMount()
        .withName(SPOOL_VOLUME)
        .withMountPath(DEFAULT_SPOOL_DIR)
        .endVolumeMount()
        .addToVolumeMounts(RecorderImagePods.tmpMount())
        .withSecurityContext(RecorderImagePods.containerSecurityContext())
        .build();
  }

  private static Probe probe(String path, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withPort(new IntOrString(HTTP_PORT_NAME))
        .endHttpGet()
        .withPeriodSeconds(10)
        .withTimeoutSeconds(3)
        .withFailureThreshold(failureThreshold)
        .build();
  }

  private List<EnvVar> env(Camera camera) {
    Recording recording = camera.getSpec().recording();
    EffectiveStorage storage = EffectiveStorage.of(camera, settings);
    List<EnvVar> env = new ArrayList<>();
    env.add(value(SOURCE_URL, camera.getSpec().source().url()));
    CredentialsSecretRef credentials = camera.getSpec().source().credentialsSecretRef();
    if (credentials != null) {
      env.add(fromSecret(SOURCE_USERNAME, credentials.name(), credentials.usernameKey()));
      env.add(fromSecret(SOURCE_PASSWORD, credentials.name(), credentials.passwordKey()));
    }
    env.add(value(SEGMENT_SECONDS, String.valueOf(recording.segmentSeconds())));
    env.add(value(AUDIO, recording.audio().name().toLowerCase(Locale.ROOT)));
    env.add(value(INPUT_TIMEOUT_SECONDS, String.valueOf(settings.inputTimeoutSeconds())));
    env.add(value(CLOCK, recording.clock().setting().envValue()));
    env.add(value(CLOCK_TOLERANCE_MS, String.valueOf(settings.clockTolerance().toMillis())));
    env.addAll(RecorderImagePods.storeEnv(storage));
    env.add(value(NAMESPACE, camera.getMetadata().getNamespace()));
    env.add(value(CAMERA, camera.getMetadata().getName()));
    env.add(value(SPOOL_DIR, DEFAULT_SPOOL_DIR));
    env.add(value(SPOOL_MAX_BYTES, String.valueOf(spoolMaxBytes(camera))));
    env.add(value(HTTP_PORT, String.valueOf(DEFAULT_HTTP_PORT)));
    env.add(RecorderImagePods.terminationLogEnv());
    env.add(value(DRAIN_SECONDS, String.valueOf(stopBudget(camera).drain().toSeconds())));
    return env;
  }

  private StopBudget stopBudget(Camera camera) {
    return StopBudget.of(
        camera.getSpec().recording().segmentSeconds(), settings.uploadGraceSeconds());
  }

  private List<Volume> volumes(Camera camera) {
    Spool spool = camera.getSpec().spool();
    Volume spoolVolume =
        spool != null && spool.persistentVolumeClaim() != null
            ? new VolumeBuilder()
                .withName(SPOOL_VOLUME)
                .withNewPersistentVolumeClaim()
                .withClaimName(spool.persistentVolumeClaim())
                .endPersistentVolumeClaim()
                .build()
            : new VolumeBuilder()
                .withName(SPOOL_VOLUME)
                .withNewEmptyDir()
                .withSizeLimit(spoolSize(camera))
                .endEmptyDir()
                .build();
    return List.of(spoolVolume, RecorderImagePods.tmpVolume());
  }

  private Quantity spoolSize(Camera camera) {
    Spool spool = camera.getSpec().spool();
    return spool != null && spool.sizeLimit() != null
        ? spool.sizeLimit()
        : new Quantity(settings.defaultSpoolSizeLimit());
  }

  long spoolMaxBytes(Camera camera) {
    return Quantity.getAmountInBytes(spoolSize(camera)).multiply(SPOOL_USABLE_SHARE).longValue();
  }

  private static EnvVar value(String name, String value) {
    return RecorderImagePods.value(name, value);
  }

  private static EnvVar fromSecret(String name, String secret, String key) {
    return RecorderImagePods.fromSecret(name, secret, key);
  }
}
