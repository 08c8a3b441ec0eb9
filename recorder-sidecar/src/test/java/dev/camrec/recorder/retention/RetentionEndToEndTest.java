package dev.camrec.recorder.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.camrec.contract.env.CommonEnv;
import dev.camrec.contract.env.RetentionEnv;
import dev.camrec.contract.env.StoreEnv;
import dev.camrec.contract.layout.SegmentKey;
import dev.camrec.contract.store.StoreConnection;
import dev.camrec.contract.store.StoreSettings;
import dev.camrec.contract.store.StoreTimeouts;
import dev.camrec.contract.termination.RetentionResult;
import dev.camrec.contract.termination.RetentionResult.CameraProblem;
import dev.camrec.recorder.RecorderJvm;
import dev.camrec.testbed.s3.EmbeddedS3;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention runs against a real S3 server (s3proxy) holding three weeks of 20-minute segments of
 * several cameras, clips and another namespace: after a run exactly the expected keys are gone.
 */
class RetentionEndToEndTest {

  private static final Duration SEGMENT = Duration.ofMinutes(20);
  private static final int PER_DAY = 72;
  private static final int THREE_WEEKS = 21 * PER_DAY;
  private static final long SIZE = 1_000;
  private static final Duration MAX_AGE = Duration.ofDays(7);

  /** Three days of segments: the size limit takes four more days than the age limit. */
  private static final long MAX_BYTES = 3 * PER_DAY * SIZE;

  private static final int KEPT = 3 * PER_DAY;

  private static final Retries QUICK = new Retries(3, Duration.ofMillis(10));

  @TempDir static Path s3Data;
  @TempDir Path tmp;

  private static EmbeddedS3 s3;
  private static final AtomicInteger BUCKETS = new AtomicInteger();
  private final List<Process> processes = new ArrayList<>();
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final Map<String, List<SegmentKey>> cameras = new HashMap<>();

  @BeforeAll
  static void start() {
    s3 = EmbeddedS3.start(s3Data);
  }

  @AfterAll
  static void stop() throws Exception {
    if (s3 != null) s3.close();
  }

  @AfterEach
  void killLeftovers() {
    processes.forEach(Process::destroyForcibly);
  }

  /**
   * A bucket with hq/door, hq/door-2, hq/yard, hq/gate, lab/door (three weeks each), clips of hq,
   * and an object under hq/door that is not a segment.
   */
  private String bucketWithRecordings() throws IOException {
    String bucket = "rec-" + BUCKETS.incrementAndGet();
    s3.createBucket(bucket);
    for (String id : List.of("hq/door", "hq/door-2", "hq/yard", "hq/gate", "lab/door")) {
      String[] nsCamera = id.split("/");
      List<SegmentKey> segments =
          Recordings.segments(nsCamera[0], nsCamera[1], now, SEGMENT, THREE_WEEKS);
      cameras.put(id, segments);
      s3.putZeroFilledObjectsDirectly(bucket, Recordings.objectKeys(segments), SIZE);
    }
    s3.putZeroFilledObjectsDirectly(
        bucket,
        List.of(
            "clips/hq/door-delivery-1234.mp4",
            "clips/hq/door-old-5678.mp4",
            "recordings/hq/door/README.txt"),
        SIZE);
    return bucket;
  }

