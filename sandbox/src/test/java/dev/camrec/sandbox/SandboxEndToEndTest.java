package dev.camrec.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.camrec.recorder.layout.SegmentKey;
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

  @TempDir static Path dataDir;
  private static Sandbox sandbox;
  private static MinioClient s3;

  @BeforeAll
  static void start() {
    Sandbox.Options options = new Sandbox.Options(REPO, dataDir, Sandbox.recorderLauncher(), false);
    assertThat(options.operatorJar()).as("the operator must be packaged before this test").isRegularFile();
    sandbox = Sandbox.start(options);
    assertThat(sandbox.operatorRunning()).isTrue();
    s3 = MinioClient.builder().endpoint(sandbox.s3().endpoint().toString())
        .credentials(sandbox.s3().accessKey(), sandbox.s3().secretKey()).build();
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
    await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(segments()).hasSizeGreaterThanOrEqualTo(2));
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      Map<String, Object> status = status(cameraResource().get());
      assertThat(condition(status, "Ready")).isEqualTo("True");
      assertThat(condition(status, "Recording")).isEqualTo("True");
      assertThat(Instant.parse(String.valueOf(status.get("lastSegmentTime"))))
          .isAfter(Instant.now().minus(Duration.ofSeconds(6L * SEGMENT_SECONDS)));
    });
    assertKubectlColumns();

    // enabled: false scales the recorder to zero; it stores its last segment before it goes.
    String pod = sandbox.podRunner().podName(Sandbox.NAMESPACE, CAMERA + "-recorder").orElseThrow();
    Path spool = dataDir.resolve("pods").resolve(Sandbox.NAMESPACE).resolve(pod).resolve("spool");
    Instant disabledAt = Instant.now();
    client.resource(camera(false)).update();
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(sandbox.podRunner().podName(Sandbox.NAMESPACE, CAMERA + "-recorder")).isEmpty();
      assertThat(client.pods().inNamespace(Sandbox.NAMESPACE).list().getItems()).isEmpty();
    });
    assertThat(segments()).anySatisfy(key -> assertThat(key.end()).isAfterOrEqualTo(disabledAt.minusSeconds(1)));
    assertThat(mp4FilesIn(spool)).as("nothing left unuploaded in the spool").isEmpty();

    // Deleting the Camera removes its recorder Deployment (garbage collection) but no recording.
    int stored = segments().size();
    cameraResource().delete();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(client.apps().deployments().inNamespace(Sandbox.NAMESPACE).withName(CAMERA + "-recorder").get()).isNull());
    assertThat(segments()).hasSize(stored);
  }

  private void assertKubectlColumns() throws Exception {
    if (!onPath("kubectl")) {
      return;
    }
    Kubectl kubectl = new Kubectl(sandbox.api().kubeconfig(), dataDir.resolve("kube-cache"));
    Kubectl.Result result = kubectl.run("get", "cameras");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    List<String> lines = result.stdout().lines().toList();
    assertThat(lines.get(0).split("\\s{2,}")).containsExactly("NAME", "READY", "RECORDING", "LAST SEGMENT", "AGE");
    String[] row = lines.get(1).split("\\s+");
    assertThat(row[0]).isEqualTo(CAMERA);
    assertThat(row[1]).isEqualTo("True");
    assertThat(row[2]).isEqualTo("True");
    assertThat(row[3]).matches("\\d+s");
  }

  private static GenericKubernetesResource camera(boolean enabled) {
    GenericKubernetesResource camera = new GenericKubernetesResource();
    camera.setApiVersion("camrec.dev/v1alpha1");
    camera.setKind("Camera");
    camera.setMetadata(new ObjectMetaBuilder().withName(CAMERA).withNamespace(Sandbox.NAMESPACE).build());
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("source", Map.of("url", sandbox.cameras().rtsp().toString()));
    spec.put("recording", Map.of("enabled", enabled, "segmentSeconds", SEGMENT_SECONDS, "audio", "none"));
    camera.setAdditionalProperty("spec", spec);
    return camera;
  }

  private static Resource<GenericKubernetesResource> cameraResource() {
    return sandbox.api().client().genericKubernetesResources("camrec.dev/v1alpha1", "Camera")
        .inNamespace(Sandbox.NAMESPACE).withName(CAMERA);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> status(GenericKubernetesResource camera) {
    Object status = camera.getAdditionalProperties().get("status");
    assertThat(status).as("Camera status").isNotNull();
    return (Map<String, Object>) status;
  }

  @SuppressWarnings("unchecked")
  private static String condition(Map<String, Object> status, String type) {
    List<Map<String, Object>> conditions = (List<Map<String, Object>>) status.getOrDefault("conditions", List.of());
    return conditions.stream().filter(c -> type.equals(c.get("type"))).map(c -> String.valueOf(c.get("status")))
        .findFirst().orElse("<none>");
  }

  private static List<SegmentKey> segments() throws Exception {
    List<SegmentKey> keys = new ArrayList<>();
    for (Result<Item> result : s3.listObjects(ListObjectsArgs.builder().bucket(Sandbox.BUCKET)
        .prefix(SegmentKey.cameraPrefix(Sandbox.NAMESPACE, CAMERA)).recursive(true).build())) {
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

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    return path != null && Stream.of(path.split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }
}
