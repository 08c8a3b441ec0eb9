package dev.camrec.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.camrec.contract.layout.SegmentKey;
import dev.camrec.sandbox.kube.Kubectl;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole system on the sandbox harness: the packaged operator and recorder, a simulated camera,
 * s3proxy. Runs at integration-test, after both are packaged.
 */
class SandboxEndToEndTest {

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final String CAMERA = "e2e-cam";
  private static final int SEGMENT_SECONDS = 3;

  /**
   * The operator's default camrec.storage.min-poll-interval: 3 s segments are listed every 10 s.
   */
  private static final int POLL_SECONDS = 10;

  /** Listings, upload and status writes on a loaded machine, on top of segments and poll. */
  private static final int STATUS_SLACK_SECONDS = 10;

  @TempDir static Path dataDir;
  private static Sandbox sandbox;
  private static MinioClient s3;
  private static Instant testStart;

  @BeforeAll
  static void start() throws Exception {
    Sandbox.Options options = new Sandbox.Options(REPO, dataDir, Sandbox.recorderLauncher(), false);
    assertThat(options.operatorJar())
        .as("the operator must be packaged before this test")
        .isRegularFile();
    sandbox = Sandbox.start(options);
    assertThat(sandbox.operatorRunning()).isTrue();
    testStart = Instant.now();
    storeTwoDaysOfSegmentsBefore(testStart.minus(Duration.ofMinutes(5)));
    s3 =
        MinioClient.builder()
            .endpoint(sandbox.s3().endpoint().toString())
            .credentials(sandbox.s3().accessKey(), sandbox.s3().secretKey())
            .build();
  }

