package dev.camrec.recorder.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.camrec.contract.clock.ClockSetting;
import dev.camrec.contract.env.RecordEnv;
import dev.camrec.contract.layout.SegmentFreshness;
import dev.camrec.contract.layout.SegmentKey;
import dev.camrec.contract.report.RecorderReport;
import dev.camrec.contract.report.RecorderReport.LostFootage;
import dev.camrec.contract.store.StoreSettings;
import dev.camrec.recorder.FfmpegExecutables;
import dev.camrec.recorder.record.AudioMode;
import dev.camrec.recorder.record.Recorder;
import dev.camrec.recorder.record.RecordingConfig;
import dev.camrec.testbed.camera.SimulatedCamera;
import dev.camrec.testbed.camera.SimulatedCamera.Kind;
import dev.camrec.testbed.log.CapturedLog;
import dev.camrec.testbed.s3.EmbeddedS3;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real FFmpeg, simulated cameras and a real S3 server; recorders run in this JVM. */
class RecordingEndToEndTest {

  /**
   * Room for three and a half segments of the simulated camera (2 s of constant-rate 1,000 kbit/s
   * video and 64 kbit/s audio: at most about 266 kB, 250 kB seen): three finished segments and the
   * start of the one FFmpeg is writing. A fourth finished segment does not fit.
   */
  static final long SPOOL_FOR_3_5_SEGMENTS = 7 * (1000 + 64) * 1000 * 2 / 8 / 2;

  /** A spool no test fills. */
  static final long AMPLE_SPOOL = 1L << 30;

  static final String BUCKET = "recordings";
  static final Path FFMPEG = FfmpegExecutables.ffmpeg(System.getenv());
  static final Path FFPROBE = FfmpegExecutables.ffprobe(System.getenv());

  @TempDir Path tmp;
  EmbeddedS3 s3;
  Stored stored;
  final List<AutoCloseable> closeLast = new ArrayList<>();

  @BeforeEach
  void startStore() {
    s3 = EmbeddedS3.start(tmp.resolve("s3"));
    s3.createBucket(BUCKET);
    stored = new Stored(s3.endpoint(), s3.accessKey(), s3.secretKey(), BUCKET, FFPROBE);
  }

  @AfterEach
  void stopAll() throws Exception {
    for (int i = closeLast.size() - 1; i >= 0; i--) {
      closeLast.get(i).close();
    }
    stored.close();
    s3.close();
  }

  @Test
  void threeCamerasAtOnceStoreEverySegmentDecodableAndContiguous() throws Exception {
    List<String> names = List.of("h264", "h265", "mjpeg");
    List<Kind> kinds = List.of(Kind.RTSP_H264_AAC, Kind.RTSP_H265, Kind.HTTP_MJPEG);
    List<Recorder> recorders = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      SimulatedCamera camera = camera(kinds.get(i));
      recorders.add(
          record(config(camera, names.get(i), Duration.ofSeconds(2), Duration.ofSeconds(5))));
    }

    Thread.sleep(30_000); // the scenario: 30 s of recording
    for (Recorder r : recorders) {
      assertThat(r.stop(Duration.ofSeconds(20))).as("spool drained").isTrue();
    }

