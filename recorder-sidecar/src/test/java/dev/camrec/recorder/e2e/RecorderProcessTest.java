package dev.camrec.recorder.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.camrec.contract.env.CommonEnv;
import dev.camrec.contract.env.RecordEnv;
import dev.camrec.contract.env.StoreEnv;
import dev.camrec.contract.layout.SegmentKey;
import dev.camrec.contract.termination.TerminationMessage;
import dev.camrec.recorder.FfmpegExecutables;
import dev.camrec.recorder.RecorderJvm;
import dev.camrec.testbed.camera.SimulatedCamera;
import dev.camrec.testbed.camera.SimulatedCamera.Kind;
import dev.camrec.testbed.s3.EmbeddedS3;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recorder as a pod runs it: {@code java ... dev.camrec.recorder.Main record} in its own
 * process, configured by environment only, stopped by signals.
 */
class RecorderProcessTest {

  static final String BUCKET = "recordings";
  static final Path FFMPEG = FfmpegExecutables.ffmpeg(System.getenv());
  static final Path FFPROBE = FfmpegExecutables.ffprobe(System.getenv());
  static final String USER = "viewer";
  static final String PASSWORD = "Tr0ub4dor&3-horse";
  static final String NEW_PASSWORD = "c0rrect-b4ttery&staple";

  @TempDir Path tmp;
  EmbeddedS3 s3;
  Stored stored;
  SimulatedCamera camera;
  final List<Process> processes = new ArrayList<>();

  @BeforeEach
  void start() {
    s3 = EmbeddedS3.start(tmp.resolve("s3"));
    s3.createBucket(BUCKET);
    stored = new Stored(s3.endpoint(), s3.accessKey(), s3.secretKey(), BUCKET, FFPROBE);
  }

  @AfterEach
  void stop() throws Exception {
    for (Process p : processes) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    if (camera != null) {
      camera.close();
    }
    stored.close();
    s3.close();
  }

  @Test
  void sigkillMidSegmentThenRestartOnTheSameSpoolUploadsThePartialSegment() throws Exception {
    camera =
        SimulatedCamera.builder(FFMPEG, Kind.RTSP_H264_AAC).resolution(320, 240).fps(15).start();
    Path spool = tmp.resolve("spool");
    int port = freePort();
    Process first = recorder(spool, port, 6, null, tmp.resolve("first.log"));
    awaitSegmentsStored(port, 1);
    // Mid-segment: the next segment has at least one complete fragment on disk.
    await().atMost(Duration.ofSeconds(10)).until(() -> incomingBytes(spool) > 20_000);

    List<ProcessHandle> ffmpeg = first.descendants().toList();
    first.destroyForcibly(); // SIGKILL: no shutdown hook runs
    ffmpeg.forEach(ProcessHandle::destroyForcibly);
    assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
    List<SegmentKey> beforeRestart = stored.segments("ns", "cam");

    int port2 = freePort();
    recorder(spool, port2, 6, null, tmp.resolve("second.log"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> stored.segments("ns", "cam").size() > beforeRestart.size());

    SegmentKey lastBefore = beforeRestart.get(beforeRestart.size() - 1);
    SegmentKey partial = stored.segments("ns", "cam").get(beforeRestart.size());
    // Named from its start marker: it begins exactly where the last finished segment ended.
    assertThat(Duration.between(lastBefore.end(), partial.start()).abs())
        .isLessThanOrEqualTo(Duration.ofMillis(100));
    assertThat(partial.duration()).isLessThan(Duration.ofSeconds(6)).isPositive();
    stored.assertDecodes(partial, tmp);
  }

  /**
   * Outside a container FFmpeg outlives a killed recorder JVM and goes on writing into the spool;
   * the next recorder on that spool ends it (its segment is finished and stored) before its own
   * FFmpeg starts, and states the restart's gap.
   */
  @Test
  void ffmpegLeftRunningByAKilledRecorderIsEndedByTheNextStart() throws Exception {
    camera =
        SimulatedCamera.builder(FFMPEG, Kind.RTSP_H264_AAC).resolution(320, 240).fps(15).start();
    Path spool = tmp.resolve("spool");
    int port = freePort();
    Process first = recorder(spool, port, 4, null, tmp.resolve("first.log"));
    awaitSegmentsStored(port, 1);
    List<ProcessHandle> leftover = ffmpegWritingInto(first, spool);
    assertThat(leftover).hasSize(1);
    first.destroyForcibly(); // SIGKILL the JVM only, as a shell or systemd outside a pod might
    assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(leftover.get(0).isAlive()).as("FFmpeg outlived its recorder").isTrue();

    Path secondLog = tmp.resolve("second.log");
    Process second = recorder(spool, freePort(), 4, null, secondLog);
    await().atMost(Duration.ofSeconds(20)).until(() -> !leftover.get(0).isAlive());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Files.readString(secondLog).contains("the recorder restarted"));
    assertThat(ffmpegWritingInto(second, spool)).hasSize(1);
    assertThat(Files.readString(secondLog)).contains("is still writing into the spool; ending it");
    Stored.assertContiguous(stored.segments("ns", "cam").subList(0, 2));
  }

