package dev.camrec.sandbox;

import dev.camrec.recorder.FfmpegExecutables;
import dev.camrec.sandbox.kube.OwnerGarbageCollector;
import dev.camrec.sandbox.kube.SandboxApiServer;
import dev.camrec.sandbox.pods.CronJobFirer;
import dev.camrec.sandbox.pods.HostSettings;
import dev.camrec.sandbox.pods.LocalJobRunner;
import dev.camrec.sandbox.pods.LocalPodRunner;
import dev.camrec.testbed.camera.SimulatedCamera;
import dev.camrec.testbed.s3.EmbeddedS3;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * camrec on one machine: a Kubernetes API kubectl can use, S3, three simulated cameras, the
 * operator jar and a local pod runner, all on 127.0.0.1. Everything it starts it stops on close
 * (and on Ctrl-C through a shutdown hook), in reverse order, so recorders upload their last segment
 * while S3 still runs.
 */
public final class Sandbox implements AutoCloseable {

  public static final String NAMESPACE = "default";
  public static final String BUCKET = "camrec";

  /** The operator's default storage Secret (camrec.storage.credentials-secret). */
  public static final String STORAGE_SECRET = "camrec-storage";

  /** Matches the Secret in k8s-examples/camera-with-credentials.yaml. */
  static final String EXAMPLE_USER = "recorder";

  static final String EXAMPLE_PASSWORD = "change-me";

  /**
   * @param repoRoot where crds/, k8s-examples/ and the built operator are
   * @param dataDir the sandbox's state: s3/ survives restarts, pods/ and logs/ are per run
   * @param recorderLauncher the host command that stands for the image's {@code recorder-sidecar}
   */
  public record Options(
      Path repoRoot, Path dataDir, List<String> recorderLauncher, boolean applyExamples) {

    public Path operatorJar() {
      return repoRoot.resolve("operator/target/quarkus-app/quarkus-run.jar");
    }
  }

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private SandboxApiServer api;
  private EmbeddedS3 s3;
  private LocalPodRunner runner;
  private Optional<OperatorProcess> operator = Optional.empty();
  private ExampleManifests.CameraUrls cameras;

  private Sandbox() {}

  public static Sandbox start(Options options) {
    Sandbox sandbox = new Sandbox();
    try {
      sandbox.startAll(options);
      return sandbox;
    } catch (RuntimeException e) {
      sandbox.close();
      throw e;
    }
  }

  private void startAll(Options options) {
    api =
        started(
            SandboxApiServer.start(
                SandboxApiServer.crdFilesIn(options.repoRoot().resolve("crds")),
                options.dataDir().resolve("kubeconfig")));
    s3 = started(EmbeddedS3.start(options.dataDir().resolve("s3")));
    try {
      s3.createBucket(BUCKET);
    } catch (BucketAlreadyOwnedByYouException kept) {
      // The S3 data folder survives restarts of the sandbox, and so does the bucket.
    }
    applyStorageSecret(api.client(), s3, NAMESPACE);

    Path ffmpeg = FfmpegExecutables.ffmpeg(System.getenv());
    SimulatedCamera withCredentials =
        started(
            SimulatedCamera.builder(ffmpeg, SimulatedCamera.Kind.RTSP_H264_AAC)
                .credentials(EXAMPLE_USER, EXAMPLE_PASSWORD)
                .start());
    SimulatedCamera h265 =
        started(SimulatedCamera.builder(ffmpeg, SimulatedCamera.Kind.RTSP_H265).start());
    SimulatedCamera mjpeg =
        started(SimulatedCamera.builder(ffmpeg, SimulatedCamera.Kind.HTTP_MJPEG).start());
    cameras = new ExampleManifests.CameraUrls(withCredentials.url(), h265.url(), mjpeg.url());

    started(OwnerGarbageCollector.start(api.client()));
    HostSettings host =
        HostSettings.forRecorder(
            options.dataDir(), Map.of("recorder-sidecar", options.recorderLauncher()));
    runner = started(LocalPodRunner.start(api.client(), host));
    started(LocalJobRunner.start(api.client(), host));
    started(CronJobFirer.start(api.client()));
    operator =
        OperatorProcess.start(
            options.operatorJar(),
            api.kubeconfig(),
            s3.endpoint(),
            options.dataDir().resolve("logs/operator.log"));
    operator.ifPresent(this::started);

    if (options.applyExamples()) {
      ExampleManifests.apply(
          api.client(), options.repoRoot().resolve("k8s-examples"), cameras, NAMESPACE);
    }
  }

