package dev.camrec.recorder.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.camrec.contract.clock.ClockSetting;
import dev.camrec.contract.env.RecordEnv;
import dev.camrec.contract.layout.SegmentKey;
import dev.camrec.contract.report.RecorderReport;
import dev.camrec.contract.store.StoreSettings;
import dev.camrec.recorder.record.AudioMode;
import dev.camrec.recorder.record.Recorder;
import dev.camrec.recorder.record.RecordingConfig;
import dev.camrec.testbed.camera.KeyframeTime;
import dev.camrec.testbed.camera.SimulatedCamera;
import dev.camrec.testbed.camera.SimulatedCamera.Kind;
import dev.camrec.testbed.s3.EmbeddedS3;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segment keys against the simulated camera's own clock: its RTCP sender reports shifted off this
 * machine's clock, or held back. The truth is the camera's time of each keyframe it sent (a segment
 * starts at one), dated by the testbed from the same shifted reports. Shifts are not whole seconds,
 * so that with a keyframe every second a key on the wrong clock cannot land on a keyframe by
 * chance.
 */
class CameraClockEndToEndTest {

  /** Long enough for the camera's first report (within 6 s of PLAY) to come in the second. */
  static final Duration SEGMENT = Duration.ofSeconds(4);

  /** How close a key on the camera's clock must be to the camera's time of its first frame. */
  static final Duration CAMERA_ACCURACY = Duration.ofMillis(10);

  /** How close keys moved by a re-timing or a gap are (see {@link #assertOnCameraClock}). */
  static final Duration RETIMED_ACCURACY = Duration.ofMillis(150);

  /** Three frames at the camera's 15 fps: 200 ms, a whole number of milliseconds. */
  static final long FRAME_MILLIS_X3 = 200;

  /** The simulated camera's source sends a sender report every 5 s (and a little). */
  static final Duration REPORT_INTERVAL = Duration.ofSeconds(6);

  /** How close a key on the recorder's clock is to when its first frame was sent (loaded CI). */
  static final Duration RECORDER_ACCURACY = Duration.ofMillis(300);

  static final String BUCKET = RecordingEndToEndTest.BUCKET;

  @TempDir Path tmp;
  EmbeddedS3 s3;
  Stored stored;
  SimulatedCamera camera;
  Recorder recorder;

  @BeforeEach
  void start() {
    s3 = EmbeddedS3.start(tmp.resolve("s3"));
    s3.createBucket(BUCKET);
    stored =
        new Stored(
            s3.endpoint(), s3.accessKey(), s3.secretKey(), BUCKET, RecordingEndToEndTest.FFPROBE);
    camera =
        SimulatedCamera.builder(RecordingEndToEndTest.FFMPEG, Kind.RTSP_H264_AAC)
            .resolution(320, 240)
            .fps(15)
            .start();
  }

  @AfterEach
  void stop() throws Exception {
    if (recorder != null) {
      recorder.close();
    }
    camera.close();
    stored.close();
    s3.close();
  }

  @Test
  void cameraSettingKeysOnACameraClockFiveAndAHalfSecondsAhead() throws Exception {
    shiftCameraClock(Duration.ofMillis(5500));
    List<SegmentKey> keys = record(ClockSetting.CAMERA, 5);

    assertOnCameraClock(keys, REPORT_INTERVAL);
    assertOffsetMetric();
    assertThat(Scrape.value(recorder.httpPort(), "camrec_keys_on_camera_clock")).isEqualTo(1);
  }

  @Test
  void autoKeysOnACameraClockWithinTheTolerance() throws Exception {
    shiftCameraClock(Duration.ofMillis(-1400));
    List<SegmentKey> keys = record(ClockSetting.AUTO, 5);

    assertOnCameraClock(keys, REPORT_INTERVAL);
    assertOffsetMetric();
  }