  @Test
  void sigtermStoresTheOpenSegmentInTime_andThePasswordIsInNoLogAndNoMetric() throws Exception {
    int port = freePort();
    Path log = tmp.resolve("recorder.log");
    Process recorder = recordingPastTwoSegments(port, 4, log);
    String metrics = Scrape.metrics(port);
    // Nor in FFmpeg's environment, which holds nothing of the recorder's configuration.
    List<ProcessHandle> ffmpeg = ffmpegWritingInto(recorder, tmp.resolve("spool"));
    assertThat(ffmpeg).hasSize(1);
    String environment =
        Files.readString(Path.of("/proc", Long.toString(ffmpeg.get(0).pid()), "environ"));
    assertNoneAppears(environment, PASSWORD, s3.secretKey());
    assertThat(environment).doesNotContain("CAMREC_");

    Instant sigterm = Instant.now();
    recorder.toHandle().destroy(); // SIGTERM, as the kubelet sends it
    assertThat(recorder.waitFor(30, TimeUnit.SECONDS))
        .as("exited within the grace period")
        .isTrue();

    List<SegmentKey> keys = stored.segments("ns", "cam");
    SegmentKey last = keys.get(keys.size() - 1);
    // The segment open at SIGTERM was finished then, not lost: it ends about when the signal came.
    assertThat(Duration.between(sigterm, last.end()).abs()).isLessThan(Duration.ofSeconds(2));
    stored.assertDecodes(last, tmp);
    Stored.assertContiguous(keys);

    String logText = Files.readString(log);
    assertThat(logText).contains("segment finished");
    assertNoneAppears(logText, PASSWORD);
    assertThat(metrics)
        .contains("camrec_segments_stored_total")
        .doesNotContain(PASSWORD)
        .doesNotContain(USER);
  }

  @Test
  void g711AudioCopiedExitsWithAudioCodecNotStorableAndSaysSoInTheTerminationLog()
      throws Exception {
    Path log = tmp.resolve("recorder.log");
    TerminationMessage message = recordUntilGivingUp(Kind.RTSP_H264_G711, PASSWORD, log, 10);
    assertThat(message.reason()).isEqualTo(TerminationMessage.AUDIO_CODEC_NOT_STORABLE);
    assertThat(message.message()).contains("pcm_alaw", "aac", "none");
    assertNoneAppears(Files.readString(log), PASSWORD);
  }

  /**
   * The camera's owner changes its password while the recorder runs: the recorder's password is now
   * wrong. Everything recorded until then is stored before the recorder gives up.
   */
  @Test
  void passwordChangedOnTheCameraStoresWhatWasRecordedThenExitsWithCameraUnauthorized()
      throws Exception {
    int port = freePort();
    Path log = tmp.resolve("recorder.log");
    Process recorder = recordingPastTwoSegments(port, 2, log);

    camera.changePassword(NEW_PASSWORD);
    camera.drop(Duration.ofMillis(500)); // makes the recorder connect again, with its old password

    TerminationMessage message = awaitGivingUp(recorder, log, 11);
    assertThat(message.reason()).isEqualTo(TerminationMessage.CAMERA_UNAUTHORIZED);
    String logText = Files.readString(log);
    assertThat(logText.lines().filter(l -> l.contains("method DESCRIBE failed: 401"))).hasSize(3);
    List<String> recorded =
        logText
            .lines()
            .filter(
                l -> l.contains("segment finished: ") || l.contains("recovered unfinished segment"))
            .map(l -> l.substring(l.lastIndexOf(' ') + 1))
            .toList();
    assertThat(stored.segments("ns", "cam"))
        .extracting(SegmentKey::objectKey)
        .hasSizeGreaterThanOrEqualTo(2)
        .containsExactlyInAnyOrderElementsOf(recorded);
    assertNoneAppears(logText, PASSWORD, NEW_PASSWORD);
    assertNoneAppears(message.toJson(), PASSWORD, NEW_PASSWORD);
  }

