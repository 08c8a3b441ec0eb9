package dev.camrec.sandbox.scale;

import dev.camrec.sandbox.Sandbox;
import dev.camrec.sandbox.kube.SandboxApiServer;
import dev.camrec.testbed.s3.EmbeddedS3;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * bench/operator-scale.sh: N Cameras against the operator as shipped, in its own process, with this
 * process standing for the cluster (the sandbox's API server, an embedded S3, a fake Deployment
 * controller, and recorders that store a segment per camera each segment length). Prints {@code
 * SCALE} lines: time from the first create until every Camera is Ready and Recording, the
 * operator's CPU, memory, reconciles and S3 and API requests while converging and over a steady
 * period, and how far LAST SEGMENT lags behind the store.
 *
 * <p>Arguments: cameras, steady minutes, the operator's quarkus-run.jar, the chart's JVM options,
 * the repository root (for crds/), a work folder.
 */
public final class OperatorScaleBench {

  static final String NAMESPACE = "scale";
  static final String BUCKET = Sandbox.BUCKET;
  static final Duration SEGMENT = Duration.ofSeconds(60);

  /** Parallel creates: "as fast as the API takes them". */
  private static final int CREATORS = 8;

  public static void main(String[] args) throws Exception {
    int cameras = Integer.parseInt(args[0]);
    Duration steady = Duration.ofMinutes(Long.parseLong(args[1]));
    Path jar = Path.of(args[2]);
    String jvmOptions = args[3];
    Path root = Path.of(args[4]);
    Path work = Path.of(args[5]);
    Files.createDirectories(work);
    try (SandboxApiServer api =
            SandboxApiServer.start(
                SandboxApiServer.crdFilesIn(root.resolve("crds")),
                work.resolve("kubeconfig"),
                true);
        EmbeddedS3 s3 = EmbeddedS3.start(work.resolve("s3"));
        ReadyRecorders recorders = new ReadyRecorders(api.client());
        SegmentFeeder segments = new SegmentFeeder(s3, BUCKET, NAMESPACE, SEGMENT);
        CameraTally tally = new CameraTally(api.client(), NAMESPACE, segments)) {
      s3.createBucket(BUCKET);
      Sandbox.applyStorageSecret(api.client(), s3, NAMESPACE);
      try (OperatorUnderTest operator =
          OperatorUnderTest.start(
              jar,
              jvmOptions,
              api.kubeconfig(),
              Map.of(
                  "CAMREC_STORAGE_ENDPOINT",
                  s3.endpoint().toString(),
                  "CAMREC_STORAGE_BUCKET",
                  BUCKET,
                  "CAMREC_STORAGE_CREDENTIALS_SECRET",
                  Sandbox.STORAGE_SECRET),
              work.resolve("operator.log"))) {
        measure(operator, api, s3, segments, tally, cameras, steady, jvmOptions);
      }
    }
  }

  private static void measure(
      OperatorUnderTest operator,
      SandboxApiServer api,
      EmbeddedS3 s3,
      SegmentFeeder segments,
      CameraTally tally,
      int cameras,
      Duration steady,
      String jvmOptions)
      throws Exception {
    operator.awaitReady(Duration.ofMinutes(3));
    print("operator started: rss=%dMiB", operator.rssMiB());

    // The cameras' past recording is in the store before the first Camera is created, so that
    // writing it slows no create.
    Instant storing = Instant.now();
    for (int i = 0; i < cameras; i++) {
      segments.add(nameOf(i), i, cameras, Instant.now());
    }
    print(
        "stored history cameras=%d segmentsEach=%d seconds=%.1f",
        cameras,
        SegmentFeeder.HISTORY,
        Duration.between(storing, Instant.now()).toMillis() / 1000.0);
    Reading start = read(operator, s3, api);
    createCameras(api.client(), cameras);
    Instant created = Instant.now();
    print(
        "created cameras=%d seconds=%.1f",
        cameras, Duration.between(start.at(), created).toMillis() / 1000.0);
    Instant converged = awaitConverged(tally, operator, cameras, start.at());
    Reading atConverged = read(operator, s3, api);
    print(
        "converged cameras=%d readyAndRecordingAfterFirstCreate=%.1fs afterLastCreate=%.1fs %s",
        cameras,
        Duration.between(start.at(), converged).toMillis() / 1000.0,
        Duration.between(created, converged).toMillis() / 1000.0,
        atConverged.since(start, cameras));

    // Steady: past the first polls of the last Cameras created, then a clean window.
    Thread.sleep(SEGMENT.toMillis());
    Reading steadyStart = read(operator, s3, api);
    tally.measureLag();
    Thread.sleep(steady.toMillis());
    Reading steadyEnd = read(operator, s3, api);
    List<Duration> lags = tally.lags();
    print(
        "steady cameras=%d ready=%d recording=%d %s lastSegmentLag: n=%d median=%.1fs p99=%.1fs"
            + " max=%.1fs (segment %ds)",
        cameras,
        tally.ready(),
        tally.recording(),
        steadyEnd.since(steadyStart, cameras),
        lags.size(),
        seconds(quantile(lags, 0.5)),
        seconds(quantile(lags, 0.99)),
        seconds(quantile(lags, 1.0)),
        SEGMENT.toSeconds());
    long heap = operator.heapAfterFullGcMiB();
    print(
        "memory cameras=%d peakRss=%dMiB rssNow=%dMiB heapAfterFullGc=%dMiB jvmOptions=\"%s\"",
        cameras, operator.peakRssMiB(), operator.rssMiB(), heap, jvmOptions);
  }

