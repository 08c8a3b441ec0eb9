package dev.camrec.sandbox.images;

import dev.camrec.contract.env.CommonEnv;
import dev.camrec.contract.env.RecordEnv;
import dev.camrec.contract.env.StoreEnv;
import dev.camrec.contract.layout.SegmentKey;
import dev.camrec.recorder.FfmpegExecutables;
import dev.camrec.testbed.camera.SimulatedCamera;
import dev.camrec.testbed.s3.EmbeddedS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The recorder in its container against the same recorder as a bare process (the launcher script on
 * the host, same FFmpeg build: the host's is unpacked from the same org.bytedeco jar), side by side
 * on one 1080p 25 fps ~4 Mbit/s H.264+AAC camera, uploading to one S3. CPU seconds over a steady
 * window after a warm-up and peak RSS, from /proc (the container's processes are host processes);
 * for the container also podman's conmon and the cgroup's memory. Run by bench/images.sh; prints
 * Markdown.
 *
 * <p>Arguments: repository root, recorder image, warm-up s, steady s, segment s.
 */
public final class ImageBench {

  private static final String BUCKET = "bench";

  public static void main(String[] args) throws Exception {
    Path repo = Path.of(args[0]).toAbsolutePath();
    String image = args[1];
    int warmupSeconds = Integer.parseInt(args[2]);
    int steadySeconds = Integer.parseInt(args[3]);
    int segmentSeconds = Integer.parseInt(args[4]);
    Path work = Files.createTempDirectory("camrec-image-bench");
    Path ffmpeg = FfmpegExecutables.ffmpeg(System.getenv());
    String name = "camrec-bench-recorder-" + ProcessHandle.current().pid();
    Process bare = null;
    Path s3Data = work.resolve("s3");
    try (EmbeddedS3 s3 = EmbeddedS3.start(s3Data);
        SimulatedCamera camera =
            SimulatedCamera.builder(ffmpeg, SimulatedCamera.Kind.RTSP_H264_AAC)
                .resolution(1920, 1080)
                .fps(25)
                .videoBitrateKbps(4000)
                .start()) {
      s3.createBucket(BUCKET);
      RecorderContainer container =
          RecorderContainer.start(
              name,
              image,
              camera.url(),
              s3,
              BUCKET,
              "bench",
              "container",
              segmentSeconds,
              work.resolve("container-spool"),
              ImagesSmoke.freePort());
      ProcessBuilder barePb =
          new ProcessBuilder(
                  "sh",
                  repo.resolve("recorder-sidecar/target/recorder-sidecar").toString(),
                  "record",
                  "--http-address",
                  "127.0.0.1")
              .redirectErrorStream(true)
              .redirectOutput(work.resolve("bare.log").toFile());
      Map<String, String> env = barePb.environment();
      env.put(RecordEnv.SOURCE_URL, camera.url().toString());
      env.put(RecordEnv.SEGMENT_SECONDS, Integer.toString(segmentSeconds));
      env.put(StoreEnv.S3_ENDPOINT, s3.endpoint().toString());
      env.put(StoreEnv.S3_BUCKET, BUCKET);
      env.put(StoreEnv.S3_ACCESS_KEY, s3.accessKey());
      env.put(StoreEnv.S3_SECRET_KEY, s3.secretKey());
      env.put(CommonEnv.NAMESPACE, "bench");
      env.put(CommonEnv.CAMERA, "bare");
      env.put(RecordEnv.SPOOL_DIR, work.resolve("bare-spool").toString());
      env.put(RecordEnv.HTTP_PORT, Integer.toString(ImagesSmoke.freePort()));
      env.put(CommonEnv.FFMPEG, ffmpeg.toString());
      bare = barePb.start();

      Thread.sleep(warmupSeconds * 1000L);
      long containerJvm = container.pid();
      long conmon = ProcessHandle.of(containerJvm).orElseThrow().parent().orElseThrow().pid();
      long containerFfmpeg = onlyChild(containerJvm);
      long bareJvm = bare.pid(); // the launcher execs java
      long bareFfmpeg = onlyChild(bareJvm);
      long[] pids = {containerJvm, containerFfmpeg, conmon, bareJvm, bareFfmpeg};
      long[] t0 = ticks(pids);
      int stored0c = stored(s3Data, "container");
      int stored0b = stored(s3Data, "bare");
      Thread.sleep(steadySeconds * 1000L);
      long[] t1 = ticks(pids);
      double[] cpu = new double[pids.length];
      for (int i = 0; i < pids.length; i++) {
        cpu[i] = (t1[i] - t0[i]) / 100.0; // USER_HZ
      }
      Path cgroup = memoryCgroup(containerJvm);
      List<String> out = new ArrayList<>();
      out.add(
          "| measure ("
              + segmentSeconds
              + " s segments, "
              + steadySeconds
              + " s steady state after "
              + warmupSeconds
              + " s warm-up) | container | bare process |");
      out.add("|---|---|---|");
      out.add(row("JVM CPU s", cpu[0], cpu[3]));
      out.add(row("FFmpeg CPU s", cpu[1], cpu[4]));
      out.add(row("conmon CPU s (podman's container monitor)", cpu[2], Double.NaN));
      out.add(row("total CPU s", cpu[0] + cpu[1] + cpu[2], cpu[3] + cpu[4]));
      out.add(row("JVM peak RSS MiB", mib(kib(containerJvm, "VmHWM")), mib(kib(bareJvm, "VmHWM"))));
      out.add(
          row(
              "FFmpeg peak RSS MiB",
              mib(kib(containerFfmpeg, "VmHWM")),
              mib(kib(bareFfmpeg, "VmHWM"))));
      out.add(row("conmon RSS MiB", mib(kib(conmon, "VmRSS")), Double.NaN));
      out.add(
          row(
              "container cgroup: rss MiB now (memory.stat)",
              cgroupStat(cgroup, "total_rss") / 1048576.0,
              Double.NaN));
      out.add(
          row(
              "container cgroup: peak usage MiB incl. page cache",
              Long.parseLong(Files.readString(cgroup.resolve("memory.max_usage_in_bytes")).strip())
                  / 1048576.0,
              Double.NaN));
      out.add(
          row(
              "segments stored in window",
              stored(s3Data, "container") - stored0c,
              stored(s3Data, "bare") - stored0b));
      out.forEach(System.out::println);
    } finally {
      Podman.remove(name);
      if (bare != null) {
        bare.destroy();
        bare.waitFor();
      }
      try (Stream<Path> paths = Files.walk(work)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static long onlyChild(long pid) {
    return ProcessHandle.of(pid).orElseThrow().children().findFirst().orElseThrow().pid();
  }

  private static long[] ticks(long[] pids) throws Exception {
    long[] ticks = new long[pids.length];
    for (int i = 0; i < pids.length; i++) {
      String stat = Files.readString(Path.of("/proc/" + pids[i] + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      ticks[i] = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
    }
    return ticks;
  }

  private static long kib(long pid, String field) throws Exception {
    return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
        .filter(l -> l.startsWith(field + ":"))
        .map(l -> Long.parseLong(l.replaceAll("\\D", "")))
        .findFirst()
        .orElse(-1L);
  }

  private static double mib(long kib) {
    return kib / 1024.0;
  }

  /** The cgroup v1 memory controller's folder of a process. */
  private static Path memoryCgroup(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"))) {
      String[] f = line.split(":", 3);
      if (List.of(f[1].split(",")).contains("memory")) {
        return Path.of("/sys/fs/cgroup/memory" + f[2]);
      }
    }
    throw new IllegalStateException("no memory cgroup for " + pid);
  }

  private static long cgroupStat(Path cgroup, String key) throws Exception {
    return Files.readAllLines(cgroup.resolve("memory.stat")).stream()
        .filter(l -> l.startsWith(key + " "))
        .map(l -> Long.parseLong(l.substring(key.length() + 1)))
        .findFirst()
        .orElse(-1L);
  }

  private static int stored(Path s3Data, String camera) throws Exception {
    Path dir = s3Data.resolve(BUCKET).resolve(SegmentKey.cameraPrefix("bench", camera));
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return (int)
          files
              .filter(Files::isRegularFile)
              .filter(p -> !EmbeddedS3.isUnfinishedPut(p.getFileName().toString()))
              .count();
    }
  }

  private static String row(String name, double container, double bare) {
    return "| "
        + name
        + " | "
        + String.format(Locale.ROOT, "%.3f", container)
        + " | "
        + (Double.isNaN(bare) ? "" : String.format(Locale.ROOT, "%.3f", bare))
        + " |";
  }
}