  @AfterAll
  static void stop() throws Exception {
    if (s3 != null) {
      s3.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  void recordsStopsOnDisableAndKeepsRecordingsWhenTheCameraGoes() throws Exception {
    KubernetesClient client = sandbox.api().client();
    client.resource(camera(true)).create();

    // Segments land in the store, and the Camera says so.
    await()
        .atMost(Duration.ofSeconds(120))
        .untilAsserted(() -> assertThat(segments()).hasSizeGreaterThanOrEqualTo(2));
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              Map<String, Object> status = status(cameraResource().get());
              // The whole status in the failure message: which condition, which reason, since when.
              assertThat(condition(status, "Ready")).as("Ready in %s", status).isEqualTo("True");
              assertThat(condition(status, "Recording"))
                  .as("Recording in %s", status)
                  .isEqualTo("True");
              assertThat(Instant.parse(String.valueOf(status.get("lastSegmentTime"))))
                  .isAfter(testStart);
            });
    assertKubectlColumns();
    assertAClipOfTheLastSecondsDownloadsThroughItsLinkAndPlays();

    // LAST SEGMENT is the newest segment's start. At a listing that segment can be almost two
    // segments old (the next one about to land), and it shows until the next listing a poll
    // interval later; however many segments the bucket already holds, that is all.
    assertThat(largestLastSegmentAge(Duration.ofSeconds(3L * POLL_SECONDS)))
        .isLessThanOrEqualTo(
            Duration.ofSeconds(2L * SEGMENT_SECONDS + POLL_SECONDS + STATUS_SLACK_SECONDS));

    // enabled: false scales the recorder to zero; it stores its last segment before it goes.
    String pod = sandbox.podRunner().podName(Sandbox.NAMESPACE, CAMERA + "-recorder").orElseThrow();
    Path spool = dataDir.resolve("pods").resolve(Sandbox.NAMESPACE).resolve(pod).resolve("spool");
    Instant disabledAt = Instant.now();
    client.resource(camera(false)).update();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(sandbox.podRunner().podName(Sandbox.NAMESPACE, CAMERA + "-recorder"))
                  .isEmpty();
              assertThat(client.pods().inNamespace(Sandbox.NAMESPACE).list().getItems()).isEmpty();
            });
    assertThat(segments())
        .anySatisfy(key -> assertThat(key.end()).isAfterOrEqualTo(disabledAt.minusSeconds(1)));
    assertThat(mp4FilesIn(spool)).as("nothing left unuploaded in the spool").isEmpty();

    // Deleting the Camera removes its recorder Deployment (garbage collection) but no recording.
    int stored = segments().size();
    cameraResource().delete();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        client
                            .apps()
                            .deployments()
                            .inNamespace(Sandbox.NAMESPACE)
                            .withName(CAMERA + "-recorder")
                            .get())
                    .isNull());
    assertThat(segments()).hasSize(stored);
  }

  @Test
  void aRetentionPolicyRunFromItsCronJobPrunesAndSaysSoInKubectl() throws Exception {
    KubernetesClient client = sandbox.api().client();
    // Two cameras that do not record (no recorder pod needed): one selected, one not, each with
    // ten days of hourly segments already stored.
    client.resource(idleCamera("pruned-cam", "yes")).create();
    client.resource(idleCamera("kept-cam", "no")).create();
    Instant now = Instant.now();
    storeHourlySegments("pruned-cam", now, 10);
    storeHourlySegments("kept-cam", now, 10);
    client.resource(retentionPolicy()).create();
    Kubectl kubectl = new Kubectl(sandbox.api().kubeconfig(), dataDir.resolve("kube-cache"));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                client
                        .batch()
                        .v1()
                        .cronjobs()
                        .inNamespace(Sandbox.NAMESPACE)
                        .withName("e2e-retention-retention")
                        .get()
                    != null);

    // The policy's schedule is a year away: run it now, as the README says for the sandbox (kubectl
    // sends a Job as protobuf, which the mock API cannot read: the same Job as JSON instead).
    Kubectl.Result job =
        kubectl.run(
            "create",
            "job",
            "--from=cronjob/e2e-retention-retention",
            "prune-now",
            "--dry-run=client",
            "-o",
            "json");
    assertThat(job.exitCode()).as(job.stderr()).isZero();
    Path jobFile = Files.writeString(dataDir.resolve("prune-now.json"), job.stdout());
    Kubectl.Result created = kubectl.run("create", "--validate=false", "-f", jobFile.toString());
    assertThat(created.exitCode()).as(created.stderr()).isZero();

    // Segments that ended more than 7 days ago: the oldest 3 days, less the one straddling.
    long expired =
        hourlyKeys("pruned-cam", now, 10).stream()
            .filter(k -> k.end().isBefore(now.minus(Duration.ofDays(7))))
            .count();
    await()
        .atMost(Duration.ofSeconds(120))
        .untilAsserted(
            () -> {
              Kubectl.Result got = kubectl.run("get", "retentionpolicies");
              assertThat(got.exitCode()).as(got.stderr()).isZero();
              List<String> lines = got.stdout().lines().toList();
              assertThat(lines.get(0).split("\\s{2,}"))
                  .containsExactly(
                      "NAME",
                      "MAX AGE",
                      "MAX BYTES",
                      "LAST RUN",
                      "DELETED",
                      "FREED",
                      "READY",
                      "AGE");
              String[] row = lines.get(1).split("\\s+");
              assertThat(row[0]).isEqualTo("e2e-retention");
              assertThat(row[1]).isEqualTo("7d");
              assertThat(row[3]).matches("\\d+s");
              assertThat(row[4]).isEqualTo(Long.toString(expired));
              assertThat(row[6]).isEqualTo("True");
            });
    assertThat(keysOf("pruned-cam")).hasSize(10 * 24 - (int) expired);
    assertThat(keysOf("pruned-cam"))
        .allSatisfy(k -> assertThat(k.end()).isAfterOrEqualTo(now.minus(Duration.ofDays(7))));
    assertThat(keysOf("kept-cam")).hasSize(10 * 24);
  }

  private static GenericKubernetesResource idleCamera(String name, String pruned) {
    GenericKubernetesResource camera = new GenericKubernetesResource();
    camera.setApiVersion("camrec.dev/v1alpha1");
    camera.setKind("Camera");
    camera.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(Sandbox.NAMESPACE)
            .withLabels(Map.of("e2e-pruned", pruned))
            .build());
    camera.setAdditionalProperty(
        "spec",
        Map.of(
            "source",
            Map.of("url", sandbox.cameras().rtsp().toString()),
            "recording",
            Map.of("enabled", false)));
    return camera;
  }

  private static GenericKubernetesResource retentionPolicy() {
    GenericKubernetesResource policy = new GenericKubernetesResource();
    policy.setApiVersion("camrec.dev/v1alpha1");
    policy.setKind("RetentionPolicy");
    policy.setMetadata(
        new ObjectMetaBuilder().withName("e2e-retention").withNamespace(Sandbox.NAMESPACE).build());
    policy.setAdditionalProperty(
        "spec",
        Map.of(
            "selector",
            Map.of("matchLabels", Map.of("e2e-pruned", "yes")),
            "maxAge",
            "7d",
            "maxBytes",
            "1Ti",
            "schedule",
            "0 0 1 1 *"));
    return policy;
  }

  /** Hourly segments over the last {@code days} days, the newest ending half an hour ago. */
  private static List<SegmentKey> hourlyKeys(String camera, Instant now, int days) {
    List<SegmentKey> keys = new ArrayList<>();
    Instant newestEnd = now.minus(Duration.ofMinutes(30));
    for (int k = days * 24; k >= 1; k--) {
      keys.add(
          new SegmentKey(
              Sandbox.NAMESPACE,
              camera,
              newestEnd.minus(Duration.ofHours(k)),
              Duration.ofHours(1)));
    }
    return keys;
  }

  private static void storeHourlySegments(String camera, Instant now, int days) throws Exception {
    sandbox
        .s3()
        .putEmptyObjectsDirectly(
            Sandbox.BUCKET,
            hourlyKeys(camera, now, days).stream().map(SegmentKey::objectKey).toList());
  }

  private static List<SegmentKey> keysOf(String camera) throws Exception {
    List<SegmentKey> keys = new ArrayList<>();
    for (Result<Item> result :
        s3.listObjects(
            ListObjectsArgs.builder()
                .bucket(Sandbox.BUCKET)
                .prefix(SegmentKey.cameraPrefix(Sandbox.NAMESPACE, camera))
                .recursive(true)
                .build())) {
      SegmentKey.parse(result.get().objectName()).ifPresent(keys::add);
    }
    return keys;
  }

  /**
   * What two days of recording leave: this camera's 3 s segments (57,600 keys) up to {@code end},
   * written straight into s3proxy's filesystem store as its PUT writes them (the key as a path
   * under the bucket folder, metadata in user attributes), since as many PUTs would take many
   * minutes. Empty files: only their keys matter here.
   */
  private static void storeTwoDaysOfSegmentsBefore(Instant end) throws Exception {
    Duration length = Duration.ofSeconds(SEGMENT_SECONDS);
    List<String> keys = new ArrayList<>();
    for (Instant start = end.minus(Duration.ofDays(2));
        start.isBefore(end);
        start = start.plus(length)) {
      keys.add(new SegmentKey(Sandbox.NAMESPACE, CAMERA, start, length).objectKey());
    }
    sandbox.s3().putEmptyObjectsDirectly(Sandbox.BUCKET, keys);
  }

  /** The largest age of the Camera's lastSegmentTime seen while sampling it every second. */
  private static Duration largestLastSegmentAge(Duration observed) {
    Instant until = Instant.now().plus(observed);
    AtomicReference<Duration> largest = new AtomicReference<>(Duration.ZERO);
    await()
        .atMost(observed.plusSeconds(10))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              Instant newest =
                  Instant.parse(
                      String.valueOf(status(cameraResource().get()).get("lastSegmentTime")));
              Duration age = Duration.between(newest, Instant.now());
              largest.accumulateAndGet(age, (a, b) -> a.compareTo(b) >= 0 ? a : b);
              return !Instant.now().isBefore(until);
            });
    return largest.get();
  }

  /**
   * A ClipRequest for seconds just recorded: it waits for the recording, its Job runs as a local
   * process, and its downloadUrl (signed for the sandbox's S3 on 127.0.0.1) gives an MP4 that
   * ffprobe reads from its first frame for the requested length.
   */
  @SuppressWarnings("unchecked")
  private void assertAClipOfTheLastSecondsDownloadsThroughItsLinkAndPlays() throws Exception {
    Instant end = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minusSeconds(1);
    Instant start = end.minusSeconds(6);
    GenericKubernetesResource clip = new GenericKubernetesResource();
    clip.setApiVersion("camrec.dev/v1alpha1");
    clip.setKind("ClipRequest");
    clip.setMetadata(
        new ObjectMetaBuilder().withName("e2e-clip").withNamespace(Sandbox.NAMESPACE).build());
    clip.setAdditionalProperty(
        "spec", Map.of("camera", CAMERA, "start", start.toString(), "end", end.toString()));
    var clips =
        sandbox
            .api()
            .client()
            .genericKubernetesResources("camrec.dev/v1alpha1", "ClipRequest")
            .inNamespace(Sandbox.NAMESPACE);
    clips.resource(clip).create();

    // Cut once the range is stored: a segment and the 30 s upload allowance after its end.
    AtomicReference<Map<String, Object>> done = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(150))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              Map<String, Object> status = status(clips.withName("e2e-clip").get());
              assertThat(condition(status, "Succeeded"))
                  .as("Succeeded in %s", status)
                  .isEqualTo("True");
              done.set(status);
            });
    String url = String.valueOf(done.get().get("downloadUrl"));
    assertThat(url).startsWith(sandbox.s3().endpoint().toString());
    Path file = dataDir.resolve("e2e-clip.mp4");
    java.net.http.HttpResponse<Path> response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofFile(file));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Files.size(file)).isEqualTo(((Number) done.get().get("sizeBytes")).longValue());
    List<String> probed =
        ffprobe(file, "-select_streams", "v:0", "-show_entries", "stream=codec_name,duration");
    // The sandbox's camera without a login sends H.265.
    assertThat(probed.get(0)).startsWith("hevc,");
    // x265's default B-frames: stream copy may end up to the reorder depth (~5 frames) late.
    assertThat(Double.parseDouble(probed.get(0).split(",")[1])).isCloseTo(6.0, within(0.5));
    double first =
        ffprobe(file, "-select_streams", "v:0", "-show_entries", "frame=pts_time").stream()
            .filter(t -> !t.isBlank() && !t.equals("N/A"))
            .mapToDouble(Double::parseDouble)
            .min()
            .orElseThrow();
    assertThat(first).as("first presented frame").isBetween(0.0, 0.1);

    // Deleted early, the request takes its clip with it (finalizer), and its Job and pod go too.
    String key = String.valueOf(done.get().get("objectKey"));
    clips.withName("e2e-clip").delete();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(clips.withName("e2e-clip").get()).isNull();
              assertThat(
                      s3.listObjects(
                              ListObjectsArgs.builder().bucket(Sandbox.BUCKET).prefix(key).build())
                          .iterator()
                          .hasNext())
                  .as("clip object")
                  .isFalse();
              assertThat(
                      sandbox
                          .api()
                          .client()
                          .pods()
                          .inNamespace(Sandbox.NAMESPACE)
                          .withLabel("job-name", "e2e-clip-clip")
                          .list()
                          .getItems())
                  .isEmpty();
            });
  }

  private static List<String> ffprobe(Path file, String... query) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                dev.camrec.recorder.FfmpegExecutables.ffprobe(System.getenv()).toString(),
                "-v",
                "error"));
    cmd.addAll(List.of(query));
    cmd.addAll(List.of("-of", "csv=p=0", file.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.strip().lines().toList();
  }

  @Test
  void kubectlSaysWhyACameraIsNotRecording() throws Exception {
    Kubectl kubectl = new Kubectl(sandbox.api().kubeconfig(), dataDir.resolve("kube-cache"));
    KubernetesClient client = sandbox.api().client();
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort(); // closed again: nothing answers there
    }
    client
        .resource(badCamera("unreachable-cam", "rtsp://127.0.0.1:" + closedPort + "/cam"))
        .create();
    client
        .resource(badCamera("creds-in-url", "rtsp://admin:hunter22@127.0.0.1:" + closedPort + "/c"))
        .create();

    // The recorder retries; FFmpeg's "Connection refused" reaches the Camera through its report.
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              Kubectl.Result got = kubectl.run("get", "cameras");
              assertThat(row(got.stdout(), "unreachable-cam"))
                  .as(got.stdout())
                  .containsSequence("unreachable-cam", "False", "CameraUnreachable");
              assertThat(row(got.stdout(), "creds-in-url"))
                  .containsSequence("creds-in-url", "False", "InvalidSource");
            });
    Kubectl.Result described = kubectl.run("describe", "camera", "unreachable-cam");
    assertThat(described.stdout()).contains("CameraUnreachable").contains("Connection refused");
    // kubectl decodes the Events itself: one the API server could not parse shows as <none>.
    assertThat(described.stdout().substring(described.stdout().indexOf("Events:")))
        .contains("CameraUnreachable")
        .contains("camrec-operator");
    String refused = kubectl.run("describe", "camera", "creds-in-url").stdout();
    // The spec shows what the user wrote; the operator's conditions and Events never repeat it.
    assertThat(refused.substring(refused.indexOf("Status:")))
        .contains("InvalidSource")
        .doesNotContain("hunter22");
    assertThat(client.apps().deployments().inNamespace(Sandbox.NAMESPACE).list().getItems())
        .noneSatisfy(d -> assertThat(d.getMetadata().getName()).startsWith("creds-in-url"));

    for (String name : List.of("unreachable-cam", "creds-in-url")) {
      client
          .genericKubernetesResources("camrec.dev/v1alpha1", "Camera")
          .inNamespace(Sandbox.NAMESPACE)
          .withName(name)
          .delete();
    }
  }

  private static List<String> row(String table, String name) {
    return table
        .lines()
        .filter(l -> l.startsWith(name + " "))
        .findFirst()
        .map(l -> List.of(l.split("\\s+")))
        .orElse(List.of());
  }

  private static GenericKubernetesResource badCamera(String name, String url) {
    GenericKubernetesResource camera = new GenericKubernetesResource();
    camera.setApiVersion("camrec.dev/v1alpha1");
    camera.setKind("Camera");
    camera.setMetadata(
        new ObjectMetaBuilder().withName(name).withNamespace(Sandbox.NAMESPACE).build());
    camera.setAdditionalProperty(
        "spec",
        Map.of(
            "source",
            Map.of("url", url),
            "recording",
            Map.of("segmentSeconds", SEGMENT_SECONDS, "audio", "none")));
    return camera;
  }

  private void assertKubectlColumns() throws Exception {
    Kubectl kubectl = new Kubectl(sandbox.api().kubeconfig(), dataDir.resolve("kube-cache"));
    Kubectl.Result result = kubectl.run("get", "cameras");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    List<String> lines = result.stdout().lines().toList();
    assertThat(lines.get(0).split("\\s{2,}"))
        .containsExactly("NAME", "READY", "REASON", "RECORDING", "LAST SEGMENT", "AGE");
    String[] row = row(result.stdout(), CAMERA).toArray(String[]::new);
    assertThat(row[0]).isEqualTo(CAMERA);
    assertThat(row[1]).isEqualTo("True");
    assertThat(row[2]).isEqualTo("RecorderReady");
    assertThat(row[3]).isEqualTo("True");
    assertThat(row[4]).matches("\\d+s");
  }

  private static GenericKubernetesResource camera(boolean enabled) {
    GenericKubernetesResource camera = new GenericKubernetesResource();
    camera.setApiVersion("camrec.dev/v1alpha1");
    camera.setKind("Camera");
    camera.setMetadata(
        new ObjectMetaBuilder().withName(CAMERA).withNamespace(Sandbox.NAMESPACE).build());
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("source", Map.of("url", sandbox.cameras().rtsp().toString()));
    spec.put(
        "recording",
        Map.of("enabled", enabled, "segmentSeconds", SEGMENT_SECONDS, "audio", "none"));
    camera.setAdditionalProperty("spec", spec);
    return camera;
  }

  private static Resource<GenericKubernetesResource> cameraResource() {
    return sandbox
        .api()
        .client()
        .genericKubernetesResources("camrec.dev/v1alpha1", "Camera")
        .inNamespace(Sandbox.NAMESPACE)
        .withName(CAMERA);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> status(GenericKubernetesResource camera) {
    Object status = camera.getAdditionalProperties().get("status");
    assertThat(status).as("Camera status").isNotNull();
    return (Map<String, Object>) status;
  }

  @SuppressWarnings("unchecked")
  private static String condition(Map<String, Object> status, String type) {
    List<Map<String, Object>> conditions =
        (List<Map<String, Object>>) status.getOrDefault("conditions", List.of());
    return conditions.stream()
        .filter(c -> type.equals(c.get("type")))
        .map(c -> String.valueOf(c.get("status")))
        .findFirst()
        .orElse("<none>");
  }

  /** The camera's segments recorded during this test (the stored days before it left out). */
  private static List<SegmentKey> segments() throws Exception {
    String since = new SegmentKey(Sandbox.NAMESPACE, CAMERA, testStart, Duration.ZERO).objectKey();
    List<SegmentKey> keys = new ArrayList<>();
    for (Result<Item> result :
        s3.listObjects(
            ListObjectsArgs.builder()
                .bucket(Sandbox.BUCKET)
                .prefix(SegmentKey.cameraPrefix(Sandbox.NAMESPACE, CAMERA))
                .startAfter(since)
                .recursive(true)
                .build())) {
      Optional<SegmentKey> key = SegmentKey.parse(result.get().objectName());
      key.ifPresent(keys::add);
    }
    return keys;
  }

  private static List<Path> mp4FilesIn(Path folder) throws Exception {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(f -> f.toString().endsWith(".mp4")).toList();
    }
  }
}