  /**
   * SIGTERM while the store is down: the recorder keeps trying for the drain budget the operator
   * gave it, stores everything once the store is back within it, and exits when it runs out rather
   * than after a fixed time of its own. What it could not store stays in the spool.
   */
  @Test
  void sigtermWithTheStoreDownDrainsForTheBudgetItWasGiven() throws Exception {
    camera =
        SimulatedCamera.builder(FFMPEG, Kind.RTSP_H264_AAC).resolution(320, 240).fps(15).start();
    Path spool = tmp.resolve("spool");

    // The store comes back within the budget: every recorded segment is stored before the exit.
    int port = freePort();
    Process recorder = recorder(spool, port, 2, null, tmp.resolve("first.log"), "15");
    awaitSegmentsStored(port, 2);
    s3.stop();
    double failedBefore = Scrape.value(port, "camrec_upload_failures_total");
    Instant sigterm = Instant.now();
    recorder.toHandle().destroy();
    // Back once the draining recorder has been refused a few times.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Scrape.value(port, "camrec_upload_failures_total") >= failedBefore + 3);
    s3.restart();
    assertThat(recorder.waitFor(15, TimeUnit.SECONDS)).as("exited within its budget").isTrue();
    assertThat(Duration.between(sigterm, Instant.now())).isLessThan(Duration.ofSeconds(15));
    assertThat(spooledSegments(spool)).as("nothing left behind").isZero();
    Stored.assertContiguous(stored.segments("ns", "cam"));

    // The store stays down: the recorder gives up when its 6 s are spent, not later.
    int port2 = freePort();
    Process second = recorder(spool, port2, 2, null, tmp.resolve("second.log"), "6");
    awaitSegmentsStored(port2, 1);
    s3.stop();
    Instant secondSigterm = Instant.now();
    second.toHandle().destroy();
    assertThat(second.waitFor(20, TimeUnit.SECONDS)).isTrue();
    Duration took = Duration.between(secondSigterm, Instant.now());
    assertThat(took).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
    assertThat(spooledSegments(spool)).as("kept for the next start").isPositive();
  }

  /** A typo in the Secret, on an MJPEG camera: HTTP's 401, not RTSP's, and no run ever let in. */
  @Test
  void wrongPasswordFromTheStartOnAnMjpegCameraExitsWithCameraUnauthorized() throws Exception {
    Path log = tmp.resolve("recorder.log");
    TerminationMessage message = recordUntilGivingUp(Kind.HTTP_MJPEG, NEW_PASSWORD, log, 11);
    assertThat(message.reason()).isEqualTo(TerminationMessage.CAMERA_UNAUTHORIZED);
    String logText = Files.readString(log);
    assertThat(logText.lines().filter(l -> l.contains("HTTP error 401"))).hasSize(3);
    assertNoneAppears(logText, PASSWORD, NEW_PASSWORD);
    assertNoneAppears(message.toJson(), PASSWORD, NEW_PASSWORD);
  }

  private void startCameraWithCredentials(Kind kind) {
    camera =
        SimulatedCamera.builder(FFMPEG, kind)
            .resolution(320, 240)
            .fps(15)
            .credentials(USER, PASSWORD)
            .start();
  }

  /**
   * Records a camera that requires credentials, with the right ones, until two segments are stored.
   */
  private Process recordingPastTwoSegments(int port, int segmentSeconds, Path log)
      throws IOException {
    startCameraWithCredentials(Kind.RTSP_H264_AAC);
    Process recorder = recorder(tmp.resolve("spool"), port, segmentSeconds, PASSWORD, log);
    awaitSegmentsStored(port, 2);
    return recorder;
  }