    for (int i = 0; i < 3; i++) {
      List<SegmentKey> keys = stored.segments("ns", names.get(i));
      assertThat(keys).as(names.get(i)).hasSizeGreaterThanOrEqualTo(12);
      assertThat(keys).hasSize((int) recorders.get(i).metrics().segmentsStored());
      Stored.assertContiguous(keys);
      for (SegmentKey key : keys) {
        stored.assertDecodes(key, tmp);
      }
      assertThat(recorders.get(i).metrics().gaps()).as("gaps of " + names.get(i)).isZero();
      assertThat(recorders.get(i).metrics().segmentsLost()).isZero();
    }
    // Apple's players take HEVC in MP4 only as hvc1; FFmpeg's stream copy writes hev1.
    for (SegmentKey key : stored.segments("ns", "h265")) {
      assertThat(stored.videoTag(key, tmp)).as(key.fileName()).isEqualTo("hvc1");
    }
    assertThat(stored.videoTag(stored.segments("ns", "h264").get(0), tmp)).isEqualTo("avc1");
  }

  @Test
  void g711AudioTranscodedToAacIsStoredWithItsAudio() throws Exception {
    SimulatedCamera camera = camera(Kind.RTSP_H264_G711);
    Recorder recorder =
        record(
            config(
                camera,
                "phone",
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                AMPLE_SPOOL,
                AudioMode.AAC));
    await().atMost(Duration.ofSeconds(20)).until(() -> recorder.metrics().segmentsStored() >= 2);
    assertThat(recorder.stop(Duration.ofSeconds(20))).as("spool drained").isTrue();

    for (SegmentKey key : stored.segments("ns", "phone")) {
      assertThat(stored.codecs(key, tmp)).as(key.fileName()).containsExactly("h264", "aac");
    }
  }

  @Test
  void storeDownForTwentySecondsLosesNothingAndTheBacklogDrains() throws Exception {
    SimulatedCamera camera = camera(Kind.RTSP_H264_AAC);
    Recorder recorder =
        record(config(camera, "porch", Duration.ofSeconds(2), Duration.ofSeconds(5)));
    int port = recorder.httpPort();
    await().atMost(Duration.ofSeconds(20)).until(() -> recorder.metrics().segmentsStored() >= 2);

    s3.stop();
    Thread.sleep(20_000); // the outage
    assertThat(Scrape.value(port, "camrec_spool_backlog_segments")).isGreaterThanOrEqualTo(8);
    s3.restart();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Scrape.value(port, "camrec_spool_backlog_segments") == 0);
    assertThat(recorder.stop(Duration.ofSeconds(20))).isTrue();
    List<SegmentKey> keys = stored.segments("ns", "porch");
    assertThat(keys).hasSizeGreaterThanOrEqualTo(12);
    Stored.assertContiguous(keys);
    assertThat(recorder.metrics().segmentsLost()).isZero();
    assertThat(recorder.metrics().gaps()).isZero();
  }

  @Test
  void cameraDropIsAGapAndRecordingResumesWithinThreeSecondsOfItsReturn() throws Exception {
    SimulatedCamera camera = camera(Kind.RTSP_H264_AAC);
    Recorder recorder =
        record(config(camera, "gate", Duration.ofSeconds(2), Duration.ofSeconds(5)));
    await().atMost(Duration.ofSeconds(20)).until(() -> recorder.metrics().segmentsStored() >= 2);

    Instant dropped = Instant.now();
    camera.drop(Duration.ofSeconds(5));
    Instant back = dropped.plusSeconds(5);

    await()
        .atMost(Duration.ofSeconds(25))
        .until(
            () ->
                stored.segments("ns", "gate").stream()
                    .anyMatch(k -> k.start().isAfter(back.minusSeconds(1))));
    SegmentKey firstAfter =
        stored.segments("ns", "gate").stream()
            .filter(k -> k.start().isAfter(dropped))
            .findFirst()
            .orElseThrow();
    assertThat(firstAfter.start()).isBefore(back.plusSeconds(3));
    String metrics = Scrape.metrics(recorder.httpPort());
    assertThat(Scrape.value(metrics, "camrec_recording_gaps_total")).isEqualTo(1);
    assertThat(Scrape.value(metrics, "camrec_reconnects_total")).isGreaterThanOrEqualTo(1);
    recorder.stop(Duration.ofSeconds(20));
  }

  /** The default input timeout, on a camera with audio (where FFmpeg flushes mid-stall). */
  @Test
  void stalledCameraIsNoticedWithinTheInputTimeoutAndRecordingReconnects() throws Exception {
    SimulatedCamera camera = camera(Kind.RTSP_H264_AAC);
    CapturedLog log = capturedLog();
    Duration timeout = Duration.ofSeconds(10);
    Recorder recorder = record(config(camera, "yard", Duration.ofSeconds(2), timeout));
    await().atMost(Duration.ofSeconds(20)).until(() -> recorder.metrics().segmentsStored() >= 2);

    camera.stall();
    Instant stalled = Instant.now();
    // Noticed: the recorder counted the gap and ended the run, within the timeout and the
    // watchdog's period (a tenth of it) of the stall, not when FFmpeg's own timeout fires.
    await().atMost(timeout.plusSeconds(2)).until(() -> recorder.metrics().gaps() == 1);
    camera.resume();
    Instant resumed = Instant.now();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> stored.segments("ns", "yard").stream().anyMatch(k -> k.start().isAfter(resumed)));
    assertThat(recorder.metrics().reconnects()).isGreaterThanOrEqualTo(1);
    List<String> gaps = log.messages(Level.WARNING, "recording gap from");
    assertThat(gaps).hasSize(1);
    assertThat(gaps.get(0)).endsWith("the camera stalled (connection open, no media)");
    assertThat(recorder.metrics().gapSeconds())
        .isBetween(
            Duration.between(stalled, resumed).toMillis() / 1e3 - 1,
            Duration.between(stalled, Instant.now()).toMillis() / 1e3 + 1);
    recorder.stop(Duration.ofSeconds(20));
  }

  /**
   * A camera away for 20 s (its port closed, like a rebooting camera): the backoff has grown to 8 s
   * by then, but the recorder probes the camera each second and records again within seconds of its
   * return, with few FFmpeg attempts while it was away. The gap is stated with its cause.
   */
  @Test
  void cameraAwayForTwentySecondsIsRecordedAgainWithinFiveSecondsOfItsReturn() throws Exception {
    SimulatedCamera camera = camera(Kind.RTSP_H264_AAC);
    CapturedLog log = capturedLog();
    Recorder recorder =
        record(config(camera, "shed", Duration.ofSeconds(2), Duration.ofSeconds(5)));
    await().atMost(Duration.ofSeconds(20)).until(() -> recorder.metrics().segmentsStored() >= 2);

    Duration away = Duration.ofSeconds(20);
    camera.drop(away);
    Instant back = Instant.now().plus(away);
    await()
        .atMost(Duration.ofSeconds(40))
        .until(() -> stored.segments("ns", "shed").stream().anyMatch(k -> k.start().isAfter(back)));
    SegmentKey firstAfter =
        stored.segments("ns", "shed").stream()
            .filter(k -> k.start().isAfter(back))
            .findFirst()
            .orElseThrow();
    assertThat(Duration.between(back, firstAfter.start())).isLessThan(Duration.ofSeconds(5));
    assertThat(recorder.metrics().reconnects()).as("FFmpeg attempts").isBetween(1L, 6L);

    List<String> gaps = log.messages(Level.WARNING, "recording gap from");
    assertThat(gaps).hasSize(1);
    assertThat(gaps.get(0)).endsWith("the camera refused connections");
    assertThat(recorder.metrics().gapSeconds()).isBetween(19.0, 25.0);
    assertThat(Scrape.value(recorder.httpPort(), "camrec_recording_gap_seconds_total"))
        .isEqualTo(recorder.metrics().gapSeconds());
    recorder.stop(Duration.ofSeconds(20));
  }

  /**
   * FFmpeg killed four times, each time before it finished a segment (like a camera that drops
   * every 30 s with 60 s segments): every run received media, so the wait before the next one stays
   * at its minimum, and no hole grows. Each hole is logged as a gap.
   */
  @Test
  void ffmpegKilledBeforeEachSegmentEndsLeavesHolesOfSecondsThatDoNotGrow() throws Exception {
    SimulatedCamera camera = camera(Kind.RTSP_H264_AAC);
    CapturedLog log = capturedLog();
    RecordingConfig config = config(camera, "barn", Duration.ofSeconds(10), Duration.ofSeconds(5));
    Recorder recorder = record(config);
    Path incoming = config.spoolDir().resolve("incoming");
    for (int kill = 0; kill < 4; kill++) {
      int runs = kill + 1;
      // This run's segment has a complete fragment or two on disk, and no run finished one.
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  log.messages(Level.INFO, "receiving media").size() == runs
                      && bytesIn(incoming) > 30_000);
      ProcessHandle.current()
          .descendants()
          .filter(p -> writesInto(p, incoming))
          .forEach(ProcessHandle::destroyForcibly);
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> bytesIn(incoming) > 30_000);
    recorder.stop(Duration.ofSeconds(20));

    List<SegmentKey> keys = stored.segments("ns", "barn");
    assertThat(keys).hasSize(5);
    for (int i = 1; i < keys.size(); i++) {
      assertThat(Duration.between(keys.get(i - 1).end(), keys.get(i).start()))
          .as("hole before %s", keys.get(i).fileName())
          .isLessThan(Duration.ofSeconds(3));
    }
    assertThat(log.messages(Level.WARNING, "recording gap from"))
        .hasSize(4)
        .allSatisfy(gap -> assertThat(gap).endsWith("FFmpeg was killed or crashed"));
  }

  /** A SIGTERM with the store down: the drain keeps the uploader's backoff (0.5 s up to 5 s). */
  @Test
  void stopWithTheStoreDownRetriesWithBackoffNotInAStorm() throws Exception {
    SimulatedCamera camera = camera(Kind.RTSP_H264_AAC);
    Recorder recorder =
        record(config(camera, "hall", Duration.ofSeconds(2), Duration.ofSeconds(5)));
    await().atMost(Duration.ofSeconds(20)).until(() -> recorder.metrics().segmentsStored() >= 2);
    s3.stop();
    double failedBefore = Scrape.value(recorder.httpPort(), "camrec_upload_failures_total");

    assertThat(recorder.stop(Duration.ofSeconds(10))).as("drained").isFalse();

    // About 6 s of draining: attempts 0.5, 1, 2 and 4 s apart, not one every 50 ms.
    assertThat(Scrape.value(recorder.httpPort(), "camrec_upload_failures_total") - failedBefore)
        .isBetween(1.0, 7.0);
  }

  @Test
  void spoolFullWhileTheStoreIsDownKeepsTheOldestSegmentsAndCountsAndLogsEveryLoss()
      throws Exception {
    SimulatedCamera camera = camera(Kind.RTSP_H264_AAC);
    CapturedLog log = CapturedLog.of("dev.camrec.recorder");
    closeLast.add(log);
    Recorder recorder =
        record(
            config(
                camera,
                "drive",
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                SPOOL_FOR_3_5_SEGMENTS,
                AudioMode.COPY));
    int port = recorder.httpPort();
    await().atMost(Duration.ofSeconds(20)).until(() -> recorder.metrics().segmentsStored() >= 2);

    s3.stop();
    // The outage lasts until the full spool has given up three segments.
    await()
        .atMost(Duration.ofSeconds(40))
        .until(() -> Scrape.value(port, "camrec_segments_lost_total") >= 3);
    List<String> inSpoolWhenTheStoreReturned = readyFileNames(tmp.resolve("spool-drive"));
    s3.restart();
    Instant back = Instant.now();
    // Drained, and recording flows into the store again.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                stored.segments("ns", "drive").stream().anyMatch(k -> k.start().isAfter(back))
                    && Scrape.value(port, "camrec_spool_backlog_segments") == 0);
    assertThat(recorder.stop(Duration.ofSeconds(20))).as("spool drained").isTrue();

    String metrics = Scrape.metrics(port);
    List<SegmentKey> finished = keysIn(log.messages(Level.INFO, "segment finished: "));
    List<SegmentKey> lost = keysIn(log.messages(Level.SEVERE, "segment LOST"));
    List<SegmentKey> keys = stored.segments("ns", "drive");
    // FFmpeg's segments, gapless; each of them either stored or reported lost (once, at ERROR).
    Stored.assertContiguous(finished);
    assertThat(lost)
        .doesNotHaveDuplicates()
        .hasSizeGreaterThanOrEqualTo(3)
        .doesNotContainAnyElementsOf(keys);
    assertThat(Stream.concat(keys.stream(), lost.stream()))
        .containsExactlyInAnyOrderElementsOf(finished);
    assertThat(Scrape.value(metrics, "camrec_segments_lost_total"))
        .isEqualTo(lost.size())
        .isEqualTo(finished.size() - keys.size());
    // Newest dropped first: the losses are one run of consecutive segments, after the outage's
    // first segments (which the spool kept until the store returned, and then stored) and before
    // the segments recorded once the spool had room again.
    int firstLost = finished.indexOf(lost.get(0));
    assertThat(finished.subList(firstLost, firstLost + lost.size()))
        .containsExactlyElementsOf(lost);
    assertThat(inSpoolWhenTheStoreReturned)
        .hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(name -> assertThat(keys).extracting(SegmentKey::fileName).contains(name))
        .allSatisfy(
            name ->
                assertThat(SegmentKey.parseFileName(name).orElseThrow().start())
                    .isBefore(lost.get(0).start()));
    assertThat(Scrape.value(metrics, "camrec_spool_backlog_segments")).isZero();
    assertThat(Scrape.value(metrics, "camrec_spool_backlog_bytes")).isZero();
    assertThat(recorder.metrics().gaps()).isZero();
    // The operator learns of the loss from the recorder's report: count and time range.
    LostFootage reported = stored.report("ns", "drive").orElseThrow().lostFootage();
    assertThat(reported.segments()).isEqualTo(lost.size());
    assertThat(reported.from()).isEqualTo(lost.get(0).start().toString());
    assertThat(reported.to()).isEqualTo(lost.get(lost.size() - 1).end().toString());
  }

  @Test
  void refusingCameraIsReportedUnreachableWithinTwiceTheInputTimeoutAndClearedOnItsReturn()
      throws Exception {
    SimulatedCamera camera = camera(Kind.RTSP_H264_AAC);
    Duration inputTimeout = Duration.ofSeconds(5);
    Recorder recorder = record(config(camera, "door", Duration.ofSeconds(2), inputTimeout));
    await().atMost(Duration.ofSeconds(20)).until(() -> recorder.metrics().segmentsStored() >= 1);

    camera.drop(Duration.ofSeconds(15));
    await()
        .atMost(inputTimeout.multipliedBy(2))
        .until(
            () ->
                stored
                    .report("ns", "door")
                    .map(RecorderReport::cameraError)
                    .filter(e -> e.reason().equals(RecorderReport.CAMERA_UNREACHABLE))
                    .isPresent());
    RecorderReport during = stored.report("ns", "door").orElseThrow();
    assertThat(during.cameraError().message())
        .contains("Connection refused")
        .contains(camera.url().toString());

    await()
        .atMost(Duration.ofSeconds(45))
        .until(
            () ->
                stored
                    .report("ns", "door")
                    .filter(r -> r.cameraError() == null && r.reconnects() > 0)
                    .isPresent());
    recorder.stop(Duration.ofSeconds(20));
  }

  @Test
  void readyOnlyWhileSegmentsAreStored_storeDownAndBack_liveThroughout() throws Exception {
    SimulatedCamera camera = camera(Kind.RTSP_H264_AAC);
    assertReadinessFollowsTheStoredSegments(
        camera, "hall", s3::stop, s3::restart, Duration.ofSeconds(20));
  }

  @Test
  void readyOnlyWhileSegmentsAreStored_cameraStallsAndResumes_liveThroughout() throws Exception {
    SimulatedCamera camera = camera(Kind.RTSP_H264_AAC);
    // Reconnecting after the stall waits out the backoff that the failed attempts built up.
    assertReadinessFollowsTheStoredSegments(
        camera, "stairs", camera::stall, camera::resume, Duration.ofSeconds(40));
  }

  /**
   * Not ready until the first segment is stored, ready then; not ready again about two segment
   * lengths after the fault stopped segments from being stored, ready again after the recovery;
   * live all along.
   */
  void assertReadinessFollowsTheStoredSegments(
      SimulatedCamera camera,
      String name,
      Runnable fault,
      Runnable recovery,
      Duration recoveryTimeout)
      throws Exception {
    Duration segment = Duration.ofSeconds(2);
    Recorder recorder = record(config(camera, name, segment, Duration.ofSeconds(3)));
    int port = recorder.httpPort();
    try (LivenessWatch liveness = LivenessWatch.start(port)) {
      awaitReadyOnlyOnceASegmentIsStored(recorder);

      Duration notReadyAfter = notReadyAfterLastStored(recorder, fault);
      assertThat(notReadyAfter)
          .as("not ready this long after the last segment was stored")
          .isBetween(
              segment.multipliedBy(2), SegmentFreshness.readinessWindow(segment).plusSeconds(2));
      recovery.run();
      await().atMost(recoveryTimeout).until(() -> Scrape.status(port, "/readyz") == 200);

      liveness.assertLiveThroughout();
    }
    recorder.stop(Duration.ofSeconds(20));
  }

  /** /readyz answers 503 for as long as no segment is stored, and 200 as soon as one is. */
  static void awaitReadyOnlyOnceASegmentIsStored(Recorder recorder) {
    int port = recorder.httpPort();
    AtomicInteger notReadyAnswers = new AtomicInteger();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              // Asked before the count is read: a segment stored in between cannot fail the check.
              int readiness = Scrape.status(port, "/readyz");
              if (recorder.metrics().segmentsStored() > 0) {
                return true;
              }
              assertThat(readiness).as("/readyz before any segment was stored").isEqualTo(503);
              notReadyAnswers.incrementAndGet();
              return false;
            });
    assertThat(notReadyAnswers)
        .as("/readyz asked before the first segment was stored")
        .hasPositiveValue();
    await().atMost(Duration.ofSeconds(5)).until(() -> Scrape.status(port, "/readyz") == 200);
  }

  /**
   * Waits for a segment to be stored, brings about the fault, then waits for /readyz to answer 503;
   * returns how long after the last segment was stored (as seen from here) that happened.
   */
  static Duration notReadyAfterLastStored(Recorder recorder, Runnable fault) {
    long before = recorder.metrics().segmentsStored();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> recorder.metrics().segmentsStored() > before);
    AtomicLong storedCount = new AtomicLong(recorder.metrics().segmentsStored());
    AtomicReference<Instant> lastStored = new AtomicReference<>(Instant.now());
    fault.run();
    await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              // Segments may still land after the fault (an upload in flight, the camera's last
              // one).
              long count = recorder.metrics().segmentsStored();
              if (count != storedCount.getAndSet(count)) {
                lastStored.set(Instant.now());
              }
              return Scrape.status(recorder.httpPort(), "/readyz") == 503;
            });
    return Duration.between(lastStored.get(), Instant.now());
  }

  CapturedLog capturedLog() {
    CapturedLog log = CapturedLog.of("dev.camrec.recorder");
    closeLast.add(log);
    return log;
  }

  /** The recorder's FFmpeg (not a camera's): it writes into the spool. */
  static boolean writesInto(ProcessHandle p, Path incoming) {
    String dir = incoming.toAbsolutePath().toString();
    return Arrays.stream(p.info().arguments().orElse(new String[0]))
        .anyMatch(a -> a.startsWith(dir));
  }

  static long bytesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.toString().endsWith(".mp4"))
          .mapToLong(f -> f.toFile().length())
          .sum();
    }
  }

  SimulatedCamera camera(Kind kind) {
    SimulatedCamera camera =
        SimulatedCamera.builder(FFMPEG, kind).resolution(320, 240).fps(15).start();
    closeLast.add(camera);
    return camera;
  }

  Recorder record(RecordingConfig config) throws Exception {
    Recorder recorder = Recorder.start(config);
    closeLast.add(recorder);
    return recorder;
  }

  RecordingConfig config(
      SimulatedCamera camera, String name, Duration segment, Duration inputTimeout) {
    return config(camera, name, segment, inputTimeout, AMPLE_SPOOL, AudioMode.COPY);
  }

  RecordingConfig config(
      SimulatedCamera camera,
      String name,
      Duration segment,
      Duration inputTimeout,
      long spoolMaxBytes,
      AudioMode audio) {
    return new RecordingConfig(
        camera.url(),
        null,
        null,
        segment,
        audio,
        inputTimeout,
        new StoreSettings(
            s3.endpoint().toString(), "us-east-1", BUCKET, s3.accessKey(), s3.secretKey()),
        "ns",
        name,
        tmp.resolve("spool-" + name),
        spoolMaxBytes,
        new InetSocketAddress("127.0.0.1", 0),
        FFMPEG,
        FFPROBE,
        // These tests time the recorder itself (reconnects, stalls, spool): its own clock. The
        // simulated camera's reports run ~0.4 s ahead of it (CameraClockEndToEndTest).
        ClockSetting.RECORDER,
        Duration.ofMillis(RecordEnv.DEFAULT_CLOCK_TOLERANCE_MS));
  }

  /** Segments named in log messages that end with an object key, in time order. */
  static List<SegmentKey> keysIn(List<String> messages) {
    return messages.stream()
        .map(m -> SegmentKey.parse(m.substring(m.lastIndexOf(' ') + 1)).orElseThrow())
        .sorted(Comparator.comparing(SegmentKey::start))
        .toList();
  }

  /** File names of the finished segments waiting in a spool for upload, oldest first. */
  static List<String> readyFileNames(Path spool) throws IOException {
    try (Stream<Path> files = Files.list(spool.resolve("ready"))) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".mp4"))
          .sorted()
          .toList();
    }
  }
}
