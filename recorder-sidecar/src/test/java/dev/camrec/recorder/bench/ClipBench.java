package dev.camrec.recorder.bench;

import dev.camrec.contract.env.ClipEnv;
import dev.camrec.contract.env.CommonEnv;
import dev.camrec.contract.env.StoreEnv;
import dev.camrec.contract.layout.SegmentKey;
import dev.camrec.contract.store.FileRegion;
import dev.camrec.contract.store.StoreConnection;
import dev.camrec.contract.store.StoreSettings;
import dev.camrec.contract.store.StoreTimeouts;
import dev.camrec.contract.store.VerifiedMultipartUpload;
import dev.camrec.contract.store.VerifiedUpload;
import dev.camrec.contract.termination.ClipResult;
import dev.camrec.recorder.FfmpegExecutables;
import dev.camrec.testbed.s3.EmbeddedS3;
import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MinioClient;
import io.minio.UploadObjectArgs;
import io.minio.http.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * bench/clip.sh: a one-hour clip from 60 one-minute 1080p ~4 Mbit/s segments in s3proxy, cut by the
 * clip command as a Job runs it (launcher script: JVM with its production flags + FFmpeg), against
 * a baseline that only reads the same 60 objects to /dev/null (curl, one connection), in the same
 * run, several rounds. Prints Markdown.
 */
public final class ClipBench {

  static final int SEGMENTS = 60;
  static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

