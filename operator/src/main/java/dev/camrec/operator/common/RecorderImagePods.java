package dev.camrec.operator.common;

import static dev.camrec.contract.env.StoreEnv.*;

import dev.camrec.contract.env.CommonEnv;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What every pod running the recorder image has in common, whichever command it runs (record in a
 * Deployment, retention in a CronJob, clip in a Job): the restricted security context, a writable
 * /tmp on a read-only root, the storage's env with credentials only through secretKeyRef, and the
 * termination log the operator reads back.
 */
public final class RecorderImagePods {

  /** The image's non-root user; the image build creates it with this UID. */
  public static final long USER_ID = 10001L;

  public static final String TMP_VOLUME = "tmp";
  private static final Quantity TMP_SIZE = new Quantity("256Mi");

  private RecorderImagePods() {}

  /** Pod level: non-root with the image's UID, RuntimeDefault seccomp. */
  public static PodSecurityContext podSecurityContext() {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(USER_ID)
        .withRunAsGroup(USER_ID)
        .withFsGroup(USER_ID)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
  }

  /** Container level: the restricted Pod Security Standard, read-only root filesystem. */
  public static SecurityContext containerSecurityContext() {
    return new SecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .build();
  }

  /** The registry credentials for the recorder image the operator is configured with. */
  public static List<LocalObjectReference> imagePullSecrets(OperatorSettings settings) {
    return settings.recorderImagePullSecrets().stream()
        .map(name -> new LocalObjectReference(name))
        .toList();
  }

  /** Read-only root filesystem: the JVM and FFmpeg still need a writable /tmp. */
  public static Volume tmpVolume() {
    return new VolumeBuilder()
        .withName(TMP_VOLUME)
        .withNewEmptyDir()
        .withSizeLimit(TMP_SIZE)
        .endEmptyDir()
        .build();
  }

  public static VolumeMount tmpMount() {
    return new VolumeMountBuilder().withName(TMP_VOLUME).withMountPath("/tmp").build();
  }

  /** The storage's endpoint, region and bucket as values, its key pair from its Secret. */
  public static List<EnvVar> storeEnv(EffectiveStorage storage) {
    return storeEnv(storage, UnaryOperator.identity(), false);
  }

  /**
   * The same under names made by {@code naming} (a command reading several stores numbers them),
   * the key pair's Secret optional when {@code optionalCredentials}: a missing Secret then leaves
   * the variables unset for the command to report, rather than keeping the whole pod from starting.
   */
  public static List<EnvVar> storeEnv(
      EffectiveStorage storage, UnaryOperator<String> naming, boolean optionalCredentials) {
    return List.of(
        value(naming.apply(S3_ENDPOINT), storage.endpoint()),
        value(naming.apply(S3_REGION), storage.region()),
        value(naming.apply(S3_BUCKET), storage.bucket()),
        fromSecret(
            naming.apply(S3_ACCESS_KEY),
            storage.secretName(),
            storage.accessKeyKey(),
            optionalCredentials),
        fromSecret(
            naming.apply(S3_SECRET_KEY),
            storage.secretName(),
            storage.secretKeyKey(),
            optionalCredentials));
  }

  /**
   * Where the command writes its result: Kubernetes' default path, named to the command too so the
   * sandbox's local pods (no /dev/termination-log there) can point it elsewhere.
   */
  public static EnvVar terminationLogEnv() {
    return value(CommonEnv.TERMINATION_LOG, CommonEnv.DEFAULT_TERMINATION_LOG);
  }

  public static EnvVar value(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }

  public static EnvVar fromSecret(String name, String secret, String key) {
    return fromSecret(name, secret, key, false);
  }

  public static EnvVar fromSecret(String name, String secret, String key, boolean optional) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(secret)
        .withKey(key)
        .withOptional(optional)
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }
}
