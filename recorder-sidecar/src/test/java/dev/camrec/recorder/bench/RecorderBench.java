package dev.camrec.recorder.bench;

import dev.camrec.contract.env.CommonEnv;
import dev.camrec.contract.env.RecordEnv;
import dev.camrec.contract.env.StoreEnv;
import dev.camrec.recorder.FfmpegExecutables;
import dev.camrec.testbed.camera.SimulatedCamera;
import dev.camrec.testbed.s3.EmbeddedS3;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole recorder (launcher script: JVM + FFmpeg) against bare {@code ffmpeg -c copy -f segment}
 * on the same 1080p ~4 Mbit/s H.264 camera, in the same run: CPU seconds over a steady window after
 * a warm-up, peak RSS, and segment-finished-to-stored latency. Run by bench/recorder.sh; prints
 * Markdown.
 */
public final class RecorderBench {

  public static void main(String[] args) throws Exception {
    Path launcher = Path.of(args[0]).toAbsolutePath();
    int warmupSeconds = Integer.parseInt(args[1]);
    int steadySeconds = Integer.parseInt(args[2]);
    String segmentSeconds = args[3];
    Path work = Files.createTempDirectory("camrec-bench");
    Path ffmpeg = FfmpegExecutables.ffmpeg(System.getenv());
    try (EmbeddedS3 s3 = EmbeddedS3.start(work.resolve("s3"));
        SimulatedCamera camera =
            SimulatedCamera.builder(ffmpeg, SimulatedCamera.Kind.RTSP_H264_AAC)
                .resolution(1920, 1080)
                .fps(25)
                .videoBitrateKbps(4000)
                .start()) {
      s3.createBucket("bench");
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      ProcessBuilder recorderPb =
          new ProcessBuilder("sh", launcher.toString(), "record", "--http-address", "127.0.0.1")
              .redirectErrorStream(true)
              .redirectOutput(work.resolve("recorder.log").toFile());
      Map<String, String> env = recorderPb.environment();
      env.put(RecordEnv.SOURCE_URL, camera.url().toString());
      env.put(RecordEnv.SEGMENT_SECONDS, segmentSeconds);
      env.put(StoreEnv.S3_ENDPOINT, s3.endpoint().toString());
      env.put(StoreEnv.S3_BUCKET, "bench");
      env.put(StoreEnv.S3_ACCESS_KEY, s3.accessKey());
      env.put(StoreEnv.S3_SECRET_KEY, s3.secretKey());
      env.put(CommonEnv.NAMESPACE, "bench");
      env.put(CommonEnv.CAMERA, "cam");
      env.put(RecordEnv.SPOOL_DIR, work.resolve("spool").toString());
      env.put(RecordEnv.HTTP_PORT, Integer.toString(port));
      // What the image does: ffmpeg as a plain executable, not loaded through JavaCPP into the JVM.
      env.put(CommonEnv.FFMPEG, ffmpeg.toString());
      Files.createDirectories(work.resolve("bare"));
      ProcessBuilder barePb =
          new ProcessBuilder(
                  ffmpeg.toString(),
                  "-nostdin",
                  "-loglevel",
                  "error",
                  "-rtsp_transport",
                  "tcp",
                  "-i",
                  camera.url().toString(),
                  "-map",
                  "0",
                  "-c",
                  "copy",
                  "-f",
                  "segment",
                  "-segment_time",
                  segmentSeconds,
                  "-segment_format",
                  "mp4",
                  "-segment_format_options",
                  "movflags=+frag_keyframe+empty_moov+default_base_moof",
                  "-reset_timestamps",
                  "1",
                  work.resolve("bare/%06d.mp4").toString())
              .redirectErrorStream(true)
              .redirectOutput(work.resolve("bare.log").toFile());
      Process recorder = recorderPb.start();
      Process bare = barePb.start();
      try {
        Thread.sleep(warmupSeconds * 1000L);
        ProcessHandle recorderFfmpeg =
            recorder
                .descendants()
                .filter(h -> h.info().command().orElse("").endsWith("ffmpeg"))
                .findFirst()
                .orElseThrow();
        long jvm =
            recorder
                .descendants()
                .filter(h -> h.info().command().orElse("").endsWith("java"))
                .findFirst()
                .map(ProcessHandle::pid)
                .orElse(recorder.pid());
        String before = metrics(port);
        Map<String, Long> threads0 = threadTicks(jvm);
        long[] t0 = {cpuTicks(jvm), cpuTicks(recorderFfmpeg.pid()), cpuTicks(bare.pid())};
        Thread.sleep(steadySeconds * 1000L);
        long[] t1 = {cpuTicks(jvm), cpuTicks(recorderFfmpeg.pid()), cpuTicks(bare.pid())};
        Map<String, Long> threads1 = threadTicks(jvm);
        String after = metrics(port);
        double hz = 100.0; // USER_HZ on Linux
        double jvmCpu = (t1[0] - t0[0]) / hz;
        double recFfCpu = (t1[1] - t0[1]) / hz;
        double bareCpu = (t1[2] - t0[2]) / hz;
        List<String> out = new ArrayList<>();
        out.add(
            "| measure ("
                + segmentSeconds
                + " s segments, "
                + steadySeconds
                + " s steady state after "
                + warmupSeconds
                + " s warm-up) | value |");
        out.add("|---|---|");
        out.add(row("recorder JVM CPU s", jvmCpu));
        out.add(row("recorder FFmpeg CPU s", recFfCpu));
        out.add(row("recorder total CPU s", jvmCpu + recFfCpu));
        out.add(row("bare ffmpeg CPU s", bareCpu));
        out.add(row("ratio recorder / bare", (jvmCpu + recFfCpu) / bareCpu));
        out.add(row("recorder JVM peak RSS MiB", peakRssKib(jvm) / 1024.0));
        out.add(row("recorder FFmpeg peak RSS MiB", peakRssKib(recorderFfmpeg.pid()) / 1024.0));
        out.add(row("bare ffmpeg peak RSS MiB", peakRssKib(bare.pid()) / 1024.0));
        TreeMap<Double, Double> buckets = bucketDelta(before, after);
        out.add(row("segments stored in window", buckets.lastEntry().getValue()));
        out.add(row("upload latency p50 <= s (bucket bound)", quantile(buckets, 0.5)));
        out.add(row("upload latency p99 <= s (bucket bound)", quantile(buckets, 0.99)));
        out.forEach(System.out::println);
        System.out.println();
        System.out.println(
            "JVM CPU s by thread in the window (threads that ended inside it under \"(ended)\"):");
        System.out.println();
        System.out.println("| thread | CPU s |");
        System.out.println("|---|---|");
        long attributed = 0;
        TreeMap<String, Long> byName = new TreeMap<>();
        for (Map.Entry<String, Long> e : threads1.entrySet()) {
          long delta = e.getValue() - threads0.getOrDefault(e.getKey(), 0L);
          attributed += delta;
          String name = e.getKey().substring(e.getKey().indexOf(' ') + 1);
          byName.merge(name, delta, Long::sum);
        }
        byName.put("(ended)", (t1[0] - t0[0]) - attributed);
        byName.entrySet().stream()
            .filter(e -> e.getValue() > 0)
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .forEach(e -> System.out.println(row(e.getKey(), e.getValue() / hz)));
      } finally {
        stop(bare.toHandle());
        stop(recorder.toHandle());
      }
    } finally {
      // Two recordings and a bucket: hundreds of MiB a run.
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * SIGTERM, and SIGKILL if that was not enough: a bare FFmpeg once ignored SIGTERM for minutes.
   */
  private static void stop(ProcessHandle process) throws Exception {
    process.destroy();
    try {
      process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      process.destroyForcibly();
      process.onExit().get();
    }
  }

  private static String row(String name, double value) {
    return "| " + name + " | " + String.format(Locale.ROOT, "%.3f", value) + " |";
  }

  private static long cpuTicks(long pid) throws Exception {
    return ticksOf(Files.readString(Path.of("/proc/" + pid + "/stat")));
  }

  private static long ticksOf(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
  }

  /** CPU ticks of each live thread of a process, keyed by "tid name". */
  private static Map<String, Long> threadTicks(long pid) throws Exception {
    Map<String, Long> ticks = new TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks.toList()) {
        try {
          String comm = Files.readString(task.resolve("comm")).strip();
          ticks.put(task.getFileName() + " " + comm, cpuTicks(pid, task.getFileName().toString()));
        } catch (java.nio.file.NoSuchFileException ended) {
          // the thread ended between listing and reading
        }
      }
    }
    return ticks;
  }

