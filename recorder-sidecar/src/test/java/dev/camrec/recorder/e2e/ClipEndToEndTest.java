package dev.camrec.recorder.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.camrec.contract.clock.ClockSetting;
import dev.camrec.contract.env.ClipEnv;
import dev.camrec.contract.env.CommonEnv;
import dev.camrec.contract.env.RecordEnv;
import dev.camrec.contract.env.StoreEnv;
import dev.camrec.contract.layout.SegmentKey;
import dev.camrec.contract.store.StoreSettings;
import dev.camrec.contract.termination.ClipResult;
import dev.camrec.recorder.FfmpegExecutables;
import dev.camrec.recorder.clip.ClipConfig;
import dev.camrec.recorder.clip.ClipConfig.Inputs;
import dev.camrec.recorder.clip.ClipConfig.OnGap;
import dev.camrec.recorder.clip.Clipper;
import dev.camrec.recorder.record.AudioMode;
import dev.camrec.recorder.record.Recorder;
import dev.camrec.recorder.record.RecordingConfig;
import dev.camrec.testbed.camera.SimulatedCamera;
import dev.camrec.testbed.camera.SimulatedCamera.Kind;
import dev.camrec.testbed.s3.EmbeddedS3;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clips cut with real FFmpeg from segments that real recorders stored (simulated H.264 + AAC, H.265
 * and MJPEG cameras, 2 s segments) in s3proxy, checked with ffprobe. The recordings are made once
 * for the class: about 20 s, one recorder restart included.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClipEndToEndTest {

  static final String BUCKET = "recordings";
  static final String NS = "ns";
  static final Path FFMPEG = FfmpegExecutables.ffmpeg(System.getenv());
  static final Path FFPROBE = FfmpegExecutables.ffprobe(System.getenv());
  static final Duration SEGMENT = Duration.ofSeconds(2);
  static final int FPS = 15;
  static final double FRAME = 1.0 / FPS;

  @TempDir static Path tmp;
  EmbeddedS3 s3;
  Stored stored;
  MinioClient minio;
  final List<AutoCloseable> closeLast = new ArrayList<>();

  /** The H.264 camera's two runs: before and after its recorder restarted. */
  List<SegmentKey> firstRun;

  List<SegmentKey> secondRun;

  @BeforeAll
  void record() throws Exception {
    s3 = EmbeddedS3.start(tmp.resolve("s3"));
    s3.createBucket(BUCKET);
    stored = new Stored(s3.endpoint(), s3.accessKey(), s3.secretKey(), BUCKET, FFPROBE);
    minio =
        MinioClient.builder()
            .endpoint(s3.endpoint().toString())
            .credentials(s3.accessKey(), s3.secretKey())
            .build();
    SimulatedCamera door = camera(Kind.RTSP_H264_AAC);
    SimulatedCamera yard = camera(Kind.RTSP_H265);
    SimulatedCamera hall = camera(Kind.HTTP_MJPEG);
    Recorder first = Recorder.start(recording(door, "door"));
    Recorder h265 = Recorder.start(recording(yard, "yard"));
    Recorder mjpeg = Recorder.start(recording(hall, "hall"));
    try {
      await().atMost(Duration.ofSeconds(40)).until(() -> first.metrics().segmentsStored() >= 4);
      first.stop(Duration.ofSeconds(20));
    } finally {
      first.close();
    }
    firstRun = stored.segments(NS, "door");
    // The recorder restarts: a new run with its own anchor, after a gap.
    Recorder second = Recorder.start(recording(door, "door"));
    try {
      await().atMost(Duration.ofSeconds(40)).until(() -> second.metrics().segmentsStored() >= 3);
      second.stop(Duration.ofSeconds(20));
    } finally {
      second.close();
    }
    secondRun = stored.segments(NS, "door").stream().filter(k -> !firstRun.contains(k)).toList();
    for (Recorder r : List.of(h265, mjpeg)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> r.metrics().segmentsStored() >= 4);
      r.stop(Duration.ofSeconds(20));
      r.close();
    }
  }

  @AfterAll
  void stopAll() throws Exception {
    for (int i = closeLast.size() - 1; i >= 0; i--) {
      closeLast.get(i).close();
    }
    if (minio != null) minio.close();
    if (stored != null) stored.close();
    if (s3 != null) s3.close();
  }

  @Test
  void h264WithAudioStartsOnTheRequestedInstantAndLastsExactlyTheRange() throws Exception {
    // Between keyframes (one a second, segments start on one) and across segment boundaries.
    Instant start = firstRun.get(0).start().plusMillis(1370);
    Instant end = start.plusMillis(4800);

    ClipResult result = clip("door", start, end, OnGap.CONCATENATE, Inputs.URLS);

    assertThat(result.succeeded()).as(result.message()).isTrue();
    assertThat(result.reason()).isEqualTo(ClipResult.CLIP_STORED);
    assertThat(result.actualStart()).isEqualTo(start.toString());
    assertThat(result.actualEnd()).isEqualTo(end.toString());
    assertThat(result.gaps()).isEmpty();
    Path clip = download(result);
    assertThat(result.sizeBytes()).isEqualTo(Files.size(clip));
    assertThat(probe(clip, "-show_entries", "stream=codec_name")).containsExactly("h264", "aac");
    assertStartsAtZero(clip);
    assertThat(videoDuration(clip)).isCloseTo(4.8, within(FRAME));
    // A live camera under load: a frame or two may have been dropped before the recorder.
    assertThat(Integer.parseInt(decodedFrames(clip))).isCloseTo(72, within(2));
    assertThat(topLevelBoxes(clip)).as("moov before mdat").containsSubsequence("moov", "mdat");
  }

  @Test
  void aRangeAcrossARecorderRestartJoinsBothRunsAndListsTheGap() throws Exception {
    SegmentKey lastOfFirst = firstRun.get(firstRun.size() - 1);
    SegmentKey firstOfSecond = secondRun.get(0);
    // The first run's last segment is partial: the recorder stored what it had when stopped.
    Instant start = lastOfFirst.start().plus(lastOfFirst.duration().dividedBy(2));
    Instant end = firstOfSecond.start().plusMillis(2500);

    ClipResult result = clip("door", start, end, OnGap.CONCATENATE, Inputs.URLS);

    assertThat(result.succeeded()).as(result.message()).isTrue();
    // The gap runs from the first run's end to the second run's first keyframe: what the camera
    // sent before that keyframe cannot be decoded, so the clip leaves it out.
    assertThat(result.gaps()).hasSize(1);
    Instant gapStart = Instant.parse(result.gaps().get(0).start());
    Instant gapEnd = Instant.parse(result.gaps().get(0).end());
    assertThat(gapStart).isEqualTo(lastOfFirst.end());
    assertThat(gapEnd).isBetween(firstOfSecond.start(), firstOfSecond.start().plusMillis(1500));
    Path clip = download(result);
    assertStartsAtZero(clip);
    double expected =
        (Duration.between(start, end).toMillis() - Duration.between(gapStart, gapEnd).toMillis())
            / 1000.0;
    assertThat(videoDuration(clip)).isCloseTo(expected, within(2 * FRAME));
    assertThat(Integer.parseInt(decodedFrames(clip)))
        .isCloseTo((int) Math.round(expected * FPS), within(2));
    assertThat(probe(clip, "-show_entries", "stream=codec_name")).containsExactly("h264", "aac");
  }

  @Test
  void onGapFailFailsWithTheGapInTheMessageAndStoresNothing() throws Exception {
    SegmentKey lastOfFirst = firstRun.get(firstRun.size() - 1);
    SegmentKey firstOfSecond = secondRun.get(0);

    ClipResult result =
        clip(
            "door",
            lastOfFirst.start(),
            firstOfSecond.end(),
            OnGap.FAIL,
            Inputs.URLS,
            "clips/ns/gap-fail.mp4");

    assertThat(result.succeeded()).isFalse();
    assertThat(result.reason()).isEqualTo(ClipResult.RECORDING_GAPS);
    assertThat(result.message()).contains(lastOfFirst.end().toString());
    assertThat(result.gaps()).hasSize(1);
    assertThat(exists("clips/ns/gap-fail.mp4")).isFalse();
  }

  @Test
  void h265RangeBeyondTheRecordingsIsCutToWhatExists() throws Exception {
    List<SegmentKey> keys = stored.segments(NS, "yard");
    Instant first = keys.get(0).start();
    Instant last = keys.get(keys.size() - 1).end();

    ClipResult result =
        clip("yard", first.minusSeconds(30), last.plusSeconds(30), OnGap.CONCATENATE, Inputs.URLS);

    assertThat(result.succeeded()).as(result.message()).isTrue();
    // The recorder joined the camera mid-GOP: the clip starts at the first keyframe it stored.
    Instant actualStart = Instant.parse(result.actualStart());
    assertThat(actualStart).isBetween(first, first.plusMillis(1500));
    assertThat(result.actualEnd()).isEqualTo(last.toString());
    assertThat(result.gaps()).isEmpty();
    Path clip = download(result);
    assertThat(probe(clip, "-show_entries", "stream=codec_name")).containsExactly("hevc");
    assertStartsAtZero(clip);
    // The last segment is the partial one the recorder stored when stopped, and this camera sends
    // B-frames (x265's default): its key's duration and the frames' presentation end differ by a
    // few frames.
    assertThat(videoDuration(clip))
        .isCloseTo(Duration.between(actualStart, last).toMillis() / 1000.0, within(0.5));
  }

  @Test
  void mjpegClipFromLocalCopiesStartsOnTheRequestedInstant() throws Exception {
    List<SegmentKey> keys = stored.segments(NS, "hall");
    Instant start = keys.get(1).start().plusMillis(430);
    Instant end = start.plusMillis(3100);

    ClipResult result = clip("hall", start, end, OnGap.CONCATENATE, Inputs.COPY);

    assertThat(result.succeeded()).as(result.message()).isTrue();
    Path clip = download(result);
    assertThat(probe(clip, "-show_entries", "stream=codec_name")).containsExactly("mjpeg");
    assertStartsAtZero(clip);
    assertThat(videoDuration(clip)).isCloseTo(3.1, within(FRAME));
  }

  @Test
  void aRangeWithoutRecordingsFailsSaying() throws Exception {
    Instant start = firstRun.get(0).start().minus(Duration.ofHours(3));

    ClipResult result =
        clip(
            "door", start, start.plusSeconds(60), OnGap.CONCATENATE, Inputs.URLS, "clips/ns/x.mp4");

    assertThat(result.succeeded()).isFalse();
    assertThat(result.reason()).isEqualTo(ClipResult.NO_RECORDINGS);
    assertThat(exists("clips/ns/x.mp4")).isFalse();
  }

  @Test
  void aClipLargerThanTheWorkDirectoryMayHoldFailsSayingSoAndStoresNothing() throws Exception {
    Instant start = firstRun.get(0).start();

    ClipResult result =
        clip(
            "door",
            start,
            start.plusSeconds(4),
            OnGap.CONCATENATE,
            Inputs.URLS,
            "clips/ns/big.mp4",
            OptionalLong.of(64 * 1024));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.reason()).isEqualTo(ClipResult.CLIP_TOO_LARGE);
    assertThat(result.message()).contains("work directory");
    assertThat(exists("clips/ns/big.mp4")).isFalse();
  }

  @Test
  void aResolutionChangeInsideTheRangeFailsClearlyAndStoresNothing() throws Exception {
    // Two contiguous segments as the recorder writes them, the second at another resolution.
    Instant t0 = firstRun.get(0).start().minus(Duration.ofHours(1));
    upload(synthetic(320, 240, "a.mp4"), new SegmentKey(NS, "switch", t0, SEGMENT));
    upload(synthetic(640, 360, "b.mp4"), new SegmentKey(NS, "switch", t0.plus(SEGMENT), SEGMENT));

    ClipResult joined =
        clip("switch", t0, t0.plusSeconds(4), OnGap.CONCATENATE, Inputs.URLS, "clips/ns/sw.mp4");

    assertThat(joined.succeeded()).isFalse();
    assertThat(joined.reason()).isEqualTo(ClipResult.CODEC_PARAMETERS_CHANGED);
    assertThat(joined.message()).contains("320x240", "640x360", t0.plus(SEGMENT).toString());
    assertThat(exists("clips/ns/sw.mp4")).isFalse();
    // Either side alone is a clip.
    assertThat(clip("switch", t0, t0.plusSeconds(2), OnGap.CONCATENATE, Inputs.URLS).succeeded())
        .isTrue();
  }

  @Test
  void aDamagedSegmentInsideTheRangeFailsTheCutAndStoresNothing() throws Exception {
    Instant t0 = firstRun.get(0).start().minus(Duration.ofHours(2));
    Path whole = synthetic(320, 240, "whole.mp4");
    Path truncated = tmp.resolve("truncated.mp4");
    byte[] bytes = Files.readAllBytes(whole);
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    upload(whole, new SegmentKey(NS, "damaged", t0, SEGMENT));
    upload(truncated, new SegmentKey(NS, "damaged", t0.plus(SEGMENT), SEGMENT));
    upload(whole, new SegmentKey(NS, "damaged", t0.plus(SEGMENT.multipliedBy(2)), SEGMENT));

    ClipResult result =
        clip("damaged", t0, t0.plusSeconds(6), OnGap.CONCATENATE, Inputs.URLS, "clips/ns/dm.mp4");

    assertThat(result.succeeded()).isFalse();
    assertThat(result.reason()).isEqualTo(ClipResult.CUT_FAILED);
    assertThat(exists("clips/ns/dm.mp4")).isFalse();
  }

  @Test
  void theCommandInItsOwnProcessLeavesItsResultInTheTerminationLogAndNoSecretInItsOutput()
      throws Exception {
    Instant start = firstRun.get(1).start().plusMillis(200);
    Path log = tmp.resolve("clip-process.log");
    Path terminationLog = tmp.resolve("clip-termination-log");
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-Xmx48m",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.camrec.recorder.Main",
                "clip")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.put(StoreEnv.S3_ENDPOINT, s3.endpoint().toString());
    env.put(StoreEnv.S3_BUCKET, BUCKET);
    env.put(StoreEnv.S3_ACCESS_KEY, s3.accessKey());
    env.put(StoreEnv.S3_SECRET_KEY, s3.secretKey());
    env.put(CommonEnv.NAMESPACE, NS);
    env.put(CommonEnv.CAMERA, "door");
    env.put(CommonEnv.FFMPEG, FFMPEG.toString());
    env.put(CommonEnv.TERMINATION_LOG, terminationLog.toString());
    env.put(ClipEnv.START, start.toString());
    env.put(ClipEnv.END, start.plusSeconds(3).toString());
    env.put(ClipEnv.ON_GAP, "Concatenate");
    env.put(ClipEnv.OBJECT_KEY, "clips/ns/by-process-0000.mp4");
    env.put(ClipEnv.SEGMENT_SECONDS, "2");
    env.put(ClipEnv.WORK_DIR, tmp.resolve("work").toString());
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    String output = Files.readString(log);
    assertThat(p.exitValue()).as(output).isZero();
    ClipResult result = ClipResult.parse(Files.readString(terminationLog)).orElseThrow();
    assertThat(result.succeeded()).isTrue();
    assertThat(result.objectKey()).isEqualTo("clips/ns/by-process-0000.mp4");
    assertThat(exists(result.objectKey())).isTrue();
    assertThat(output + Files.readString(terminationLog))
        .doesNotContain(s3.secretKey())
        .doesNotContain("X-Amz-Signature");
    assertThat(tmp.resolve("work")).isEmptyDirectory();
  }

  ClipResult clip(String camera, Instant start, Instant end, OnGap onGap, Inputs inputs) {
    return clip(
        camera,
        start,
        end,
        onGap,
        inputs,
        "clips/ns/" + camera + "-" + start.toEpochMilli() + ".mp4");
  }

  ClipResult clip(
      String camera, Instant start, Instant end, OnGap onGap, Inputs inputs, String key) {
    return clip(camera, start, end, onGap, inputs, key, OptionalLong.empty());
  }

  ClipResult clip(
      String camera,
      Instant start,
      Instant end,
      OnGap onGap,
      Inputs inputs,
      String key,
      OptionalLong workDirLimit) {
    return new Clipper(
            new ClipConfig(
                NS,
                camera,
                start,
                end,
                onGap,
                key,
                SEGMENT,
                store(),
                tmp.resolve("work"),
                workDirLimit,
                FFMPEG,
                FFPROBE,
                inputs))
        .run();
  }

  StoreSettings store() {
    return new StoreSettings(
        s3.endpoint().toString(), "us-east-1", BUCKET, s3.accessKey(), s3.secretKey());
  }

  Path download(ClipResult result) throws Exception {
    Path file = tmp.resolve("downloaded-" + System.nanoTime() + ".mp4");
    minio.downloadObject(
        io.minio.DownloadObjectArgs.builder()
            .bucket(BUCKET)
            .object(result.objectKey())
            .filename(file.toString())
            .build());
    return file;
  }

  boolean exists(String key) {
    try {
      minio.statObject(StatObjectArgs.builder().bucket(BUCKET).object(key).build());
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  void upload(Path file, SegmentKey key) throws Exception {
    minio.uploadObject(
        UploadObjectArgs.builder()
            .bucket(BUCKET)
            .object(key.objectKey())
            .filename(file.toString())
            .build());
  }

  /** A 2 s segment muxed as the recorder muxes them (fragmented MP4), from a test pattern. */
  Path synthetic(int width, int height, String name) throws Exception {
    Path out = tmp.resolve(name);
    run(
        FFMPEG.toString(),
        "-hide_banner",
        "-loglevel",
        "error",
        "-f",
        "lavfi",
        "-i",
        "testsrc2=size=" + width + "x" + height + ":rate=" + FPS,
        "-t",
        "2",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-tune",
        "zerolatency",
        "-g",
        String.valueOf(FPS),
        "-movflags",
        "+frag_keyframe+empty_moov+default_base_moof",
        "-f",
        "mp4",
        out.toString());
    return out;
  }

  /** The first frame a player presents is at 0: the edit list hides the lead-in. */
  static void assertStartsAtZero(Path clip) throws Exception {
    double first =
        probe(clip, "-select_streams", "v:0", "-show_entries", "frame=pts_time").stream()
            .filter(s -> !s.isBlank() && !s.equals("N/A"))
            .mapToDouble(Double::parseDouble)
            .min()
            .orElseThrow();
    assertThat(first).as("first presented video frame").isBetween(0.0, FRAME);
  }

  static double videoDuration(Path clip) throws Exception {
    return Double.parseDouble(
        probe(clip, "-select_streams", "v:0", "-show_entries", "stream=duration").get(0));
  }

  static String decodedFrames(Path clip) throws Exception {
    return probe(
            clip,
            "-count_frames",
            "-select_streams",
            "v:0",
            "-show_entries",
            "stream=nb_read_frames")
        .get(0);
  }

  static List<String> probe(Path file, String... query) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(FFPROBE.toString(), "-v", "error"));
    cmd.addAll(Arrays.asList(query));
    cmd.addAll(List.of("-of", "csv=p=0", file.toString()));
    return List.of(run(cmd.toArray(String[]::new)).split("\n"));
  }

  static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("%s: %s", cmd[0], out).isZero();
    return out;
  }

  /** The types of the file's top-level boxes, in order. */
  static List<String> topLevelBoxes(Path file) throws Exception {
    List<String> types = new ArrayList<>();
    try (var ch = Files.newByteChannel(file)) {
      long pos = 0;
      long size = ch.size();
      ByteBuffer header = ByteBuffer.allocate(16);
      while (pos + 8 <= size) {
        header.clear();
        ch.position(pos).read(header);
        long boxSize = Integer.toUnsignedLong(header.getInt(0));
        types.add(new String(header.array(), 4, 4, StandardCharsets.ISO_8859_1));
        if (boxSize == 1) {
          boxSize = header.getLong(8);
        } else if (boxSize == 0) {
          break;
        }
        pos += boxSize;
      }
    }
    return types;
  }

  SimulatedCamera camera(Kind kind) {
    SimulatedCamera camera =
        SimulatedCamera.builder(FFMPEG, kind).resolution(320, 240).fps(FPS).start();
    closeLast.add(camera);
    return camera;
  }

  RecordingConfig recording(SimulatedCamera camera, String name) {
    return new RecordingConfig(
        camera.url(),
        null,
        null,
        SEGMENT,
        AudioMode.COPY,
        Duration.ofSeconds(5),
        store(),
        NS,
        name,
        tmp.resolve("spool-" + name + "-" + System.nanoTime()),
        1L << 30,
        new InetSocketAddress("127.0.0.1", 0),
        FFMPEG,
        FFPROBE,
        ClockSetting.AUTO,
        Duration.ofMillis(RecordEnv.DEFAULT_CLOCK_TOLERANCE_MS));
  }
}
