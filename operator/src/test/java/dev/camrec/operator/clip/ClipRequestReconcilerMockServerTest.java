package dev.camrec.operator.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.camrec.api.Camera;
import dev.camrec.api.CameraSource;
import dev.camrec.api.CameraSpec;
import dev.camrec.api.ClipRequest;
import dev.camrec.api.ClipRequestSpec;
import dev.camrec.api.OnGap;
import dev.camrec.api.Recording;
import dev.camrec.contract.env.ClipEnv;
import dev.camrec.contract.env.StoreEnv;
import dev.camrec.contract.termination.ClipResult;
import dev.camrec.contract.termination.TimeSpan;
import dev.camrec.operator.common.Conditions;
import dev.camrec.operator.common.FakeJobController;
import dev.camrec.operator.common.MockApiServer;
import dev.camrec.operator.common.OperatorSettings;
import dev.camrec.testbed.s3.EmbeddedS3;
import dev.camrec.testbed.time.MovableClock;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real ClipRequest controller against the fabric8 mock API server (CRUD, committed CRDs
 * loaded), a fake Job controller standing in for kube-controller-manager and the kubelet, s3proxy
 * as the storage, and a clock the test moves.
 */
class ClipRequestReconcilerMockServerTest {

  private static final String NS = "clips";
  private static final String BUCKET = "camrec-test";
  private static final int SEGMENT_SECONDS = 2;
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final byte[] CLIP_BYTES = "not really an mp4".getBytes(StandardCharsets.UTF_8);

  @TempDir static Path s3Data;

  private static KubernetesMockServer server;
  private static KubernetesClient client;
  private static EmbeddedS3 s3;
  private static MinioClient minio;
  private static FakeJobController jobs;
  private static MovableClock clock;
  private static ClipStore store;
  private static ClipOperatorUnderTest operator;