  private static long cpuTicks(long pid, String tid) throws Exception {
    return ticksOf(Files.readString(Path.of("/proc/" + pid + "/task/" + tid + "/stat")));
  }

  private static long peakRssKib(long pid) throws Exception {
    return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
        .filter(l -> l.startsWith("VmHWM:"))
        .map(l -> Long.parseLong(l.replaceAll("\\D", "")))
        .findFirst()
        .orElse(-1L);
  }

  private static String metrics(int port) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** Cumulative bucket counts of the latency histogram gained between two scrapes. */
  private static TreeMap<Double, Double> bucketDelta(String before, String after) {
    TreeMap<Double, Double> a = buckets(after);
    TreeMap<Double, Double> b = buckets(before);
    TreeMap<Double, Double> d = new TreeMap<>();
    a.forEach((le, n) -> d.put(le, n - b.getOrDefault(le, 0.0)));
    return d;
  }

  private static TreeMap<Double, Double> buckets(String metrics) {
    TreeMap<Double, Double> m = new TreeMap<>();
    metrics
        .lines()
        .filter(l -> l.startsWith("camrec_upload_latency_seconds_bucket{"))
        .forEach(
            l -> {
              String le = l.substring(l.indexOf("le=\"") + 4, l.indexOf("\"}"));
              m.put(
                  le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le),
                  Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)));
            });
    return m;
  }

  private static double quantile(TreeMap<Double, Double> cumulative, double q) {
    double total = cumulative.lastEntry().getValue();
    for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
      if (e.getValue() >= q * total) {
        return e.getKey();
      }
    }
    return Double.NaN;
  }
}
