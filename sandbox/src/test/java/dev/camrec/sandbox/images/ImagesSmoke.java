package dev.camrec.sandbox.images;

import dev.camrec.contract.env.RecordEnv;
import dev.camrec.contract.layout.SegmentKey;
import dev.camrec.recorder.FfmpegExecutables;
import dev.camrec.sandbox.kube.SandboxApiServer;
import dev.camrec.testbed.camera.SimulatedCamera;
import dev.camrec.testbed.s3.EmbeddedS3;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The smoke test of the container images, run by images/smoke.sh on the archives images/build.sh
 * made and podman loaded: the recorder image records a simulated camera into S3 and stores its last
 * segment on SIGTERM; the operator image becomes ready against the sandbox's Kubernetes API, and
 * without a reachable API exits saying which one it could not reach. Containers run as a pod would
 * run them: image's user, read-only root filesystem, writable only on the volumes a pod mounts
 * (/spool and /tmp), host network with every server on 127.0.0.1. Prints one line per check and "N
 * passed, M failed"; exits 1 when a check failed.
 *
 * <p>Arguments: repository root, recorder image, operator image.
 */
public final class ImagesSmoke {

  /** runAsUser, runAsGroup and fsGroup of the pods the operator creates; the images' user. */
  static final int POD_UID = 10001;

  static final String POD_USER = POD_UID + ":" + POD_UID;

  private static final String BUCKET = "camrec";
  private static final String NAMESPACE = "smoke";
  private static final String CAMERA = "cam";
  private static final int SEGMENT_SECONDS = 2;

  private final Path repo;
  private final Path work;
  private final String suffix = "-" + ProcessHandle.current().pid();
  private final List<String> failures = new ArrayList<>();
  private int passed;

  private ImagesSmoke(Path repo, Path work) {
    this.repo = repo;
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("camrec-images-smoke");
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    ImagesSmoke smoke = new ImagesSmoke(Path.of(args[0]).toAbsolutePath(), work);
    try {
      smoke.imageConfig(args[1]);
      smoke.imageConfig(args[2]);
      smoke.recorder(args[1]);
      smoke.operatorReady(args[2]);
      smoke.operatorWithoutCluster(args[2]);
    } finally {
      deleteTree(work);
    }
    smoke.failures.forEach(f -> System.out.println("  failed: " + f));
    System.out.println(
        "images smoke: " + smoke.passed + " passed, " + smoke.failures.size() + " failed");
    System.exit(smoke.failures.isEmpty() ? 0 : 1);
  }

  private interface Check {
    void run() throws Exception;
  }

  private void check(String name, Check check) {
    long start = System.nanoTime();
    try {
      check.run();
      passed++;
      System.out.printf("ok     %s (%.1f s)%n", name, (System.nanoTime() - start) / 1e9);
    } catch (Exception | AssertionError e) {
      failures.add(name);
      System.out.printf("FAILED %s: %s%n", name, e.getMessage());
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new AssertionError(message);
    }
  }

  void imageConfig(String image) {
    check(
        image + ": user " + POD_USER + ", OCI labels source, version, revision",
        () -> {
          String user = Podman.run("image", "inspect", "--format", "{{.Config.User}}", image);
          require(user.equals(POD_USER), "user is " + user);
          for (String label : List.of("source", "version", "revision")) {
            String value =
                Podman.run(
                    "image",
                    "inspect",
                    "--format",
                    "{{index .Labels \"org.opencontainers.image." + label + "\"}}",
                    image);
            require(!value.isBlank() && !value.equals("<no value>"), "no label " + label);
          }
        });
  }