  public static void main(String[] args) throws Exception {
    Path launcher = Path.of(args[0]).toAbsolutePath();
    int rounds = Integer.parseInt(args[1]);
    Path work = Files.createTempDirectory("camrec-clip-bench");
    Path ffmpeg = FfmpegExecutables.ffmpeg(System.getenv());
    Path segment = segment(ffmpeg);
    try (EmbeddedS3 s3 = EmbeddedS3.start(work.resolve("s3"));
        MinioClient minio =
            MinioClient.builder()
                .endpoint(s3.endpoint().toString())
                .credentials(s3.accessKey(), s3.secretKey())
                .build()) {
      s3.createBucket("bench");
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < SEGMENTS; i++) {
        keys.add(
            new SegmentKey("bench", "cam", T0.plusSeconds(60L * i), Duration.ofSeconds(60))
                .objectKey());
      }
      minio.uploadObject(
          UploadObjectArgs.builder()
              .bucket("bench")
              .object(keys.get(0))
              .filename(segment.toString())
              .build());
      for (String key : keys.subList(1, keys.size())) {
        minio.copyObject(
            CopyObjectArgs.builder()
                .bucket("bench")
                .object(key)
                .source(CopySource.builder().bucket("bench").object(keys.get(0)).build())
                .build());
      }
      long total = Files.size(segment) * SEGMENTS;
      List<String> rows = new ArrayList<>();
      List<Double> baselines = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        double base = baseline(minio, keys);
        baselines.add(base);
        rows.add(
            String.format(
                Locale.ROOT,
                "| %d | baseline: curl reads the 60 objects | %.1f | %.0f MB/s | | | |",
                round,
                base,
                total / 1e6 / base));
        for (String inputs : round == 1 ? List.of("urls", "copy") : List.of("urls")) {
          Run r = clip(launcher, s3, work, inputs, "clips/bench/c" + round + inputs + ".mp4");
          rows.add(
              String.format(
                  Locale.ROOT,
                  "| %d | clip, inputs=%s | %.1f | %.2fx baseline | %.0f | %.0f | %.0f |",
                  round,
                  inputs,
                  r.seconds,
                  r.seconds / base,
                  r.jvmPeakRssKib / 1024.0,
                  r.ffmpegPeakRssKib / 1024.0,
                  r.peakDiskBytes / 1e6));
        }
        Path cut = work.resolve("floor-" + round + ".mp4");
        double ffmpegAlone = ffmpegAlone(ffmpeg, minio, keys, work, cut);
        rows.add(
            String.format(
                Locale.ROOT,
                "| %d | floor: FFmpeg alone cuts the hour to a local file | %.1f | %.2fx baseline"
                    + " | | | %.0f |",
                round,
                ffmpegAlone,
                ffmpegAlone / base,
                Files.size(cut) / 1e6));
        double cpuBefore = harnessCpuSeconds();
        double uploadAlone = multipartAlone(s3, cut, "clips/bench/floor" + round + ".mp4");
        System.err.printf(
            Locale.ROOT,
            "multipart upload alone: CPU seconds of the harness JVM (upload and s3proxy) %.1f%n",
            harnessCpuSeconds() - cpuBefore);
        rows.add(
            String.format(
                Locale.ROOT,
                "| %d | floor: multipart upload alone of that file (32 MiB parts, MD5 each, 3 in"
                    + " flight) | %.1f | %.2fx baseline | | | |",
                round,
                uploadAlone,
                uploadAlone / base));
        Files.delete(cut);
      }
      System.out.println(
          String.format(
              Locale.ROOT,
              "60 x 60 s segments of %.1f MB (%.2f GB), 1080p 25 fps ~4 Mbit/s H.264 + AAC",
              Files.size(segment) / 1e6,
              total / 1e9));
      System.out.println();
      System.out.println(
          "| round | run | seconds | vs baseline | JVM peak RSS MiB | FFmpeg peak RSS MiB |"
              + " peak work dir MB |");
      System.out.println("|---|---|---|---|---|---|---|");
      rows.forEach(System.out::println);
    } finally {
      // Several GB: the store's objects and the clips of every round.
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  record Run(double seconds, long jvmPeakRssKib, long ffmpegPeakRssKib, long peakDiskBytes) {}

  static Run clip(Path launcher, EmbeddedS3 s3, Path work, String inputs, String key)
      throws Exception {
    Path dir = Files.createDirectories(work.resolve("work-" + inputs + System.nanoTime()));
    Path termination = work.resolve("termination-" + System.nanoTime());
    ProcessBuilder pb =
        new ProcessBuilder("sh", launcher.toString(), "clip", "--inputs", inputs)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("clip-" + inputs + ".log").toFile());
    Map<String, String> env = pb.environment();
    env.put(StoreEnv.S3_ENDPOINT, s3.endpoint().toString());
    env.put(StoreEnv.S3_BUCKET, "bench");
    env.put(StoreEnv.S3_ACCESS_KEY, s3.accessKey());
    env.put(StoreEnv.S3_SECRET_KEY, s3.secretKey());
    env.put(CommonEnv.NAMESPACE, "bench");
    env.put(CommonEnv.CAMERA, "cam");
    env.put(CommonEnv.TERMINATION_LOG, termination.toString());
    env.put(ClipEnv.START, T0.toString());
    env.put(ClipEnv.END, T0.plusSeconds(60L * SEGMENTS).toString());
    env.put(ClipEnv.OBJECT_KEY, key);
    env.put(ClipEnv.SEGMENT_SECONDS, "60");
    env.put(ClipEnv.WORK_DIR, dir.toString());
    long started = System.nanoTime();
    double storeCpu = harnessCpuSeconds();
    Process p = pb.start();
    AtomicLong jvmCpu = new AtomicLong();
    AtomicLong ffCpu = new AtomicLong();
    AtomicLong jvm = new AtomicLong();
    AtomicLong ff = new AtomicLong();
    AtomicLong disk = new AtomicLong();
    Thread sampler =
        new Thread(
            () -> {
              while (p.isAlive()) {
                jvm.accumulateAndGet(peakRssKib(p.pid()), Math::max);
                jvmCpu.accumulateAndGet(cpuTicks(p.pid()), Math::max);
                p.descendants()
                    .filter(h -> h.info().command().orElse("").matches(".*ff(mpeg|probe)$"))
                    .forEach(
                        h -> {
                          ff.accumulateAndGet(peakRssKib(h.pid()), Math::max);
                          if (h.info().command().orElse("").endsWith("ffmpeg")) {
                            ffCpu.accumulateAndGet(cpuTicks(h.pid()), Math::max);
                          }
                        });
                disk.accumulateAndGet(size(dir), Math::max);
                try {
                  Thread.sleep(50);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.start();
    int exit = p.waitFor();
    double seconds = (System.nanoTime() - started) / 1e9;
    sampler.join();
    // Where the CPU went (sampled every 50 ms, so the last 50 ms of each may be missing).
    System.err.printf(
        Locale.ROOT,
        "%s: CPU seconds: clip JVM %.1f, FFmpeg %.1f, s3proxy (the harness JVM) %.1f%n",
        inputs,
        jvmCpu.get() / 100.0,
        ffCpu.get() / 100.0,
        harnessCpuSeconds() - storeCpu);
    // The clip's own account of its phases, for the notes under the table.
    Files.readAllLines(work.resolve("clip-" + inputs + ".log")).stream()
        .filter(l -> l.contains("clip timing") || l.contains("clip upload"))
        .forEach(l -> System.err.println(inputs + ": " + l.replaceAll(".*INFO [^:]*: ", "")));
    ClipResult result = ClipResult.parse(Files.readString(termination)).orElseThrow();
    if (exit != 0 || !result.succeeded()) {
      throw new IllegalStateException("clip failed: " + result.message());
    }
    return new Run(seconds, jvm.get(), ff.get(), disk.get());
  }

  /**
   * FFmpeg's share alone: the same concat of the 60 presigned URLs, stream copy, moov room reserved
   * as the clip reserves it, into a local file; no listing, no checks, no upload.
   */
  static double ffmpegAlone(Path ffmpeg, MinioClient minio, List<String> keys, Path work, Path out)
      throws Exception {
    StringBuilder script = new StringBuilder("ffconcat version 1.0\n");
    for (String key : keys) {
      script.append("file '").append(presignedGet(minio, key)).append("'\n");
      script.append("option seekable 0\nduration 60.000000\n");
    }
    Path file = Files.writeString(work.resolve("floor.ffconcat"), script);
    long started = System.nanoTime();
    Process p =
        new ProcessBuilder(
                ffmpeg.toString(),
                "-hide_banner",
                "-nostdin",
                "-loglevel",
                "error",
                "-protocol_whitelist",
                "file,http,https,tcp,tls",
                "-f",
                "concat",
                "-safe",
                "0",
                "-i",
                file.toString(),
                "-map",
                "0:v:0",
                "-map",
                "0:a:0?",
                "-c",
                "copy",
                "-moov_size",
                "10000000",
                "-f",
                "mp4",
                "-y",
                out.toString())
            .inheritIO()
            .start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("FFmpeg failed");
    }
    return (System.nanoTime() - started) / 1e9;
  }

  /**
   * The store's share alone: the file sent as the clip sends it (parts of the clip's size, each
   * hashed for Content-MD5, as many in flight), from this JVM (C2, not the clip's C1).
   */
  static double multipartAlone(EmbeddedS3 s3, Path file, String key) throws Exception {
    long size = Files.size(file);
    long part = 32L * 1024 * 1024;
    long started = System.nanoTime();
    try (StoreConnection store =
        StoreConnection.open(
            new StoreSettings(
                s3.endpoint().toString(), "us-east-1", "bench", s3.accessKey(), s3.secretKey()),
            StoreTimeouts.TRANSFER)) {
      VerifiedMultipartUpload upload =
          VerifiedMultipartUpload.start(store, key, VerifiedUpload.MP4);
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        List<Future<?>> parts = new ArrayList<>();
        for (long offset = 0; offset < size; offset += part) {
          int number = (int) (offset / part) + 1;
          FileRegion region = new FileRegion(file, offset, Math.min(part, size - offset));
          parts.add(
              pool.submit(
                  () -> {
                    upload.put(number, region);
                    return null;
                  }));
        }
        for (Future<?> f : parts) {
          f.get();
        }
        upload.complete();
      } finally {
        pool.shutdown();
      }
    }
    return (System.nanoTime() - started) / 1e9;
  }

  static String presignedGet(MinioClient minio, String key) throws Exception {
    return minio.getPresignedObjectUrl(
        GetPresignedObjectUrlArgs.builder()
            .method(Method.GET)
            .bucket("bench")
            .object(key)
            .expiry(3600)
            .build());
  }

  /** Reads every object once, in order, on one connection, to /dev/null. */
  static double baseline(MinioClient minio, List<String> keys) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("curl", "-s", "--fail"));
    for (String key : keys) {
      cmd.add(presignedGet(minio, key));
      cmd.add("-o");
      cmd.add("/dev/null");
    }
    long started = System.nanoTime();
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("curl failed");
    }
    return (System.nanoTime() - started) / 1e9;
  }

  /**
   * One 60 s segment as the recorder muxes them (fragmented MP4, keyframe every second), 1080p 25
   * fps ~4 Mbit/s H.264 and AAC; encoded once and kept in java.io.tmpdir.
   */
  static Path segment(Path ffmpeg) throws Exception {
    Path file = Path.of(System.getProperty("java.io.tmpdir"), "camrec-clip-bench-segment.mp4");
    if (Files.exists(file)) {
      return file;
    }
    Path tmp = Path.of(file + ".part.mp4");
    Process p =
        new ProcessBuilder(
                ffmpeg.toString(),
                "-hide_banner",
                "-loglevel",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
                "testsrc2=size=1920x1080:rate=25",
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=440:sample_rate=48000",
                "-t",
                "60",
                "-pix_fmt",
                "yuv420p",
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-tune",
                "zerolatency",
                "-b:v",
                "4000k",
                "-minrate",
                "4000k",
                "-maxrate",
                "4000k",
                "-bufsize",
                "4000k",
                "-x264-params",
                "nal-hrd=cbr",
                "-g",
                "25",
                "-keyint_min",
                "25",
                "-sc_threshold",
                "0",
                "-c:a",
                "aac",
                "-b:a",
                "64k",
                "-ac",
                "1",
                "-movflags",
                "+frag_keyframe+empty_moov+default_base_moof",
                "-f",
                "mp4",
                tmp.toString())
            .inheritIO()
            .start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("could not encode the bench segment");
    }
    Files.move(tmp, file);
    return file;
  }

  static long peakRssKib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (Exception e) {
      // gone
    }
    return 0;
  }

  /** utime + stime of a process in clock ticks (1/100 s on Linux). */
  static long cpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (Exception e) {
      return 0; // gone
    }
  }

  /** CPU this JVM (s3proxy and the harness) has used. */
  static double harnessCpuSeconds() {
    return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos() / 1e9;
  }

  static long size(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    } catch (Exception e) {
      return 0;
    }
  }
}