  @BeforeAll
  static void start() throws Exception {
    server = MockApiServer.start();
    client = server.createClient();
    MockApiServer.loadCrds(client, "cameras.camrec.dev-v1.yml", "cliprequests.camrec.dev-v1.yml");
    s3 = EmbeddedS3.start(s3Data);
    s3.createBucket(BUCKET);
    minio =
        MinioClient.builder()
            .endpoint(s3.endpoint().toString())
            .credentials(s3.accessKey(), s3.secretKey())
            .build();
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("camrec-storage")
                .withNamespace(NS)
                .endMetadata()
                .addToStringData("accessKey", s3.accessKey())
                .addToStringData("secretKey", s3.secretKey())
                .build())
        .create();
    client.resource(camera("front-door")).create();
    jobs = new FakeJobController(client);
    OperatorSettings settings =
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
            false,
            Duration.ofSeconds(1));
    // One Job at a time; links live 10 minutes and are renewed in their last 5.
    ClipSettings clips =
        new ClipSettings(
            1, Duration.ofMinutes(30), "2Gi", Duration.ofMinutes(10), Duration.ofMinutes(5));
    clock = new MovableClock();
    store = new ClipStore();
    operator =
        ClipOperatorUnderTest.start(
            client, settings, clips, new ClipGate(settings.uploadGraceSeconds(), clock), store);
  }

  @AfterAll
  static void stop() throws Exception {
    if (operator != null) operator.close();
    if (store != null) store.close();
    if (minio != null) minio.close();
    if (s3 != null) s3.close();
    if (client != null) client.close();
    if (server != null) server.destroy();
  }

  /** Every test leaves no Job running: the next one needs the only slot. */
  @AfterEach
  void finishRunningJobs() {
    for (Job j : client.batch().v1().jobs().inNamespace(NS).list().getItems()) {
      if (ClipJobSlots.running(j)) {
        if (client.pods().inNamespace(NS).withName(j.getMetadata().getName() + "-pod").get()
            == null) {
          jobs.start(NS, j.getMetadata().getName());
        }
        jobs.finish(NS, j.getMetadata().getName(), 3, "");
      }
    }
  }

  @Test
  void aRecordedRangeGetsOneOwnedRestrictedJobThatRunsTheClipCommand() {
    ClipRequest clip = client.resource(clip("spec-check", "front-door", recordedRange())).create();

    Job job = awaitJob("spec-check-clip");

    assertThat(job.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.getKind()).isEqualTo("ClipRequest");
              assertThat(o.getUid()).isEqualTo(clip.getMetadata().getUid());
            });
    JobSpec spec = job.getSpec();
    assertThat(spec.getBackoffLimit()).isEqualTo(2);
    assertThat(spec.getActiveDeadlineSeconds()).isEqualTo(1800L);
    assertThat(spec.getPodFailurePolicy().getRules().get(0).getOnExitCodes().getValues())
        .containsExactly(ClipResult.EXIT_PERMANENT);
    var pod = spec.getTemplate().getSpec();
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    var container = pod.getContainers().get(0);
    assertThat(container.getCommand()).containsExactly("recorder-sidecar", "clip");
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(env(job, StoreEnv.S3_SECRET_KEY).getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("camrec-storage");
    assertThat(env(job, StoreEnv.S3_SECRET_KEY).getValue()).isNull();
    assertThat(Serialization.asJson(job)).doesNotContain(s3.secretKey());
    assertThat(env(job, ClipEnv.OBJECT_KEY).getValue())
        .isEqualTo("clips/" + NS + "/spec-check-" + clip.getMetadata().getUid() + ".mp4");
    assertThat(env(job, ClipEnv.ON_GAP).getValue()).isEqualTo("Concatenate");
    assertThat(env(job, ClipEnv.SEGMENT_SECONDS).getValue()).isEqualTo("2");
    // The work emptyDir's sizeLimit (2Gi), so the clip checks it before cutting.
    assertThat(env(job, ClipEnv.WORK_DIR_LIMIT).getValue()).isEqualTo("2147483648");

    jobs.start(NS, "spec-check-clip");
    awaitCondition("spec-check", "Unknown", ClipStatusAggregator.CUTTING);
  }

  @Test
  void succeededFromTheTerminationMessageWithALinkThatDownloadsRenewedBeforeItExpires()
      throws Exception {
    ClipRequest clip = client.resource(clip("delivery", "front-door", recordedRange())).create();
    awaitJob("delivery-clip");
    jobs.start(NS, "delivery-clip");
    String key = "clips/" + NS + "/delivery-" + clip.getMetadata().getUid() + ".mp4";
    put(key);
    List<TimeSpan> gaps = List.of(new TimeSpan("2026-03-02T08:17:00Z", "2026-03-02T08:17:09Z"));
    jobs.finish(
        NS,
        "delivery-clip",
        0,
        new ClipResult(
                true,
                ClipResult.CLIP_STORED,
                "Clip of 600 s stored; 1 gaps (9 s) joined over, listed in status.gaps.",
                key,
                (long) CLIP_BYTES.length,
                "2026-03-02T08:15:00Z",
                "2026-03-02T08:25:00Z",
                gaps,
                0)
            .toJson());

    awaitCondition("delivery", "True", ClipResult.CLIP_STORED);
    var status = fetch("delivery").getStatus();
    assertThat(status.objectKey()).isEqualTo(key);
    assertThat(status.sizeBytes()).isEqualTo(CLIP_BYTES.length);
    assertThat(status.actualStart()).isEqualTo("2026-03-02T08:15:00Z");
    assertThat(status.gaps()).singleElement().satisfies(g -> assertThat(g.end()).endsWith("09Z"));
    assertThat(download(status.downloadUrl())).isEqualTo(CLIP_BYTES);
    Instant expires = Instant.parse(status.downloadUrlExpires());
    assertThat(expires)
        .isBetween(clock.instant().plusSeconds(500), clock.instant().plusSeconds(601));
    assertThat(events("delivery")).extracting(Event::getReason).contains(ClipResult.CLIP_STORED);

    // Six minutes later the link has less than five to live: a new one is signed.
    clock.advance(Duration.ofMinutes(6));
    touch("delivery");
    await()
        .atMost(WAIT)
        .until(
            () ->
                Instant.parse(fetch("delivery").getStatus().downloadUrlExpires()).isAfter(expires));
    assertThat(download(fetch("delivery").getStatus().downloadUrl())).isEqualTo(CLIP_BYTES);
  }

  @Test
  void whenTheTtlIsUpTheClipAndTheRequestAreDeleted() throws Exception {
    ClipRequest clip = client.resource(clip("short-lived", "front-door", recordedRange())).create();
    String key = storedClip(clip, "short-lived-clip");
    awaitCondition("short-lived", "True", ClipResult.CLIP_STORED);

    clock.advance(Duration.ofHours(25)); // ttl 24h
    touch("short-lived");

    await().atMost(WAIT).until(() -> fetch("short-lived") == null);
    assertThat(exists(key)).isFalse();
  }

  @Test
  void deletingTheRequestEarlierDeletesItsClip() throws Exception {
    ClipRequest clip = client.resource(clip("deleted", "front-door", recordedRange())).create();
    String key = storedClip(clip, "deleted-clip");
    awaitCondition("deleted", "True", ClipResult.CLIP_STORED);
    assertThat(fetch("deleted").getMetadata().getFinalizers()).isNotEmpty();

    client.resource(fetch("deleted")).delete();

    await().atMost(WAIT).until(() -> fetch("deleted") == null);
    assertThat(exists(key)).isFalse();
  }

  @Test
  void aRangeStillBeingRecordedWaitsThenRuns() {
    Instant end = clock.instant().plusSeconds(20);
    client.resource(clip("live", "front-door", new Instant[] {end.minusSeconds(60), end})).create();

    awaitCondition("live", "Unknown", ClipStatusAggregator.WAITING_FOR_RECORDING);
    assertThat(condition("live").getMessage())
        .contains(Conditions.rfc3339(end.plusSeconds(SEGMENT_SECONDS + 30)));
    assertThat(job("live-clip")).isEmpty();

    clock.advance(Duration.ofMinutes(2));
    touch("live");
    awaitJob("live-clip");
  }

  @Test
  void aCameraThatDoesNotExistFailsTheRequestSayingSo() {
    client.resource(clip("nowhere", "back-door", recordedRange())).create();

    awaitCondition("nowhere", "False", ClipStatusAggregator.CAMERA_NOT_FOUND);
    assertThat(condition("nowhere").getMessage()).contains("back-door", NS);
    assertThat(job("nowhere-clip")).isEmpty();
    assertThat(events("nowhere")).anySatisfy(e -> assertThat(e.getType()).isEqualTo("Warning"));
  }

  @Test
  void anUnreadableRequestIsNamedWithItsFieldAndTheOthersStillReconciled() {
    // What an API server without the CRD's schema stores: the wrong JSON types.
    client
        .resource(
            Serialization.unmarshal(
                "{\"apiVersion\":\"camrec.dev/v1alpha1\",\"kind\":\"ClipRequest\","
                    + "\"metadata\":{\"name\":\"garbled\",\"namespace\":\""
                    + NS
                    + "\"},\"spec\":{\"camera\":\"front-door\",\"start\":\"2026-03-02T08:00:00Z\","
                    + "\"end\":\"2026-03-02T08:01:00Z\",\"onGap\":[\"Fail\"]}}",
                GenericKubernetesResource.class))
        .create();
    client.resource(clip("after-garbled", "front-door", recordedRange())).create();

    awaitCondition("garbled", "False", ClipStatusAggregator.INVALID_SPEC);
    assertThat(condition("garbled").getMessage()).startsWith("spec.onGap must be");
    assertThat(job("garbled-clip")).isEmpty();
    // The informer still delivers the others.
    await().atMost(WAIT).until(() -> fetch("after-garbled").getStatus() != null);
  }

  @Test
  void aFailedClipTakesItsReasonAndGapsFromTheResultAndKeepsNoObject() throws Exception {
    ClipRequest clip = client.resource(clip("gappy", "front-door", recordedRange())).create();
    awaitJob("gappy-clip");
    jobs.start(NS, "gappy-clip");
    String key = "clips/" + NS + "/gappy-" + clip.getMetadata().getUid() + ".mp4";
    put(key); // as if an earlier attempt had left one
    List<TimeSpan> gaps = List.of(new TimeSpan("2026-03-02T08:17:00Z", "2026-03-02T08:17:09Z"));
    jobs.finish(
        NS,
        "gappy-clip",
        ClipResult.EXIT_PERMANENT,
        ClipResult.failed(
                ClipResult.RECORDING_GAPS,
                "Recordings are missing inside the range and onGap is Fail: 2026-03-02T08:17:00Z"
                    + " to 2026-03-02T08:17:09Z.",
                gaps)
            .toJson());

    awaitCondition("gappy", "False", ClipResult.RECORDING_GAPS);
    assertThat(fetch("gappy").getStatus().gaps()).hasSize(1);
    assertThat(fetch("gappy").getStatus().downloadUrl()).isNull();
    await().atMost(WAIT).until(() -> !exists(key));
  }

  @Test
  void aBurstOfRequestsRunsOneJobAtATime() {
    client.resource(clip("burst-a", "front-door", recordedRange())).create();
    client.resource(clip("burst-b", "front-door", recordedRange())).create();

    await()
        .atMost(WAIT)
        .until(() -> job("burst-a-clip").isPresent() || job("burst-b-clip").isPresent());
    String first = job("burst-a-clip").isPresent() ? "burst-a" : "burst-b";
    String second = first.equals("burst-a") ? "burst-b" : "burst-a";
    awaitCondition(second, "Unknown", ClipStatusAggregator.WAITING_FOR_JOB_SLOT);
    assertThat(job(second + "-clip")).isEmpty();

    jobs.start(NS, first + "-clip");
    jobs.finish(NS, first + "-clip", 3, "");
    awaitJob(second + "-clip");
  }

  /** A clip whose Job ran and stored {@code CLIP_BYTES}; returns its key. */
  private static String storedClip(ClipRequest clip, String job) throws Exception {
    awaitJob(job);
    jobs.start(NS, job);
    String key =
        "clips/"
            + NS
            + "/"
            + clip.getMetadata().getName()
            + "-"
            + clip.getMetadata().getUid()
            + ".mp4";
    put(key);
    jobs.finish(
        NS,
        job,
        0,
        new ClipResult(
                true,
                ClipResult.CLIP_STORED,
                "Clip of 600 s stored.",
                key,
                (long) CLIP_BYTES.length,
                "2026-03-02T08:15:00Z",
                "2026-03-02T08:25:00Z",
                List.of(),
                0)
            .toJson());
    return key;
  }

  /** A range that ended long ago: recorded and stored. */
  private static Instant[] recordedRange() {
    Instant end = clock.instant().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
    return new Instant[] {end.minusSeconds(600), end};
  }

  private static ClipRequest clip(String name, String camera, Instant[] range) {
    ClipRequest clip = new ClipRequest();
    clip.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    clip.setSpec(
        new ClipRequestSpec(
            camera, range[0].toString(), range[1].toString(), OnGap.CONCATENATE, "24h"));
    return clip;
  }

  private static Camera camera(String name) {
    Camera camera = new Camera();
    camera.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    camera.setSpec(
        new CameraSpec(
            new CameraSource("rtsp://10.0.0.7:554/stream1", null),
            new Recording(true, SEGMENT_SECONDS, null, null, null),
            null,
            null,
            null,
            null,
            null));
    return camera;
  }

  private static ClipRequest fetch(String name) {
    return client.resources(ClipRequest.class).inNamespace(NS).withName(name).get();
  }

  /**
   * Makes the controller look at the clip now, instead of at the time it scheduled by the real
   * clock: a change to its Camera (an annotation; the Camera's own spec stays) is an event for
   * every ClipRequest naming it. The ClipRequest itself would not do: the controller skips changes
   * that leave its generation alone.
   */
  private static void touch(String clip) {
    client
        .resources(Camera.class)
        .inNamespace(NS)
        .withName(fetch(clip).getSpec().camera())
        .edit(
            c -> {
              c.getMetadata()
                  .setAnnotations(Map.of("test/touched", String.valueOf(System.nanoTime())));
              return c;
            });
  }

  private static Optional<Job> job(String name) {
    return Optional.ofNullable(client.batch().v1().jobs().inNamespace(NS).withName(name).get());
  }

  private static Job awaitJob(String name) {
    return await().atMost(WAIT).until(() -> job(name), Optional::isPresent).get();
  }

  private static Condition condition(String clip) {
    ClipRequest c = fetch(clip);
    return c == null || c.getStatus() == null
        ? null
        : Conditions.find(c.getStatus().conditions(), "Succeeded").orElse(null);
  }

  private static void awaitCondition(String clip, String status, String reason) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(condition(clip))
                    .isNotNull()
                    .satisfies(
                        c -> {
                          assertThat(c.getStatus()).isEqualTo(status);
                          assertThat(c.getReason()).isEqualTo(reason);
                        }));
  }

  private static List<Event> events(String clip) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> clip.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  private static EnvVar env(Job job, String name) {
    return job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .filter(e -> name.equals(e.getName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no env " + name));
  }

  private static void put(String key) throws Exception {
    minio.putObject(
        PutObjectArgs.builder().bucket(BUCKET).object(key).stream(
                new ByteArrayInputStream(CLIP_BYTES), CLIP_BYTES.length, -1)
            .build());
  }

  private static boolean exists(String key) {
    try {
      minio.statObject(StatObjectArgs.builder().bucket(BUCKET).object(key).build());
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static byte[] download(String url) throws Exception {
    HttpResponse<byte[]> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