  @Test
  void autoKeysOnTheRecorderClockWhenTheCameraClockIsOffBeyondTheTolerance() throws Exception {
    shiftCameraClock(Duration.ofMillis(-3500));
    List<SegmentKey> keys = record(ClockSetting.AUTO, 4);

    assertOnRecorderClock(keys);
    assertOffsetMetric();
    assertThat(Scrape.value(recorder.httpPort(), "camrec_keys_on_camera_clock")).isZero();
    // The same, in the report the operator words the Camera's CameraClockSynced condition from.
    double metric = Scrape.value(recorder.httpPort(), "camrec_camera_clock_offset_seconds");
    await()
        .atMost(RecorderReport.HEARTBEAT)
        .untilAsserted(
            () ->
                assertThat(stored.report("ns", "cam").map(RecorderReport::cameraClock))
                    .hasValueSatisfying(
                        clock -> {
                          assertThat(clock.keys()).isEqualTo("RECORDER");
                          assertThat(clock.offsetMillis() / 1e3).isCloseTo(metric, within(0.1));
                        }));
  }

  @Test
  void aCameraWithoutSenderReportsStaysOnTheRecorderClock() throws Exception {
    shiftCameraClock(Duration.ofMillis(5500));
    camera.sendReports(false);
    List<SegmentKey> keys = record(ClockSetting.CAMERA, 3);

    assertOnRecorderClock(keys);
    assertThat(Scrape.value(recorder.httpPort(), "camrec_camera_clock_offset_seconds")).isNaN();
    assertThat(Scrape.value(recorder.httpPort(), "camrec_keys_on_camera_clock")).isZero();
  }

  /**
   * The first segment ends before the camera's first report: it is held back until the second dates
   * the run, and all keys of the run are then on the camera's clock, abutting exactly.
   */
  @Test
  void aFirstSegmentBeforeTheFirstReportGetsTheRunsCameraAnchor() throws Exception {
    shiftCameraClock(Duration.ofMillis(5500));
    camera.sendReports(false);
    // The first report comes within 6 s of enabling them: in the second segment, whose end (14 s)
    // ends the hold of the first, so a run that failed to date it would be keyed on the recorder.
    Duration segment = Duration.ofSeconds(7);
    recorder = Recorder.start(config(ClockSetting.CAMERA, segment));
    Path incoming = tmp.resolve("spool/incoming");
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> incomingNames(incoming).anyMatch(n -> n.endsWith("-000001.mp4")));
    camera.sendReports(true);
    await().atMost(Duration.ofSeconds(70)).until(() -> recorder.metrics().segmentsStored() >= 5);
    recorder.stop(Duration.ofSeconds(20));
    List<SegmentKey> keys = stored.segments("ns", "cam");