  void recorder(String image) throws Exception {
    Path ffmpeg = FfmpegExecutables.ffmpeg(System.getenv());
    Path s3Data = work.resolve("s3");
    try (EmbeddedS3 s3 = EmbeddedS3.start(s3Data);
        SimulatedCamera camera =
            SimulatedCamera.builder(ffmpeg, SimulatedCamera.Kind.RTSP_H264_AAC).start()) {
      s3.createBucket(BUCKET);
      Path bucket = s3Data.resolve(BUCKET);
      Path spool = work.resolve("spool");
      String name = "camrec-smoke-recorder" + suffix;
      try {
        RecorderContainer container =
            RecorderContainer.start(
                name,
                image,
                camera.url(),
                s3,
                BUCKET,
                NAMESPACE,
                CAMERA,
                SEGMENT_SECONDS,
                spool,
                freePort());
        check(
            "recorder container records the camera into S3: 2 segments within 90 s, as UID 10001,"
                + " root filesystem read-only",
            () -> {
              Instant deadline = Instant.now().plusSeconds(90);
              while (stored(bucket).size() < 2) {
                require(
                    Instant.now().isBefore(deadline),
                    stored(bucket).size() + " segments stored; log:\n" + Podman.logTail(name));
                require(
                    Podman.inspect(name, "{{.State.Running}}").equals("true"),
                    "container exited; log:\n" + Podman.logTail(name));
                Thread.sleep(500);
              }
              long pid = container.pid();
              require(uid(pid) == POD_UID, "JVM runs as UID " + uid(pid));
              List<ProcessHandle> ffmpegs =
                  ProcessHandle.of(pid).orElseThrow().descendants().toList();
              require(!ffmpegs.isEmpty(), "no FFmpeg child process");
              for (ProcessHandle child : ffmpegs) {
                require(uid(child.pid()) == POD_UID, "child runs as UID " + uid(child.pid()));
              }
              require(
                  Podman.inspect(name, "{{.HostConfig.ReadonlyRootfs}}").equals("true"),
                  "root filesystem writable");
              require(
                  http(
                          URI.create(
                              "http://127.0.0.1:" + container.httpPort() + RecordEnv.LIVENESS_PATH))
                      == 200,
                  "liveness endpoint not 200");
            });
        check(
            "recorder container on SIGTERM stores its open segment and exits within the grace"
                + " period, spool empty",
            () -> {
              int before = stored(bucket).size();
              Instant sigterm = Instant.now();
              Podman.run(Duration.ofSeconds(60), Map.of(), "stop", "--time", "30", name);
              Duration took = Duration.between(sigterm, Instant.now());
              String exit = Podman.inspect(name, "{{.State.ExitCode}}");
              require(!exit.equals("137"), "killed after the grace period; log:\n" + logOf(name));
              List<SegmentKey> after = stored(bucket);
              require(after.size() > before, "no segment stored after SIGTERM");
              SegmentKey last = after.get(after.size() - 1);
              require(
                  Duration.between(last.end(), sigterm).abs().compareTo(Duration.ofSeconds(3)) < 0,
                  "last segment ends at " + last.end() + ", SIGTERM at " + sigterm);
              try (Stream<Path> left = Files.list(spool)) {
                List<Path> files = left.filter(p -> p.toString().endsWith(".mp4")).toList();
                require(files.isEmpty(), "left in the spool: " + files);
              }
              System.out.printf(
                  "       (stopped in %.1f s, exit code %s, %d segments stored)%n",
                  took.toMillis() / 1000.0, exit, after.size());
            });
      } finally {
        Podman.remove(name);
      }
    }
  }

  void operatorReady(String image) throws Exception {
    Path kubeconfig = work.resolve("kubeconfig");
    try (SandboxApiServer api =
        SandboxApiServer.start(SandboxApiServer.crdFilesIn(repo.resolve("crds")), kubeconfig)) {
      Files.setPosixFilePermissions(kubeconfig, PosixFilePermissions.fromString("rw-r--r--"));
      String name = "camrec-smoke-operator" + suffix;
      int port = freePort();
      try {
        runOperator(name, image, kubeconfig, port);
        check(
            "operator container becomes ready against the sandbox's Kubernetes API "
                + api.url()
                + " within 120 s",
            () -> {
              Instant deadline = Instant.now().plusSeconds(120);
              URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
              while (http(ready) != 200) {
                require(Instant.now().isBefore(deadline), "not ready; log:\n" + logOf(name));
                require(
                    Podman.inspect(name, "{{.State.Running}}").equals("true"),
                    "container exited; log:\n" + logOf(name));
                Thread.sleep(1000);
              }
              require(
                  http(URI.create("http://127.0.0.1:" + port + "/q/health/live")) == 200,
                  "live endpoint not 200");
            });
      } finally {
        Podman.remove(name);
      }
    }
  }

