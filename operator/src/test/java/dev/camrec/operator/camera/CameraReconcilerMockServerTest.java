package dev.camrec.operator.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.camrec.api.Audio;
import dev.camrec.api.Camera;
import dev.camrec.api.CameraSource;
import dev.camrec.api.CameraSpec;
import dev.camrec.api.CredentialsSecretRef;
import dev.camrec.api.Recording;
import dev.camrec.api.RecordingSchedule;
import dev.camrec.api.TimeWindow;
import dev.camrec.contract.env.RecordEnv;
import dev.camrec.contract.env.StoreEnv;
import dev.camrec.contract.layout.RecorderReportKey;
import dev.camrec.contract.layout.SegmentKey;
import dev.camrec.contract.report.RecorderReport;
import dev.camrec.contract.report.RecorderReport.CameraError;
import dev.camrec.contract.report.RecorderReport.LostFootage;
import dev.camrec.contract.termination.TerminationMessage;
import dev.camrec.operator.common.EffectiveStorage;
import dev.camrec.operator.common.MockApiServer;
import dev.camrec.operator.common.OperatorSettings;
import dev.camrec.operator.common.StorageCredentials;
import dev.camrec.testbed.s3.EmbeddedS3;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real Camera controller against the fabric8 mock API server (CRUD, committed CRDs loaded), a
 * fake Deployment controller, and s3proxy as the storage.
 */
class CameraReconcilerMockServerTest {

  private static final String NS = "cams";
  private static final String BUCKET = "recordings-test";
  private static final int SEGMENT_SECONDS = 2;
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  @TempDir static Path s3Data;

  private static KubernetesMockServer server;
  private static KubernetesClient client;
  private static EmbeddedS3 s3;
  private static MinioClient minio;
  private static FakeDeploymentController deployments;
  private static OperatorSettings settings;
  private static CountingProbe probe;
  private static OperatorUnderTest operator;

  @BeforeAll
  static void start() throws Exception {
    server = MockApiServer.start();
    client = server.createClient();
    MockApiServer.loadCrds(client, "cameras.camrec.dev-v1.yml");
    s3 = EmbeddedS3.start(s3Data);
    minio =
        MinioClient.builder()
            .endpoint(s3.endpoint().toString())
            .credentials(s3.accessKey(), s3.secretKey())
            .build();
    client.resource(storageSecret()).create();
    deployments = new FakeDeploymentController(client);
    settings =
        new OperatorSettings(
            "recorder:test",
            "IfNotPresent",
            List.of(),
            "1Gi",
            30,
            10,
            Duration.ofSeconds(2),
            s3.endpoint().toString(),
            "us-east-1",
            BUCKET,
            "camrec-storage",
            true,
            Duration.ofSeconds(1));
    probe = new CountingProbe(settings.minPollInterval());
    operator = OperatorUnderTest.start(client, settings, probe);
  }

  @AfterAll
  static void stop() throws Exception {
    if (operator != null) operator.close();
    if (deployments != null) deployments.close();
    if (probe != null) probe.close();
    if (minio != null) minio.close();
    if (s3 != null) s3.close();
    if (client != null) client.close();
    if (server != null) server.destroy();
  }