    assertOnCameraClock(keys, segment.plus(REPORT_INTERVAL));
    for (int i = 1; i < keys.size(); i++) {
      assertThat(keys.get(i).start()).isEqualTo(keys.get(i - 1).end());
    }
  }

  private List<SegmentKey> record(ClockSetting clock, int segments) throws Exception {
    recorder = Recorder.start(config(clock, SEGMENT));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> recorder.metrics().segmentsStored() >= segments);
    List<SegmentKey> keys = stored.segments("ns", "cam");
    for (int i = 1; i < keys.size(); i++) {
      assertThat(keys.get(i).start()).as("keys abut").isEqualTo(keys.get(i - 1).end());
    }
    return keys;
  }

  /**
   * Keys within {@link #CAMERA_ACCURACY} of the camera's time of their first frame, except where
   * FFmpeg or the simulated camera moved timestamps (see the class comment): keys that start before
   * {@code reportedAfter} from the run's first key (the first report arrived by then), and keys
   * that absorbed a gap (their length is not a whole number of frames). Those are held to {@link
   * #RETIMED_ACCURACY}. At least one key must be exact, so that the test cannot pass idle.
   */
  private void assertOnCameraClock(List<SegmentKey> keys, Duration reportedAfter) {
    Instant reported = keys.get(0).start().plus(reportedAfter);
    int exact = 0;
    for (SegmentKey key : keys) {
      KeyframeTime first = nearest(key, KeyframeTime::cameraTime);
      boolean retimed =
          !key.start().isAfter(reported) || key.duration().toMillis() % FRAME_MILLIS_X3 > 1;
      exact += retimed ? 0 : 1;
      assertThat(Duration.between(first.cameraTime(), key.start()).abs())
          .as("%s against the camera's time of its first frame %s", key.fileName(), first)
          .isLessThanOrEqualTo(retimed ? RETIMED_ACCURACY : CAMERA_ACCURACY);
    }
    assertThat(exact).as("keys held to %s", CAMERA_ACCURACY).isPositive();
  }

  private void assertOnRecorderClock(List<SegmentKey> keys) {
    assertThat(keys).isNotEmpty();
    for (SegmentKey key : keys) {
      KeyframeTime first = nearest(key, KeyframeTime::sent);
      assertThat(Duration.between(first.sent(), key.start()).abs())
          .as("%s against when its first frame was sent %s", key.fileName(), first)
          .isLessThanOrEqualTo(RECORDER_ACCURACY);
    }
  }

  /** The offset metric against the camera's offset the testbed saw on its recent keyframes. */
  private void assertOffsetMetric() {
    assertThat(Scrape.value(recorder.httpPort(), "camrec_camera_clock_offset_seconds"))
        .isCloseTo(cameraOffset().toNanos() / 1e9, within(RECORDER_ACCURACY.toNanos() / 1e9));
  }

  /**
   * Puts the camera's clock {@code offset} ahead of this machine's. The source's reports are
   * already off by its read-ahead (a few hundred ms, varying by run), so the shift makes up for it:
   * the offsets the tests choose stay half-way between keyframes of the other clock.
   */
  private void shiftCameraClock(Duration offset) {
    await().atMost(Duration.ofSeconds(20)).until(() -> camera.keyframes().size() >= 3);
    camera.shiftClock(offset.minus(cameraOffset()));
  }

  /** The camera's time of its recent keyframes against when they were sent (the median). */
  private Duration cameraOffset() {
    List<KeyframeTime> recent = camera.keyframes();
    List<Duration> offsets =
        recent.subList(Math.max(0, recent.size() - 5), recent.size()).stream()
            .map(k -> Duration.between(k.sent(), k.cameraTime()))
            .sorted()
            .toList();
    return offsets.get(offsets.size() / 2);
  }

  private KeyframeTime nearest(SegmentKey key, Function<KeyframeTime, Instant> time) {
    return camera.keyframes().stream()
        .min(
            Comparator.comparing(
                (KeyframeTime k) -> Duration.between(time.apply(k), key.start()).abs()))
        .orElseThrow();
  }

  private static Stream<String> incomingNames(Path incoming) throws Exception {
    try (Stream<Path> files = Files.list(incoming)) {
      return files.map(f -> f.getFileName().toString()).toList().stream();
    }
  }

  private RecordingConfig config(ClockSetting clock, Duration segment) {
    return new RecordingConfig(
        camera.url(),
        null,
        null,
        segment,
        AudioMode.COPY,
        Duration.ofSeconds(5),
        new StoreSettings(
            s3.endpoint().toString(), "us-east-1", BUCKET, s3.accessKey(), s3.secretKey()),
        "ns",
        "cam",
        tmp.resolve("spool"),
        RecordingEndToEndTest.AMPLE_SPOOL,
        new InetSocketAddress("127.0.0.1", 0),
        RecordingEndToEndTest.FFMPEG,
        RecordingEndToEndTest.FFPROBE,
        clock,
        Duration.ofMillis(RecordEnv.DEFAULT_CLOCK_TOLERANCE_MS));
  }
}