  private static String nameOf(int index) {
    return String.format("cam-%05d", index);
  }

  private static void createCameras(KubernetesClient client, int count)
      throws InterruptedException {
    ExecutorService creators = Executors.newFixedThreadPool(CREATORS);
    for (int i = 0; i < count; i++) {
      int index = i;
      creators.execute(
          () -> {
            String name = nameOf(index);
            client
                .genericKubernetesResources("camrec.dev/v1alpha1", "Camera")
                .inNamespace(NAMESPACE)
                .resource(camera(name, index))
                .create();
          });
    }
    creators.shutdown();
    if (!creators.awaitTermination(1, TimeUnit.HOURS)) {
      throw new IllegalStateException("creating " + count + " Cameras took over an hour");
    }
  }

  private static GenericKubernetesResource camera(String name, int index) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("camrec.dev/v1alpha1")
        .withKind("Camera")
        .withNewMetadata()
        .withName(name)
        .withNamespace(NAMESPACE)
        .endMetadata()
        .addToAdditionalProperties(
            "spec",
            Map.of(
                "source",
                Map.of(
                    "url", "rtsp://10.20." + (index / 250) + "." + (index % 250 + 1) + "/stream"),
                "recording",
                Map.of("segmentSeconds", SEGMENT.toSeconds())))
        .build();
  }

  private static Instant awaitConverged(
      CameraTally tally, OperatorUnderTest operator, int cameras, Instant since)
      throws InterruptedException {
    Instant lastPrint = Instant.now();
    while (tally.ready() < cameras || tally.recording() < cameras) {
      if (!operator.isAlive()) {
        throw new IllegalStateException("the operator died while converging");
      }
      Thread.sleep(100);
      if (Duration.between(lastPrint, Instant.now()).toSeconds() >= 30) {
        lastPrint = Instant.now();
        print(
            "converging t=%ds ready=%d recording=%d rss=%dMiB",
            Duration.between(since, lastPrint).toSeconds(),
            tally.ready(),
            tally.recording(),
            operator.rssMiB());
      }
    }
    return Instant.now();
  }

  private static Reading read(OperatorUnderTest operator, EmbeddedS3 s3, SandboxApiServer api)
      throws Exception {
    long operatorRequests =
        api.requestsServed().entrySet().stream()
            .filter(e -> !e.getKey().equals(SandboxApiServer.USER_AGENT))
            .mapToLong(Map.Entry::getValue)
            .sum();
    return new Reading(
        Instant.now(),
        operator.cpuSeconds(),
        operator.reconciles(),
        s3.requestsServed(),
        operatorRequests);
  }

  private static Duration quantile(List<Duration> sorted, double q) {
    if (sorted.isEmpty()) {
      return Duration.ZERO;
    }
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  private static void print(String format, Object... args) {
    System.out.println("SCALE " + String.format(format, args));
  }

  private OperatorScaleBench() {}
}