  void operatorWithoutCluster(String image) throws Exception {
    int nothingListens = freePort();
    Path kubeconfig = work.resolve("kubeconfig-unreachable");
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: unreachable
          cluster:
            server: http://127.0.0.1:%d
        contexts:
        - name: unreachable
          context:
            cluster: unreachable
            namespace: default
        current-context: unreachable
        """
            .formatted(nothingListens));
    Files.setPosixFilePermissions(kubeconfig, PosixFilePermissions.fromString("rw-r--r--"));
    String name = "camrec-smoke-operator-unreachable" + suffix;
    try {
      runOperator(name, image, kubeconfig, freePort());
      check(
          "operator container without a reachable Kubernetes API exits non-zero within 120 s and"
              + " names the API server",
          () -> {
            Instant deadline = Instant.now().plusSeconds(120);
            while (Podman.inspect(name, "{{.State.Running}}").equals("true")) {
              require(Instant.now().isBefore(deadline), "still running; log:\n" + logOf(name));
              Thread.sleep(1000);
            }
            String exit = Podman.inspect(name, "{{.State.ExitCode}}");
            String log = logOf(name);
            require(!exit.equals("0"), "exit code 0");
            require(
                log.contains("127.0.0.1:" + nothingListens),
                "the log does not name the API server:\n" + log);
            System.out.printf(
                "       (exit code %s; %s)%n", exit, messages(firstLineWith(log, "ERROR")));
          });
    } finally {
      Podman.remove(name);
    }
  }

  private static void runOperator(String name, String image, Path kubeconfig, int port) {
    Podman.startLikeAPod(
        name,
        Map.of(),
        "--volume",
        kubeconfig + ":/etc/camrec/kubeconfig:ro",
        "--env",
        "KUBECONFIG=/etc/camrec/kubeconfig",
        "--env",
        "QUARKUS_HTTP_HOST=127.0.0.1",
        "--env",
        "QUARKUS_HTTP_PORT=" + port,
        // Refuses at once: readiness must not depend on the storage answering.
        "--env",
        "CAMREC_STORAGE_ENDPOINT=http://127.0.0.1:1",
        image);
  }

  /** Segment keys stored in the bucket, in time order, read from s3proxy's data folder. */
  private static List<SegmentKey> stored(Path bucket) throws IOException {
    Path recordings = bucket.resolve(SegmentKey.cameraPrefix(NAMESPACE, CAMERA));
    if (!Files.isDirectory(recordings)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(recordings)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> bucket.relativize(p).toString())
          .filter(key -> !EmbeddedS3.isUnfinishedPut(key))
          .map(SegmentKey::parse)
          .flatMap(Optional::stream)
          .sorted(Comparator.comparing(SegmentKey::start))
          .toList();
    }
  }

  private static int uid(long pid) throws IOException {
    return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
        .filter(l -> l.startsWith("Uid:"))
        .map(l -> Integer.parseInt(l.split("\\s+")[1]))
        .findFirst()
        .orElse(-1);
  }

  private static int http(URI uri) {
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      return client
          .send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static String logOf(String container) {
    try {
      return Podman.run("logs", container);
    } catch (RuntimeException e) {
      return "(no logs: " + e.getMessage() + ")";
    }
  }

  private static String firstLineWith(String text, String word) {
    return text.lines().filter(l -> l.contains(word)).findFirst().orElse("no " + word + " line");
  }

  /** The "message" values of a JSON log line, outermost first: the error and its causes. */
  private static String messages(String jsonLine) {
    return java.util.regex.Pattern.compile("\"message\":\"([^\"]*)\"")
        .matcher(jsonLine)
        .results()
        .map(m -> m.group(1))
        .distinct()
        .collect(java.util.stream.Collectors.joining(" <- "));
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