  /**
   * The bucket's keys, read from s3proxy's files: what a listing returns, without a listing's cost
   * (s3proxy reads every key of the bucket for each page it answers).
   */
  private static Set<String> keysIn(String bucket) throws IOException {
    Path root = s3Data.resolve(bucket);
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .map(f -> root.relativize(f).toString().replace('\\', '/'))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  /** What the bucket holds after pruning these cameras (hq) with both limits. */
  private Set<String> expectedAfterPruning(String bucket, Set<String> before, String... pruned) {
    Set<String> expected = new TreeSet<>(before);
    for (String camera : pruned) {
      List<SegmentKey> segments = cameras.get("hq/" + camera);
      expected.removeAll(Recordings.objectKeys(segments));
      expected.addAll(Recordings.kept(segments, SIZE, now, MAX_AGE, MAX_BYTES));
    }
    return expected;
  }

  private StoreSettings store(String bucket) {
    return new StoreSettings(
        s3.endpoint().toString(), "us-east-1", bucket, s3.accessKey(), s3.secretKey());
  }

  /** A run over hq's cameras with both limits. */
  private static RetentionConfig hq(boolean dryRun, RetentionTarget... targets) {
    return new RetentionConfig(
        "hq",
        new RetentionLimits(Optional.of(MAX_AGE), Optional.of(MAX_BYTES)),
        dryRun,
        List.of(targets));
  }

  private RetentionTarget target(String bucket, String... cameras) {
    return new RetentionTarget(bucket, Optional.of(store(bucket)), List.of(cameras));
  }

  private static Function<StoreSettings, StoreConnection> plainConnections() {
    return s -> StoreConnection.open(s, StoreTimeouts.TRANSFER);
  }

  @Test
  void prunesExactlyTheExpiredSegmentsOfTheSelectedCamerasAndNothingElse() throws Exception {
    String bucket = bucketWithRecordings();
    // yard records into a bucket of its own: a second storage target of the same run.
    String own = "own-" + BUCKETS.incrementAndGet();
    s3.createBucket(own);
    s3.putZeroFilledObjectsDirectly(own, Recordings.objectKeys(cameras.get("hq/yard")), SIZE);
    Set<String> before = keysIn(bucket);
    Set<String> ownBefore = keysIn(own);

    RetentionConfig config = hq(false, target(bucket, "door"), target(own, "yard"));
    RetentionResult result = new RetentionRun(config, QUICK, plainConnections()).run(now);

    assertThat(keysIn(bucket)).isEqualTo(expectedAfterPruning(bucket, before, "door"));
    assertThat(keysIn(own))
        .isEqualTo(
            Recordings.kept(cameras.get("hq/yard"), SIZE, now, MAX_AGE, MAX_BYTES).stream()
                .collect(Collectors.toCollection(TreeSet::new)));
    long deletedPerCamera = THREE_WEEKS - KEPT;
    assertThat(result.problems()).isEmpty();
    assertThat(result.cameras()).isEqualTo(2);
    assertThat(result.deletedObjects()).isEqualTo(2 * deletedPerCamera);
    assertThat(result.freedBytes()).isEqualTo(2 * deletedPerCamera * SIZE);
    assertThat(result.failedObjects()).isZero();
    assertThat(Instant.parse(result.oldestKept()))
        .isEqualTo(cameras.get("hq/door").get((int) deletedPerCamera).start());
    assertThat(ownBefore).hasSize(THREE_WEEKS);

    // A second run finds nothing more to do.
    RetentionResult again = new RetentionRun(config, QUICK, plainConnections()).run(now);
    assertThat(again.deletedObjects()).isZero();
    assertThat(again.oldestKept()).isEqualTo(result.oldestKept());
  }

  @Test
  void aDryRunDeletesNothingAndReportsWhatItWould() throws Exception {
    String bucket = bucketWithRecordings();
    Set<String> before = keysIn(bucket);
    RetentionConfig config = hq(true, target(bucket, "door", "yard"));

    RetentionResult result = new RetentionRun(config, QUICK, plainConnections()).run(now);

    assertThat(keysIn(bucket)).isEqualTo(before);
    long wouldDelete = before.size() - expectedAfterPruning(bucket, before, "door", "yard").size();
    assertThat(result.dryRun()).isTrue();
    assertThat(result.deletedObjects()).isEqualTo(wouldDelete).isEqualTo(2L * (THREE_WEEKS - KEPT));
    assertThat(result.freedBytes()).isEqualTo(wouldDelete * SIZE);
  }

  @Test
  void aStoreThatFailsPartWayDeletesWhatItCanReportsTheRestAndTheNextRunFinishes()
      throws Exception {
    String bucket = bucketWithRecordings();
    Set<String> before = keysIn(bucket);
    // The first delete call meets a store shedding load (SlowDown); every delete of yard's keys is
    // refused key by key (AccessDenied), as a bucket policy on one prefix would.
    AtomicInteger deleteCalls = new AtomicInteger();
    Interceptor faults =
        chain -> {
          Request request = chain.request();
          if (!"POST".equals(request.method())
              || !request.url().queryParameterNames().contains("delete")) {
            return chain.proceed(request);
          }
          if (deleteCalls.incrementAndGet() == 1) {
            return answer(
                request,
                503,
                "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message>"
                    + "</Error>");
          }
          Buffer body = new Buffer();
          request.body().writeTo(body);
          String xml = body.readUtf8();
          if (xml.contains("/yard/")) {
            return answer(request, 200, refusedKeys(xml));
          }
          return chain.proceed(request);
        };
    OkHttpClient faulty =
        StoreTimeouts.TRANSFER.httpClient().newBuilder().addInterceptor(faults).build();
    RetentionConfig config = hq(false, target(bucket, "door", "yard", "gate"));

    RetentionResult failing;
    try {
      failing = new RetentionRun(config, QUICK, s -> StoreConnection.sharing(s, faulty)).run(now);
    } finally {
      StoreConnection.release(faulty);
    }

    // door and gate are done (door despite the SlowDown, by retrying); yard is reported.
    Set<String> yard = new TreeSet<>(Recordings.objectKeys(cameras.get("hq/yard")));
    Set<String> afterFailing = keysIn(bucket);
    assertThat(afterFailing).containsAll(yard);
    Set<String> expectedWithoutYard = expectedAfterPruning(bucket, before, "door", "gate");
    assertThat(afterFailing).isEqualTo(expectedWithoutYard);
    assertThat(failing.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.camera()).isEqualTo("yard");
              assertThat(p.reason()).isEqualTo(RetentionResult.DELETE_FAILED);
              assertThat(p.message()).contains("AccessDenied");
            });
    assertThat(failing.failedObjects()).isEqualTo(THREE_WEEKS - KEPT);
    assertThat(failing.deletedObjects()).isEqualTo(2L * (THREE_WEEKS - KEPT));

