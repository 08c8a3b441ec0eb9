package dev.camrec.operator.camera;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camrec.api.Audio;
import dev.camrec.api.Camera;
import dev.camrec.api.CameraSource;
import dev.camrec.api.CameraSpec;
import dev.camrec.api.CredentialsSecretRef;
import dev.camrec.api.Recording;
import dev.camrec.api.SegmentClock;
import dev.camrec.api.Spool;
import dev.camrec.api.Storage;
import dev.camrec.api.StorageCredentialsSecretRef;
import dev.camrec.contract.env.CommonEnv;
import dev.camrec.contract.env.RecordEnv;
import dev.camrec.contract.env.StoreEnv;
import dev.camrec.operator.common.OperatorSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DesiredRecorderDeploymentTest {

  private static final OperatorSettings SETTINGS =
      new OperatorSettings(
          "registry.example/recorder:1.2.3",
          "Always",
          List.of("pull-secret"),
          "2Gi",
          30,
          10,
          Duration.ofSeconds(2),
          "http://minio.camrec:9000",
          "us-east-1",
          "camrec",
          "camrec-storage",
          true,
          Duration.ofSeconds(10));
  private static final RecordingPlan RUN =
      new RecordingPlan(true, RecordingPlan.Reason.Scheduled, "", Optional.empty());

  private static Camera camera(CameraSpec spec) {
    Camera c = new Camera();
    c.setMetadata(
        new ObjectMetaBuilder().withName("gate").withNamespace("site-a").withUid("u-1").build());
    c.setSpec(spec);
    return c;
  }

  private static Camera withCredentials() {
    return camera(
        new CameraSpec(
            new CameraSource(
                "rtsp://10.1.2.3/h264", new CredentialsSecretRef("gate-creds", "user", null)),
            new Recording(true, 30, Audio.AAC, null, SegmentClock.CAMERA),
            new Storage(
                "gate-bucket", null, null, new StorageCredentialsSecretRef("gate-s3", null, null)),
            null,
            new ResourceRequirementsBuilder().addToLimits("memory", new Quantity("256Mi")).build(),
            Map.of("site", "a"),
            List.of(new TolerationBuilder().withKey("edge").withOperator("Exists").build())));
  }

  private static Container container(Deployment d) {
    return d.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static EnvVar env(Deployment d, String name) {
    return container(d).getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void credentialsReachThePodOnlyThroughSecretKeyRefs() {
    Deployment d = new DesiredRecorderDeployment(SETTINGS).build(withCredentials(), RUN, "fp");

    assertThat(env(d, RecordEnv.SOURCE_USERNAME).getValueFrom().getSecretKeyRef())
        .satisfies(
            r -> {
              assertThat(r.getName()).isEqualTo("gate-creds");
              assertThat(r.getKey()).isEqualTo("user");
            });
    assertThat(env(d, RecordEnv.SOURCE_PASSWORD).getValueFrom().getSecretKeyRef().getKey())
        .isEqualTo("password");
    assertThat(env(d, StoreEnv.S3_ACCESS_KEY).getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("gate-s3");
    assertThat(env(d, StoreEnv.S3_SECRET_KEY).getValueFrom().getSecretKeyRef().getKey())
        .isEqualTo("secretKey");
    for (String secretEnv :
        List.of(
            RecordEnv.SOURCE_USERNAME,
            RecordEnv.SOURCE_PASSWORD,
            StoreEnv.S3_ACCESS_KEY,
            StoreEnv.S3_SECRET_KEY)) {
      assertThat(env(d, secretEnv).getValue()).as(secretEnv).isNull();
    }
    assertThat(container(d).getCommand()).containsExactly("recorder-sidecar", "record");
    assertThat(container(d).getArgs()).isEmpty();
    assertThat(env(d, StoreEnv.S3_BUCKET).getValue()).isEqualTo("gate-bucket");
    assertThat(env(d, StoreEnv.S3_ENDPOINT).getValue()).isEqualTo("http://minio.camrec:9000");
    assertThat(env(d, RecordEnv.AUDIO).getValue()).isEqualTo("aac");
    assertThat(env(d, RecordEnv.SEGMENT_SECONDS).getValue()).isEqualTo("30");
    assertThat(env(d, RecordEnv.CLOCK).getValue()).isEqualTo("camera");
    assertThat(env(d, RecordEnv.CLOCK_TOLERANCE_MS).getValue()).isEqualTo("2000");
    assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry(DesiredRecorderDeployment.SECRETS_FINGERPRINT, "fp");
  }

  @Test
  void cameraWithoutCredentialsGetsNoSourceCredentialVariables() {
    Camera c =
        camera(
            new CameraSpec(
                new CameraSource("http://10.1.2.3/mjpeg", null),
                null,
                null,
                null,
                null,
                null,
                null));
    Deployment d = new DesiredRecorderDeployment(SETTINGS).build(c, RUN, "fp");
    assertThat(container(d).getEnv())
        .extracting(EnvVar::getName)
        .doesNotContain(RecordEnv.SOURCE_USERNAME, RecordEnv.SOURCE_PASSWORD)
        .contains(StoreEnv.S3_ACCESS_KEY);
    assertThat(env(d, StoreEnv.S3_ACCESS_KEY).getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("camrec-storage");
    assertThat(env(d, StoreEnv.S3_BUCKET).getValue()).isEqualTo("camrec");
  }

  @Test
  void podIsRestrictedProbedAndGivenTimeToFinishItsLastSegment() {
    Deployment d = new DesiredRecorderDeployment(SETTINGS).build(withCredentials(), RUN, "fp");
    PodSpec pod = d.getSpec().getTemplate().getSpec();
    Container c = container(d);

    assertThat(d.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(d.getSpec().getReplicas()).isEqualTo(1);
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo(RecordEnv.LIVENESS_PATH);
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo(RecordEnv.READINESS_PATH);
    assertThat(c.getPorts())
        .singleElement()
        .satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(RecordEnv.DEFAULT_HTTP_PORT));
    // 30 s segment + 30 s upload grace.
    assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(60L);
    assertThat(c.getImage()).isEqualTo("registry.example/recorder:1.2.3");
    assertThat(c.getImagePullPolicy()).isEqualTo("Always");
    assertThat(c.getResources().getLimits()).containsEntry("memory", new Quantity("256Mi"));
    assertThat(pod.getNodeSelector()).containsEntry("site", "a");
    assertThat(pod.getTolerations())
        .singleElement()
        .satisfies(t -> assertThat(t.getKey()).isEqualTo("edge"));
    assertThat(d.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/instance", "gate")
        .containsEntry("app.kubernetes.io/managed-by", "camrec-operator");
  }

  @Test
  void theRecorderImageIsPulledWithTheConfiguredRegistrySecrets() {
    PodSpec pod =
        new DesiredRecorderDeployment(SETTINGS)
            .build(withCredentials(), RUN, "fp")
            .getSpec()
            .getTemplate()
            .getSpec();

    assertThat(pod.getImagePullSecrets())
        .extracting(io.fabric8.kubernetes.api.model.LocalObjectReference::getName)
        .containsExactly("pull-secret");
    assertThat(
            container(new DesiredRecorderDeployment(SETTINGS).build(withCredentials(), RUN, "fp"))
                .getImagePullPolicy())
        .isEqualTo("Always");
  }

  @Test
  void theRecordersTerminationLogIsTheContainersTerminationMessageAndNothingElse() {
    Deployment d = new DesiredRecorderDeployment(SETTINGS).build(withCredentials(), RUN, "fp");
    Container c = container(d);

    assertThat(c.getTerminationMessagePath()).isEqualTo("/dev/termination-log");
    // The recorder writes where the kubelet reads.
    assertThat(env(d, CommonEnv.TERMINATION_LOG).getValue())
        .isEqualTo(c.getTerminationMessagePath());
    // Not FallbackToLogsOnError: a log tail in the message is not the recorder's word.
    assertThat(c.getTerminationMessagePolicy()).isEqualTo("File");
  }

  @Test
  void spoolIsAnEmptyDirWithALimitTheRecorderStaysBelow() {
    Deployment d = new DesiredRecorderDeployment(SETTINGS).build(withCredentials(), RUN, "fp");
    var spool =
        d.getSpec().getTemplate().getSpec().getVolumes().stream()
            .filter(v -> v.getName().equals("spool"))
            .findFirst()
            .orElseThrow();
    assertThat(spool.getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("2Gi"));
    long max = Long.parseLong(env(d, RecordEnv.SPOOL_MAX_BYTES).getValue());
    assertThat(max).isLessThan(2L * 1024 * 1024 * 1024).isGreaterThan(1024L * 1024 * 1024);
    assertThat(env(d, RecordEnv.SPOOL_DIR).getValue()).isEqualTo(RecordEnv.DEFAULT_SPOOL_DIR);
  }

  @Test
  void spoolOnAClaimWhenTheCameraAsksForOne() {
    Camera c =
        camera(
            new CameraSpec(
                new CameraSource("rtsp://10.1.2.3/h264", null),
                null,
                null,
                new Spool(new Quantity("10Gi"), "gate-spool"),
                null,
                null,
                null));
    Deployment d = new DesiredRecorderDeployment(SETTINGS).build(c, RUN, "fp");
    var spool =
        d.getSpec().getTemplate().getSpec().getVolumes().stream()
            .filter(v -> v.getName().equals("spool"))
            .findFirst()
            .orElseThrow();
    assertThat(spool.getPersistentVolumeClaim().getClaimName()).isEqualTo("gate-spool");
    assertThat(Long.parseLong(env(d, RecordEnv.SPOOL_MAX_BYTES).getValue()))
        .isEqualTo(9L * 1024 * 1024 * 1024);
  }

  @Test
  void outsideTheScheduleTheDeploymentScalesToZero() {
    RecordingPlan off =
        new RecordingPlan(false, RecordingPlan.Reason.OutsideSchedule, "", Optional.empty());
    assertThat(
            new DesiredRecorderDeployment(SETTINGS)
                .build(withCredentials(), off, "fp")
                .getSpec()
                .getReplicas())
        .isZero();
  }

  @Test
  void aCameraNameOfTheMaximumLengthGivesPodNamesAndLabelsThatFitWhole() {
    Camera camera = withCredentials();
    camera.getMetadata().setName("c".repeat(Camera.MAX_NAME_LENGTH));
    Deployment d = new DesiredRecorderDeployment(SETTINGS).build(camera, RUN, "fp");

    // What the ReplicaSet and its pods add: -<pod-template-hash, up to 10> and -<5 random>.
    String longestPodName = d.getMetadata().getName() + "-" + "4294967295" + "-" + "x7k2q";
    assertThat(longestPodName).hasSize(63);
    assertThat(d.getSpec().getTemplate().getMetadata().getLabels().values())
        .allSatisfy(value -> assertThat(value.length()).isLessThanOrEqualTo(63));
  }

  @Test
  void theDeploymentCarriesAHashOfItsSpecThatChangesWithTheSpecOnly() {
    DesiredRecorderDeployment builder = new DesiredRecorderDeployment(SETTINGS);
    String hash = specHash(builder.build(withCredentials(), RUN, "fp"));

    assertThat(hash).hasSize(32);
    assertThat(specHash(builder.build(withCredentials(), RUN, "fp"))).isEqualTo(hash);
    // One node selector, its map filled in two orders: one hash.
    Map<String, String> nodeSelector = new LinkedHashMap<>();
    nodeSelector.put("zone", "1");
    nodeSelector.put("site", "a");
    Map<String, String> sameInOtherOrder = new LinkedHashMap<>();
    sameInOtherOrder.put("site", "a");
    sameInOtherOrder.put("zone", "1");
    assertThat(specHash(builder.build(withNodeSelector(nodeSelector), RUN, "fp")))
        .isEqualTo(specHash(builder.build(withNodeSelector(sameInOtherOrder), RUN, "fp")))
        .isNotEqualTo(hash);
    assertThat(specHash(builder.build(withCredentials(), RUN, "another-secret-version")))
        .isNotEqualTo(hash);
    RecordingPlan off =
        new RecordingPlan(false, RecordingPlan.Reason.OutsideSchedule, "", Optional.empty());
    assertThat(specHash(builder.build(withCredentials(), off, "fp"))).isNotEqualTo(hash);
  }

  private static Camera withNodeSelector(Map<String, String> nodeSelector) {
    CameraSpec spec = withCredentials().getSpec();
    return camera(
        new CameraSpec(
            spec.source(),
            spec.recording(),
            spec.storage(),
            spec.spool(),
            spec.resources(),
            nodeSelector,
            spec.tolerations()));
  }

  private static String specHash(Deployment d) {
    return d.getMetadata().getAnnotations().get(DesiredRecorderDeployment.SPEC_HASH);
  }
}