  /**
   * The operator's default storage Secret ({@link #STORAGE_SECRET}) in {@code namespace}, holding
   * the key pair of {@code s3}; created, or updated when it is there from an earlier run.
   */
  public static void applyStorageSecret(KubernetesClient client, EmbeddedS3 s3, String namespace) {
    client
        .secrets()
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(STORAGE_SECRET)
                .withNamespace(namespace)
                .endMetadata()
                .addToStringData("accessKey", s3.accessKey())
                .addToStringData("secretKey", s3.secretKey())
                .build())
        .createOr(existing -> existing.update());
  }

  private <T extends AutoCloseable> T started(T component) {
    started.push(component);
    return component;
  }

  public SandboxApiServer api() {
    return api;
  }

  public EmbeddedS3 s3() {
    return s3;
  }

  public LocalPodRunner podRunner() {
    return runner;
  }

  public ExampleManifests.CameraUrls cameras() {
    return cameras;
  }

  public boolean operatorRunning() {
    return operator.map(OperatorProcess::isAlive).orElse(false);
  }

  /** What {@code kubectl get cameras -A} shows now. */
  public String cameraTable() throws Exception {
    return new CameraTable(api.url()).render();
  }

  @Override
  public synchronized void close() {
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        System.err.println("sandbox: stopping a component failed: " + e);
      }
    }
  }

  /**
   * {@code -Dcamrec.sandbox.root=<repo>} (default: the working folder or its parent, whichever has
   * crds/).
   */
  public static void main(String[] args) throws Exception {
    Path root = repoRoot();
    Path dataDir = root.resolve(".sandbox");
    Files.createDirectories(dataDir);
    Options options = new Options(root, dataDir, recorderLauncher(), true);
    Sandbox sandbox = start(options);
    // The table stops when the shutdown begins: its parts are going away under it.
    CountDownLatch stopping = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopping.countDown();
                  System.out.println(
                      "sandbox: stopping (recorders upload their last segment first)...");
                  sandbox.close();
                  System.out.println("sandbox: stopped");
                },
                "sandbox-shutdown"));

    System.out.println("camrec sandbox is up (127.0.0.1 only)");
    System.out.println("  Kubernetes API : " + sandbox.api().url());
    System.out.println("  kubectl        : " + sandbox.api().kubectlLine("get cameras"));
    System.out.println(
        "  S3             : "
            + sandbox.s3().endpoint()
            + "  bucket "
            + BUCKET
            + ", data in "
            + dataDir.resolve("s3"));
    System.out.println(
        "  operator       : "
            + (sandbox.operatorRunning()
                ? "running, log in " + dataDir.resolve("logs/operator.log")
                : "not built ("
                    + options.operatorJar()
                    + " missing); run ./mvnw -B -q -pl operator -am package -DskipTests"));
    System.out.println(
        "  recorder logs  : " + dataDir.resolve("pods") + "/<namespace>/<pod>/container.log");
    System.out.println(
        "  examples applied from k8s-examples/ with simulated camera URLs and "
            + ExampleManifests.SANDBOX_SEGMENT_SECONDS
            + " s segments, retention policies every minute ("
            + sandbox.api().kubectlLine("get retentionpolicies")
            + "). Ctrl-C stops everything.");
    do {
      System.out.println();
      System.out.print(sandbox.cameraTable());
    } while (!stopping.await(5, TimeUnit.SECONDS));
  }

  private static Path repoRoot() {
    String configured = System.getProperty("camrec.sandbox.root");
    if (configured != null) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("crds")) ? here : here.getParent();
  }

  /**
   * The recorder's Main on the sandbox's own class path, which Maven resolved with the recorder's
   * runtime dependencies. Not recorder-sidecar/target/recorder-sidecar.jar: its lib/ currently
   * lacks jackson-annotations (Maven puts it in test scope there, via the testbed dependency).
   */
  static List<String> recorderLauncher() {
    String java = ProcessHandle.current().info().command().orElse("java");
    return List.of(java, "-cp", System.getProperty("java.class.path"), "dev.camrec.recorder.Main");
  }
}