  @Test
  void cameraGetsOwnedDeploymentAndStatusFollowsTheSegments() throws Exception {
    Camera camera = client.resource(camera("front-door", null, true)).create();

    Deployment d =
        await().atMost(WAIT).until(() -> deploymentOf("front-door"), Optional::isPresent).get();
    assertThat(d.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.getUid()).isEqualTo(camera.getMetadata().getUid());
              assertThat(o.getKind()).isEqualTo("Camera");
            });
    assertThat(d.getSpec().getReplicas()).isEqualTo(1);
    assertThat(env(d, StoreEnv.S3_ACCESS_KEY).getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("camrec-storage");

    // The pod is ready (fake controller) but nothing is stored yet.
    awaitCondition("front-door", "Ready", "True", "RecorderReady");
    awaitCondition("front-door", "Recording", "False", "NoSegments");
    awaitCondition("front-door", "StorageAvailable", "True", "BucketAvailable");

    Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(1);
    putSegment("front-door", start.minusSeconds(SEGMENT_SECONDS));
    putSegment("front-door", start);
    awaitCondition("front-door", "Recording", "True", "SegmentsLanding");
    assertThat(fetch("front-door").getStatus().lastSegmentTime()).isEqualTo(start.toString());
    assertThat(fetch("front-door").getStatus().observedGeneration())
        .isEqualTo(fetch("front-door").getMetadata().getGeneration());

    // No further segment: after three segment lengths Recording turns False though the pod is
    // ready.
    awaitCondition("front-door", "Recording", "False", "SegmentsStale");
    assertThat(condition("front-door", "Ready").getStatus()).isEqualTo("True");
    assertThat(events("front-door"))
        .extracting(Event::getReason)
        .contains("SegmentsLanding", "SegmentsStale", "RecorderReady");
  }

  @Test
  void aGapBetweenStoredSegmentsCountsAsOneReconnect() throws Exception {
    client.resource(camera("side-gate", null, true)).create();
    awaitCondition("side-gate", "Recording", "False", "NoSegments");
    assertThat(fetch("side-gate").getStatus().reconnects()).isZero();

    // Two abutting segments, a 3 s hole (a camera drop and the recorder's relaunch), two more.
    Instant first = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(10);
    putSegment("side-gate", first);
    putSegment("side-gate", first.plusSeconds(SEGMENT_SECONDS));
    Instant resumed = first.plusSeconds(2L * SEGMENT_SECONDS + 3);
    putSegment("side-gate", resumed);
    putSegment("side-gate", resumed.plusSeconds(SEGMENT_SECONDS));

    // Once the listing shows the newest segment, it shows the hole before it too.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              var status = fetch("side-gate").getStatus();
              assertThat(status.lastSegmentTime())
                  .isEqualTo(resumed.plusSeconds(SEGMENT_SECONDS).toString());
              assertThat(status.reconnects()).isEqualTo(1L);
            });
  }

  @Test
  void aNameTooLongForItsPodGetsAConditionAndNoDeployment() {
    // The mock API server does not run the CRD's CEL rules: as on a cluster before the rule.
    String name = "warehouse-north-loading-bay-camera-038";
    client.resource(camera(name, null, true)).create();

    Condition ready = awaitCondition(name, "Ready", "False", "NameTooLong");
    assertThat(ready.getMessage()).contains("38 characters").contains("at most 37");
    assertThat(deploymentOf(name)).isEmpty();
  }

  @Test
  void specChangeAndSecretChangeRollTheDeployment() {
    client.resource(camera("garage", null, true)).create();
    Deployment before =
        await().atMost(WAIT).until(() -> deploymentOf("garage"), Optional::isPresent).get();
    String fingerprint = fingerprint(before);

    editRecording(
        "garage", r -> new Recording(r.enabled(), 10, r.audio(), r.schedule(), r.clock()));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Deployment d = deploymentOf("garage").orElseThrow();
              assertThat(env(d, RecordEnv.SEGMENT_SECONDS).getValue()).isEqualTo("10");
              assertThat(d.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                  .isEqualTo(40L);
            });

    client
        .secrets()
        .inNamespace(NS)
        .withName("camrec-storage")
        .edit(
            s -> {
              s.getMetadata().setLabels(Map.of("rotated", "yes"));
              return s;
            });
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(fingerprint(deploymentOf("garage").orElseThrow()))
                    .isNotEqualTo(fingerprint));
  }

  @Test
  void audioTheRecorderCannotStoreIsReportedUntilTheAudioModeIsFixed() {
    client.resource(camera("lobby", null, true)).create();
    awaitCondition("lobby", "Ready", "True", "RecorderReady");
    TerminationMessage g711 =
        new TerminationMessage(
            TerminationMessage.AUDIO_CODEC_NOT_STORABLE,
            "The camera sends pcm_alaw (G.711) audio, which MP4 cannot hold as a stream copy;"
                + " set spec.recording.audio to aac or none.");

    deployments.terminateRecorder(NS, "lobby-recorder", 1, g711.toJson());

    Condition ready = awaitCondition("lobby", "Ready", "False", "AudioCodecNotStorable");
    assertThat(ready.getMessage()).isEqualTo(g711.message());
    assertThat(condition("lobby", "Recording").getReason()).isEqualTo("AudioCodecNotStorable");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(events("lobby"))
                    .anySatisfy(
                        e -> {
                          assertThat(e.getReason()).isEqualTo("AudioCodecNotStorable");
                          assertThat(e.getType()).isEqualTo("Warning");
                          assertThat(e.getMessage()).contains(g711.message());
                        }));

    editRecording(
        "lobby",
        r -> new Recording(r.enabled(), r.segmentSeconds(), Audio.AAC, r.schedule(), r.clock()));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(env(deploymentOf("lobby").orElseThrow(), RecordEnv.AUDIO).getValue())
                    .isEqualTo("aac"));
    awaitCondition("lobby", "Ready", "True", "RecorderReady");
    assertThat(condition("lobby", "Recording").getReason()).isEqualTo("NoSegments");
  }

  @Test
  void missingSecretIsReportedAndResolvedWhenCreated() {
    client.resource(camera("backyard", "backyard-creds", true)).create();
    Condition ready = awaitCondition("backyard", "Ready", "False", "SecretNotFound");
    assertThat(ready.getMessage())
        .contains("backyard-creds")
        .contains("username")
        .contains("password");

    client
        .resource(
            new SecretBuilder()
                .withMetadata(
                    new ObjectMetaBuilder().withName("backyard-creds").withNamespace(NS).build())
                .withStringData(Map.of("username", "admin", "password", "s3cr3t"))
                .build())
        .create();
    awaitCondition("backyard", "Ready", "True", "RecorderReady");
    Deployment d = deploymentOf("backyard").orElseThrow();
    assertThat(env(d, RecordEnv.SOURCE_PASSWORD).getValue()).isNull();
    assertThat(env(d, RecordEnv.SOURCE_PASSWORD).getValueFrom().getSecretKeyRef().getKey())
        .isEqualTo("password");
    assertThat(Serialization.asYaml(d)).doesNotContain("s3cr3t").doesNotContain(s3.secretKey());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        RecorderReport.CAMERA_UNREACHABLE,
        RecorderReport.CAMERA_TIMEOUT,
        RecorderReport.CAMERA_NOT_FOUND,
        RecorderReport.CAMERA_UNAUTHORIZED
      })
  void whyTheRecorderGetsNoMediaIsTheReadyReasonUntilSegmentsLand(String reason) throws Exception {
    String name = "retrying-" + reason.toLowerCase(java.util.Locale.ROOT);
    client.resource(camera(name, null, true)).create();
    awaitCondition(name, "Ready", "True", "RecorderReady");
    deployments.setRecorderReady(NS, name + "-recorder", false);
    String message = "FFmpeg: Connection refused. The recorder retries.";
    putReport(name, new CameraError(reason, message, Instant.now().toString()), 3, null);

    Condition ready = awaitCondition(name, "Ready", "False", reason);
    assertThat(ready.getMessage()).isEqualTo(message);
    assertThat(condition(name, "Recording").getReason()).isEqualTo(reason);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(events(name)).extracting(Event::getReason).contains(reason));

    // The camera is back: media again, the recorder says so and turns ready as segments land.
    putReport(name, null, 4, null);
    putSegment(name, Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(1));
    deployments.setRecorderReady(NS, name + "-recorder", true);
    awaitCondition(name, "Ready", "True", "RecorderReady");
    awaitCondition(name, "Recording", "True", "SegmentsLanding");
    assertThat(fetch(name).getStatus().reconnects()).isEqualTo(4L);
  }

  @Test
  void aReportFromARecorderThatIsGoneSaysNothing() throws Exception {
    client.resource(camera("old-report", null, true)).create();
    awaitCondition("old-report", "Ready", "True", "RecorderReady");
    deployments.setRecorderReady(NS, "old-report-recorder", false);
    Instant yesterday = Instant.now().minus(Duration.ofDays(1));
    putReport(
        "old-report",
        yesterday,
        new CameraError(RecorderReport.CAMERA_UNREACHABLE, "gone", yesterday.toString()),
        0,
        null);

    awaitCondition("old-report", "Ready", "False", "RecorderStarting");
  }

  @Test
  void aCameraClockOffBeyondTheToleranceIsNamedWithWhichClockTheTimesAreOn() throws Exception {
    client.resource(camera("skewed", null, true)).create();
    awaitCondition("skewed", "Ready", "True", "RecorderReady");
    putReport(
        "skewed", Instant.now(), null, 0, new RecorderReport.CameraClock(3500L, "RECORDER"), null);

    Condition off = awaitCondition("skewed", "CameraClockSynced", "False", "CameraClockOff");
    assertThat(off.getMessage())
        .contains("3.5 s ahead of the recorder's")
        .contains("on the recorder's clock (spec.recording.clock: Auto)")
        .contains("NTP");
    assertThat(fetch("skewed").getStatus().recorder().cameraClockOffsetSeconds()).isEqualTo(3.5);

    // The camera's clock set right: the next connection keys on it.
    putReport(
        "skewed", Instant.now(), null, 0, new RecorderReport.CameraClock(-300L, "CAMERA"), null);
    Condition synced = awaitCondition("skewed", "CameraClockSynced", "True", "WithinTolerance");
    assertThat(synced.getMessage()).contains("0.3 s behind").contains("on the camera's clock");
  }

  @Test
  void lostFootageShowsWithItsCountAndTimeRangeAndTheRecordersFigures() throws Exception {
    client.resource(camera("driveway", null, true)).create();
    awaitCondition("driveway", "Ready", "True", "RecorderReady");
    Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(300);
    Instant to = from.plusSeconds(100);
    putReport("driveway", null, 2, new LostFootage(10, 100, from.toString(), to.toString()));

    Condition lost = awaitCondition("driveway", "FootageLost", "True", "SegmentsLost");
    assertThat(lost.getMessage())
        .contains("10 segment(s) (100 s)")
        .contains(from.toString())
        .contains(to.toString());
    var status = fetch("driveway").getStatus();
    assertThat(status.reconnects()).isEqualTo(2L);
    assertThat(status.recorder().lostSegments()).isEqualTo(10L);
    assertThat(status.recorder().spoolBacklogSegments()).isEqualTo(1L);
    assertThat(status.recorder().gapSeconds()).isEqualTo(12.5);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(events("driveway"))
                    .extracting(Event::getReason)
                    .contains("SegmentsLost"));

    // A day after the last loss it is no longer shown.
    Instant dayAgo = Instant.now().minus(RecorderReport.LOSS_SHOWN_FOR).minusSeconds(60);
    putReport(
        "driveway",
        null,
        2,
        new LostFootage(10, 100, dayAgo.minusSeconds(100).toString(), dayAgo.toString()));
    await().atMost(WAIT).until(() -> condition("driveway", "FootageLost") == null);
  }

  @Test
  void aSourceUrlWithCredentialsOrAnotherSchemeGetsInvalidSourceAndNoRecorder() {
    // The mock API server runs neither the CRD's pattern nor its CEL rule: as on a cluster whose
    // CRDs were not upgraded.
    client
        .resource(
            withSource(
                camera("creds-in-url", null, true), "rtsp://admin:hunter22@10.0.0.7:554/stream1"))
        .create();
    client.resource(withSource(camera("ftp-cam", null, true), "ftp://10.0.0.7/x")).create();

    Condition creds = awaitCondition("creds-in-url", "Ready", "False", "InvalidSource");
    assertThat(creds.getMessage()).contains("credentialsSecretRef").doesNotContain("hunter22");
    assertThat(awaitCondition("ftp-cam", "Ready", "False", "InvalidSource").getMessage())
        .contains("ftp");
    assertThat(deploymentOf("creds-in-url")).isEmpty();
    assertThat(deploymentOf("ftp-cam")).isEmpty();
    assertThat(condition("creds-in-url", "Recording").getReason()).isEqualTo("InvalidSource");
    assertThat(events("creds-in-url"))
        .allSatisfy(e -> assertThat(e.getMessage()).doesNotContain("hunter22"));

    client
        .resources(Camera.class)
        .inNamespace(NS)
        .withName("ftp-cam")
        .edit(c -> withSource(c, "rtsp://10.0.0.7:554/stream1"));
    awaitCondition("ftp-cam", "Ready", "True", "RecorderReady");
  }

  @Test
  void disabledCameraScalesToZero() {
    client.resource(camera("attic", null, false)).create();
    awaitCondition("attic", "Recording", "False", "Disabled");
    assertThat(deploymentOf("attic").orElseThrow().getSpec().getReplicas()).isZero();
    assertThat(condition("attic", "Ready").getStatus()).isEqualTo("True");
  }

  @Test
  void aRecorderDeploymentScaledByHandIsScaledBack() {
    client.resource(camera("stairs", null, true)).create();
    await().atMost(WAIT).until(() -> deploymentOf("stairs"), Optional::isPresent);

    client
        .apps()
        .deployments()
        .inNamespace(NS)
        .withName("stairs-recorder")
        .edit(
            d -> {
              d.getSpec().setReplicas(0);
              return d;
            });
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(deploymentOf("stairs").orElseThrow().getSpec().getReplicas()).isOne());
  }

  @Test
  void outsideItsWindowTheRecorderIsScaledToZeroUntilTheWindowOpens() {
    // A daily window that opened twelve hours ago and closed eleven hours ago (UTC).
    LocalTime now = LocalTime.now(ZoneOffset.UTC);
    String start = now.minusHours(12).format(HH_MM);
    String end = now.minusHours(11).format(HH_MM);
    Camera camera = camera("loading-dock", null, true);
    camera.setSpec(
        new CameraSpec(
            camera.getSpec().source(),
            new Recording(
                true,
                SEGMENT_SECONDS,
                null,
                new RecordingSchedule("UTC", List.of(new TimeWindow(List.of(), start, end))),
                null),
            null,
            null,
            null,
            null,
            null));
    client.resource(camera).create();

    Condition recording = awaitCondition("loading-dock", "Recording", "False", "OutsideSchedule");
    assertThat(recording.getMessage()).contains("next window opens at");
    assertThat(deploymentOf("loading-dock").orElseThrow().getSpec().getReplicas()).isZero();
    assertThat(condition("loading-dock", "Ready").getStatus()).isEqualTo("True");
  }

  @Test
  void restartedOperatorChangesNothing() throws Exception {
    client.resource(camera("porch", null, true)).create();
    awaitCondition("porch", "Recording", "False", "NoSegments");
    awaitCondition("porch", "Ready", "True", "RecorderReady");
    Deployment deploymentBefore = deploymentOf("porch").orElseThrow();
    Camera cameraBefore = fetch("porch");
    int eventsBefore = events("porch").size();

    operator.close();
    int observedBefore = probe.calls("porch");
    operator = OperatorUnderTest.start(client, settings, probe);
    // The new operator has looked at the camera twice (first reconcile and one reschedule).
    await().atMost(WAIT).until(() -> probe.calls("porch") >= observedBefore + 2);

    assertThat(client.apps().deployments().inNamespace(NS).list().getItems())
        .filteredOn(x -> x.getMetadata().getName().startsWith("porch"))
        .hasSize(1);
    assertThat(deploymentOf("porch").orElseThrow().getMetadata().getResourceVersion())
        .isEqualTo(deploymentBefore.getMetadata().getResourceVersion());
    assertThat(fetch("porch").getStatus()).isEqualTo(cameraBefore.getStatus());
    assertThat(events("porch")).hasSize(eventsBefore);
  }

  // --- helpers

  private static Secret storageSecret() {
    return new SecretBuilder()
        .withMetadata(new ObjectMetaBuilder().withName("camrec-storage").withNamespace(NS).build())
        .withStringData(Map.of("accessKey", s3.accessKey(), "secretKey", s3.secretKey()))
        .build();
  }

  private static Camera camera(String name, String credentialsSecret, boolean enabled) {
    Camera camera = new Camera();
    camera.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    camera.setSpec(
        new CameraSpec(
            new CameraSource(
                "rtsp://10.0.0.7:554/stream1",
                credentialsSecret == null
                    ? null
                    : new CredentialsSecretRef(credentialsSecret, null, null)),
            new Recording(enabled, SEGMENT_SECONDS, null, null, null),
            null,
            null,
            null,
            null,
            null));
    return camera;
  }

  /** Replaces the Camera's spec.recording, as a user's kubectl edit would. */
  private static void editRecording(String camera, UnaryOperator<Recording> change) {
    // The operator writes status concurrently, so an edit can meet a 409 conflict; like kubectl,
    // read again and retry.
    await()
        .atMost(WAIT)
        .ignoreExceptionsInstanceOf(KubernetesClientException.class)
        .until(
            () -> {
              client
                  .resources(Camera.class)
                  .inNamespace(NS)
                  .withName(camera)
                  .edit(
                      c -> {
                        CameraSpec s = c.getSpec(); // records are immutable: replace the spec
                        c.setSpec(
                            new CameraSpec(
                                s.source(),
                                change.apply(s.recording()),
                                s.storage(),
                                s.spool(),
                                s.resources(),
                                s.nodeSelector(),
                                s.tolerations()));
                        return c;
                      });
              return true;
            });
  }

  private static Camera withSource(Camera camera, String url) {
    CameraSpec s = camera.getSpec();
    camera.setSpec(
        new CameraSpec(
            new CameraSource(url, s.source().credentialsSecretRef()),
            s.recording(),
            s.storage(),
            s.spool(),
            s.resources(),
            s.nodeSelector(),
            s.tolerations()));
    return camera;
  }

  /** What a running recorder writes next to its segments. */
  private static void putReport(String camera, CameraError error, long reconnects, LostFootage lost)
      throws Exception {
    putReport(camera, Instant.now(), error, reconnects, lost);
  }

  private static void putReport(
      String camera, Instant at, CameraError error, long reconnects, LostFootage lost)
      throws Exception {
    putReport(camera, at, error, reconnects, null, lost);
  }

  private static void putReport(
      String camera,
      Instant at,
      CameraError error,
      long reconnects,
      RecorderReport.CameraClock clock,
      LostFootage lost)
      throws Exception {
    byte[] body =
        new RecorderReport(
                at.minusSeconds(60).toString(),
                at.toString(),
                error,
                reconnects,
                1,
                12.5,
                1,
                4096,
                clock,
                lost)
            .toJson()
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    minio.putObject(
        PutObjectArgs.builder()
            .bucket(BUCKET)
            .object(new RecorderReportKey(NS, camera).objectKey())
            .stream(new ByteArrayInputStream(body), body.length, -1)
            .build());
  }

  private static void putSegment(String camera, Instant start) throws Exception {
    String key = new SegmentKey(NS, camera, start, Duration.ofSeconds(SEGMENT_SECONDS)).objectKey();
    byte[] body = new byte[1024];
    minio.putObject(
        PutObjectArgs.builder().bucket(BUCKET).object(key).stream(
                new ByteArrayInputStream(body), body.length, -1)
            .build());
  }

  private static Camera fetch(String name) {
    return client.resources(Camera.class).inNamespace(NS).withName(name).get();
  }

  private static Optional<Deployment> deploymentOf(String camera) {
    return Optional.ofNullable(
        client.apps().deployments().inNamespace(NS).withName(camera + "-recorder").get());
  }

  private static EnvVar env(Deployment d, String name) {
    return d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static String fingerprint(Deployment d) {
    return d.getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations()
        .get(DesiredRecorderDeployment.SECRETS_FINGERPRINT);
  }

  private static Condition condition(String camera, String type) {
    Camera c = fetch(camera);
    if (c == null || c.getStatus() == null) {
      return null;
    }
    return c.getStatus().conditions().stream()
        .filter(x -> x.getType().equals(type))
        .findFirst()
        .orElse(null);
  }

  private static Condition awaitCondition(
      String camera, String type, String status, String reason) {
    return await()
        .atMost(WAIT)
        .until(
            () -> condition(camera, type),
            c -> c != null && status.equals(c.getStatus()) && reason.equals(c.getReason()));
  }

  private static List<Event> events(String camera) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> camera.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  /** The real probe, counting how often each camera was looked at. */
  static final class CountingProbe extends StorageProbe {
    private final Map<String, AtomicInteger> calls = new java.util.concurrent.ConcurrentHashMap<>();

    CountingProbe(Duration minPollInterval) {
      super(minPollInterval);
    }

    @Override
    public StorageObservation observe(
        String namespace,
        String camera,
        EffectiveStorage storage,
        StorageCredentials credentials,
        int segmentSeconds,
        Instant now) {
      calls.computeIfAbsent(camera, k -> new AtomicInteger()).incrementAndGet();
      return super.observe(namespace, camera, storage, credentials, segmentSeconds, now);
    }

    int calls(String camera) {
      return calls.getOrDefault(camera, new AtomicInteger()).get();
    }

    int totalCalls() {
      return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }
  }
}