  private static void awaitSegmentsStored(int port, int segments) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Scrape.value(port, "camrec_segments_stored_total") >= segments);
  }

  @Test
  void credentialsInTheSourceUrlExitAtOnceWithInvalidSourceAndThePasswordNowhere()
      throws Exception {
    Path log = tmp.resolve("recorder.log");
    Process recorder =
        unconfiguredRecorder(
            log, Map.of(RecordEnv.SOURCE_URL, "rtsp://admin:" + PASSWORD + "@cam/"));

    TerminationMessage message = awaitGivingUp(recorder, log, 12);

    assertThat(message.reason()).isEqualTo(TerminationMessage.INVALID_SOURCE);
    assertThat(message.message()).contains(RecordEnv.SOURCE_USERNAME);
    assertNoneAppears(Files.readString(log) + message.message(), PASSWORD);
  }

  @Test
  void aMissingSettingExitsWithRecorderMisconfiguredNamingIt() throws Exception {
    Path log = tmp.resolve("recorder.log");
    Process recorder =
        unconfiguredRecorder(log, Map.of(RecordEnv.SOURCE_URL, "rtsp://127.0.0.1:1/cam"));

    TerminationMessage message = awaitGivingUp(recorder, log, 13);

    assertThat(message.reason()).isEqualTo(TerminationMessage.RECORDER_MISCONFIGURED);
    assertThat(message.message()).contains(StoreEnv.S3_ENDPOINT);
  }

  /** A recorder with only the given settings (and a termination log). */
  private Process unconfiguredRecorder(Path log, Map<String, String> settings) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(RecorderJvm.command("record"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().putAll(settings);
    pb.environment().put(CommonEnv.TERMINATION_LOG, tmp.resolve("termination-log").toString());
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  /**
   * Records a camera that requires credentials, with the password given, until the recorder gives
   * up.
   */
  private TerminationMessage recordUntilGivingUp(Kind kind, String password, Path log, int exitCode)
      throws Exception {
    startCameraWithCredentials(kind);
    Process recorder = recorder(tmp.resolve("spool"), freePort(), 2, password, log);
    return awaitGivingUp(recorder, log, exitCode);
  }

  /**
   * Waits for the recorder to exit on its own with the code; returns what it left in its
   * termination log.
   */
  private TerminationMessage awaitGivingUp(Process recorder, Path log, int exitCode)
      throws Exception {
    assertThat(recorder.waitFor(30, TimeUnit.SECONDS))
        .as("gave up instead of relaunching")
        .isTrue();
    assertThat(recorder.exitValue()).as(Files.readString(log)).isEqualTo(exitCode);
    String written = Files.readString(tmp.resolve("termination-log"));
    assertThat(written.lines()).as("one JSON line").hasSize(1);
    return TerminationMessage.parse(written).orElseThrow();
  }

  private static void assertNoneAppears(String text, String... secrets) {
    for (String secret : secrets) {
      assertThat(text)
          .doesNotContain(secret)
          .doesNotContain(URLEncoder.encode(secret, StandardCharsets.UTF_8));
    }
  }

  private Process recorder(Path spool, int port, int segmentSeconds, String password, Path log)
      throws IOException {
    return recorder(spool, port, segmentSeconds, password, log, null);
  }

  private Process recorder(
      Path spool, int port, int segmentSeconds, String password, Path log, String drainSeconds)
      throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(RecorderJvm.command("record", "--http-address", "127.0.0.1"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.put(RecordEnv.SOURCE_URL, camera.url().toString());
    if (password != null) {
      env.put(RecordEnv.SOURCE_USERNAME, USER);
      env.put(RecordEnv.SOURCE_PASSWORD, password);
    }
    env.put(RecordEnv.SEGMENT_SECONDS, Integer.toString(segmentSeconds));
    env.put(RecordEnv.INPUT_TIMEOUT_SECONDS, "5");
    env.put(StoreEnv.S3_ENDPOINT, s3.endpoint().toString());
    env.put(StoreEnv.S3_BUCKET, BUCKET);
    env.put(StoreEnv.S3_ACCESS_KEY, s3.accessKey());
    env.put(StoreEnv.S3_SECRET_KEY, s3.secretKey());
    env.put(CommonEnv.NAMESPACE, "ns");
    env.put(CommonEnv.CAMERA, "cam");
    env.put(RecordEnv.SPOOL_DIR, spool.toString());
    env.put(RecordEnv.HTTP_PORT, Integer.toString(port));
    env.put(CommonEnv.FFMPEG, FFMPEG.toString());
    env.put(CommonEnv.TERMINATION_LOG, tmp.resolve("termination-log").toString());
    if (drainSeconds != null) {
      env.put(RecordEnv.DRAIN_SECONDS, drainSeconds);
    }
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  /** The recorder's FFmpeg: the camera's source FFmpeg is no child of the recorder. */
  private static List<ProcessHandle> ffmpegWritingInto(Process recorder, Path spool) {
    String incoming = spool.resolve("incoming").toAbsolutePath().toString();
    return recorder
        .descendants()
        .filter(
            p ->
                java.util.Arrays.stream(p.info().arguments().orElse(new String[0]))
                    .anyMatch(a -> a.startsWith(incoming)))
        .toList();
  }

  /** Finished segments in the spool that are not stored yet. */
  private static long spooledSegments(Path spool) throws IOException {
    try (Stream<Path> files = Files.list(spool.resolve("ready"))) {
      return files.filter(f -> f.toString().endsWith(".mp4")).count();
    }
  }

  private static long incomingBytes(Path spool) throws IOException {
    Path incoming = spool.resolve("incoming");
    if (!Files.isDirectory(incoming)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(incoming)) {
      return files
          .filter(f -> f.toString().endsWith(".mp4"))
          .mapToLong(f -> f.toFile().length())
          .sum();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
