package dev.camrec.recorder.bench;

import dev.camrec.contract.clock.ClockSetting;
import dev.camrec.contract.layout.SegmentKey;
import dev.camrec.contract.store.StoreSettings;
import dev.camrec.recorder.FfmpegExecutables;
import dev.camrec.recorder.record.AudioMode;
import dev.camrec.recorder.record.Recorder;
import dev.camrec.recorder.record.RecordingConfig;
import dev.camrec.testbed.camera.SimulatedCamera;
import dev.camrec.testbed.s3.EmbeddedS3;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * The recorder under camera and FFmpeg faults, with its default 10 s input timeout, on an RTSP
 * camera with audio (in this JVM: the figures are the recorder's reaction times, not its cost):
 *
 * <ul>
 *   <li>stall: the camera stops sending with its connection open; seconds until the recorder
 *       counted the gap;
 *   <li>return: the camera drops for 40 s (port closed, like a reboot); seconds from its return to
 *       the start of the next stored segment;
 *   <li>kills: the recorder's FFmpeg is SIGKILLed every 6 s, 8 times, with 10 s segments (so no run
 *       finishes one: like a camera that drops every 30 s with 60 s segments); the holes between
 *       stored segments.
 * </ul>
 *
 * Run by bench/recorder-faults.sh; prints Markdown.
 */
public final class FaultBench {

  private static final Duration SEGMENT = Duration.ofSeconds(2);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Path FFMPEG = FfmpegExecutables.ffmpeg(System.getenv());
  private static final Path FFPROBE = FfmpegExecutables.ffprobe(System.getenv());

  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("camrec-fault-bench");
    try (EmbeddedS3 s3 = EmbeddedS3.start(work.resolve("s3"))) {
      s3.createBucket("bench");
      System.out.println("| fault | figure |");
      System.out.println("|---|---|");
      row("stall noticed after (s)", stall(s3, work));
      row("camera back to next segment (s)", cameraReturn(s3, work));
      List<Double> holes = kills(s3, work);
      row(
          "holes under 8 FFmpeg kills, mean / max (s)",
          String.format(
              Locale.ROOT,
              "%.2f / %.2f (%d holes)",
              holes.stream().mapToDouble(d -> d).average().orElse(0),
              holes.stream().mapToDouble(d -> d).max().orElse(0),
              holes.size()));
    } finally {
      try (var files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    System.exit(0);
  }

  private static String stall(EmbeddedS3 s3, Path work) throws Exception {
    try (SimulatedCamera camera = camera();
        Recorder recorder = Recorder.start(config(s3, camera, "stall", work, SEGMENT))) {
      await(() -> recorder.metrics().segmentsStored() >= 2, Duration.ofSeconds(60));
      camera.stall();
      long stalled = System.nanoTime();
      await(() -> recorder.metrics().gaps() >= 1, Duration.ofSeconds(60));
      double seconds = (System.nanoTime() - stalled) / 1e9;
      camera.resume();
      recorder.stop(Duration.ofSeconds(10));
      return String.format(Locale.ROOT, "%.1f", seconds);
    }
  }

  private static String cameraReturn(EmbeddedS3 s3, Path work) throws Exception {
    MinioClient client = client(s3);
    try (SimulatedCamera camera = camera();
        Recorder recorder = Recorder.start(config(s3, camera, "return", work, SEGMENT))) {
      await(() -> recorder.metrics().segmentsStored() >= 2, Duration.ofSeconds(60));
      Duration down = Duration.ofSeconds(40);
      camera.drop(down);
      Instant back = Instant.now().plus(down);
      await(
          () -> keys(client, "return").stream().anyMatch(k -> k.start().isAfter(back)),
          Duration.ofSeconds(120));
      Instant next =
          keys(client, "return").stream()
              .map(SegmentKey::start)
              .filter(s -> s.isAfter(back))
              .findFirst()
              .orElseThrow();
      recorder.stop(Duration.ofSeconds(10));
      return String.format(Locale.ROOT, "%.1f", Duration.between(back, next).toMillis() / 1e3);
    }
  }

  private static List<Double> kills(EmbeddedS3 s3, Path work) throws Exception {
    MinioClient client = client(s3);
    try (SimulatedCamera camera = camera()) {
      RecordingConfig config = config(s3, camera, "kills", work, Duration.ofSeconds(10));
      try (Recorder recorder = Recorder.start(config)) {
        await(() -> recorder.metrics().segmentsStored() >= 1, Duration.ofSeconds(60));
        for (int i = 0; i < 8; i++) {
          Thread.sleep(6000);
          ProcessHandle.current()
              .descendants()
              .filter(p -> recordsInto(p, config.spoolDir()))
              .forEach(ProcessHandle::destroyForcibly);
        }
        Thread.sleep(6000);
        recorder.stop(Duration.ofSeconds(20));
      }
      List<SegmentKey> keys = keys(client, "kills");
      List<Double> holes = new ArrayList<>();
      for (int i = 1; i < keys.size(); i++) {
        long hole = Duration.between(keys.get(i - 1).end(), keys.get(i).start()).toMillis();
        if (hole > 50) {
          holes.add(hole / 1e3);
        }
      }
      return holes;
    }
  }

  /** The recorder's FFmpeg, not the camera's: it writes into the spool. */
  private static boolean recordsInto(ProcessHandle p, Path spool) {
    return Arrays.stream(p.info().arguments().orElse(new String[0]))
        .anyMatch(a -> a.startsWith(spool.toString()));
  }

  private static void row(String name, String value) {
    System.out.println("| " + name + " | " + value + " |");
  }

  private static SimulatedCamera camera() {
    return SimulatedCamera.builder(FFMPEG, SimulatedCamera.Kind.RTSP_H264_AAC)
        .resolution(320, 240)
        .fps(15)
        .start();
  }

  private static RecordingConfig config(
      EmbeddedS3 s3, SimulatedCamera camera, String name, Path work, Duration segment) {
    return new RecordingConfig(
        camera.url(),
        null,
        null,
        segment,
        AudioMode.COPY,
        TIMEOUT,
        new StoreSettings(
            s3.endpoint().toString(), "us-east-1", "bench", s3.accessKey(), s3.secretKey()),
        "bench",
        name,
        work.resolve("spool-" + name),
        1L << 30,
        new InetSocketAddress("127.0.0.1", 0),
        FFMPEG,
        FFPROBE,
        // Holes are measured on the recorder's clock, as the recorder's own tests do.
        ClockSetting.RECORDER,
        Duration.ofSeconds(2));
  }

  private static MinioClient client(EmbeddedS3 s3) {
    return MinioClient.builder()
        .endpoint(s3.endpoint().toString())
        .credentials(s3.accessKey(), s3.secretKey())
        .build();
  }

  private static List<SegmentKey> keys(MinioClient client, String camera) {
    try {
      return listKeys(client, camera);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<SegmentKey> listKeys(MinioClient client, String camera) throws Exception {
    List<SegmentKey> keys = new ArrayList<>();
    for (Result<Item> r :
        client.listObjects(
            ListObjectsArgs.builder()
                .bucket("bench")
                .prefix(SegmentKey.cameraPrefix("bench", camera))
                .recursive(true)
                .build())) {
      String name = r.get().objectName();
      if (!EmbeddedS3.isUnfinishedPut(name)) {
        SegmentKey.parse(name).ifPresent(keys::add);
      }
    }
    keys.sort(Comparator.comparing(SegmentKey::start));
    return keys;
  }

  private static void await(BooleanSupplier condition, Duration atMost) throws Exception {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("condition not met within " + atMost);
      }
      Thread.sleep(50);
    }
  }
}