    RetentionResult next = new RetentionRun(config, QUICK, plainConnections()).run(now);

    assertThat(next.problems()).isEmpty();
    assertThat(next.deletedObjects()).isEqualTo(THREE_WEEKS - KEPT);
    assertThat(keysIn(bucket))
        .isEqualTo(expectedAfterPruning(bucket, before, "door", "gate", "yard"));
  }

  @Test
  void aStoreThatDoesNotAnswerIsReportedOnceAndNotAskedForEveryCamera() {
    StoreSettings nowhere = new StoreSettings("http://127.0.0.1:1", "us-east-1", "rec", "a", "b");
    RetentionConfig config =
        hq(
            false,
            new RetentionTarget("down", Optional.of(nowhere), List.of("door", "yard")),
            new RetentionTarget("no key pair", Optional.empty(), List.of("gate")));

    RetentionResult result = new RetentionRun(config, QUICK, plainConnections()).run(now);

    assertThat(result.problems())
        .extracting(CameraProblem::camera, CameraProblem::reason)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple("door", RetentionResult.STORAGE_UNAVAILABLE),
            org.assertj.core.api.Assertions.tuple("yard", RetentionResult.STORAGE_UNAVAILABLE),
            org.assertj.core.api.Assertions.tuple("gate", RetentionResult.STORAGE_UNAVAILABLE));
    assertThat(result.problems().get(1).message()).startsWith("not tried");
    assertThat(result.problems().get(2).message()).contains("no S3 key pair for no key pair");
    assertThat(result.deletedObjects()).isZero();
  }

  @Test
  void aRunKilledMidwayLeavesNothingInconsistentAndTheNextRunFinishes() throws Exception {
    String bucket = bucketWithRecordings();
    Set<String> before = keysIn(bucket);
    Path log = tmp.resolve("killed.log");

    Process killed = retentionProcess(bucket, log, tmp.resolve("killed-termination-log"));
    // Killed (SIGKILL, as the kubelet does at activeDeadlineSeconds) once the first camera is
    // done and before the last one is.
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(5))
        .until(
            () -> Files.exists(log) && Files.readString(log).contains("camera hq/door: deleted"));
    assertThat(killed.isAlive()).as("the run was still going when killed").isTrue();
    killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    Set<String> afterKill = keysIn(bucket);
    Set<String> expected = expectedAfterPruning(bucket, before, "door", "yard", "gate");
    assertThat(afterKill).as("the kill left work undone").isNotEqualTo(expected);
    assertThat(afterKill).containsAll(expected);

    Path terminationLog = tmp.resolve("termination-log");
    Process next = retentionProcess(bucket, tmp.resolve("next.log"), terminationLog);
    assertThat(next.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(next.exitValue()).isZero();
    assertThat(keysIn(bucket)).isEqualTo(expected);
    RetentionResult result = RetentionResult.parse(Files.readString(terminationLog)).orElseThrow();
    assertThat(result.problems()).isEmpty();
    assertThat(result.deletedObjects()).isEqualTo(afterKill.size() - expected.size());
    assertThat(Files.readString(tmp.resolve("next.log")))
        .doesNotContain(s3.secretKey())
        .doesNotContain(s3.accessKey());
  }

  /** {@code recorder-sidecar retention} in its own JVM, configured as the operator does. */
  private Process retentionProcess(String bucket, Path log, Path terminationLog)
      throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(RecorderJvm.command("retention"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.put(CommonEnv.NAMESPACE, "hq");
    env.put(RetentionEnv.CAMERAS, "door,yard,gate");
    env.put(RetentionEnv.MAX_AGE_SECONDS, Long.toString(MAX_AGE.toSeconds()));
    env.put(RetentionEnv.MAX_BYTES, Long.toString(MAX_BYTES));
    env.put(StoreEnv.S3_ENDPOINT, s3.endpoint().toString());
    env.put(StoreEnv.S3_BUCKET, bucket);
    env.put(StoreEnv.S3_ACCESS_KEY, s3.accessKey());
    env.put(StoreEnv.S3_SECRET_KEY, s3.secretKey());
    env.put(CommonEnv.TERMINATION_LOG, terminationLog.toString());
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  private static Response answer(Request request, int code, String xml) {
    return new Response.Builder()
        .request(request)
        .protocol(Protocol.HTTP_1_1)
        .code(code)
        .message(code == 200 ? "OK" : "Service Unavailable")
        .header("Content-Type", "application/xml")
        .body(ResponseBody.create(xml, MediaType.get("application/xml")))
        .build();
  }

  private static final Pattern KEY = Pattern.compile("<Key>([^<]*)</Key>");

  /** A DeleteObjects answer refusing every key of the request. */
  private static String refusedKeys(String requestXml) {
    StringBuilder out =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<DeleteResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
    Matcher m = KEY.matcher(requestXml);
    while (m.find()) {
      out.append("<Error><Key>")
          .append(m.group(1))
          .append("</Key><Code>AccessDenied</Code><Message>Access Denied</Message></Error>");
    }
    return out.append("</DeleteResult>").toString();
  }
}
