package dev.camrec.recorder.bench;

import dev.camrec.contract.env.CommonEnv;
import dev.camrec.contract.env.RetentionEnv;
import dev.camrec.contract.env.StoreEnv;
import dev.camrec.contract.layout.SegmentKey;
import dev.camrec.testbed.s3.EmbeddedS3;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Retention benchmark (bench/retention.sh): 10 cameras x 10,000 one-minute segments in the embedded
 * S3 (s3proxy, filesystem store, in this JVM); the policy (maxAge) deletes the older half. Measured
 * in the same run, alternating: the {@code retention} command through the image's launcher script
 * (its production JVM flags) and the MinIO-client baseline ({@link RetentionBaseline}, default JVM
 * flags). Each as a process: wall time and peak RSS from {@code /usr/bin/time}. Then, optionally,
 * one camera with 1,000,000 segments listed by a dry run that would delete half of them, for peak
 * RSS.
 *
 * <p>Args: launcher workDir repeats millionKeys(true|false)
 */
public final class RetentionBench {

  private static final String BUCKET = "camrec";
  private static final String NS = "bench";
  private static final Duration SEGMENT = Duration.ofMinutes(1);
  private static final int CAMERAS = 10;
  private static final int PER_CAMERA = 10_000;

  public static void main(String[] args) throws Exception {
    Path launcher = Path.of(args[0]);
    Path work = Path.of(args[1]);
    int repeats = Integer.parseInt(args[2]);
    boolean million = Boolean.parseBoolean(args[3]);
    java.util.logging.Logger.getLogger("org.gaul").setLevel(java.util.logging.Level.WARNING);
    java.util.logging.Logger.getLogger("org.eclipse.jetty")
        .setLevel(java.util.logging.Level.WARNING);
    deleteTree(work);
    Path data = work.resolve("s3");
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    // Newest segment ends half a minute ago; maxAge of half the segments cuts mid-segment.
    Duration maxAge = SEGMENT.multipliedBy(PER_CAMERA / 2);
    Instant cutoff = now.minus(maxAge);
    List<String> cameras = new ArrayList<>();
    for (int c = 0; c < CAMERAS; c++) {
      cameras.add("cam-" + c);
    }
    List<String[]> rows = new ArrayList<>();
    try (EmbeddedS3 s3 = EmbeddedS3.start(data)) {
      for (int r = 1; r <= repeats; r++) {
        for (String what :
            r % 2 == 1 ? List.of("retention", "baseline") : List.of("baseline", "retention")) {
          long t0 = System.nanoTime();
          fill(s3, data, now, cameras, PER_CAMERA);
          double fillSeconds = (System.nanoTime() - t0) / 1e9;
          Measured m =
              what.equals("retention")
                  ? retention(launcher, s3, work, cameras, cutoff, false)
                  : baseline(s3, work, cameras, cutoff);
          long left = countFiles(data.resolve(BUCKET));
          if (left != (long) CAMERAS * PER_CAMERA / 2) {
            throw new IllegalStateException(what + " left " + left + " keys, not half");
          }
          rows.add(
              new String[] {
                "run " + r + ": " + what,
                fmt(m.seconds),
                fmt(m.rssMiB),
                Long.toString((long) CAMERAS * PER_CAMERA - left),
                fmt(fillSeconds)
              });
        }
      }
      System.out.println(
          "| run (100,000 keys, 10 cameras, deletes half) | wall s | peak RSS MiB | deleted |"
              + " data set made in s |");
      System.out.println("|---|---|---|---|---|");
      for (String[] row : rows) {
        System.out.println("| " + String.join(" | ", row) + " |");
      }
      if (million) {
        deleteTree(data.resolve(BUCKET));
        long t0 = System.nanoTime();
        fill(s3, data, now, List.of("big"), 1_000_000);
        double fillSeconds = (System.nanoTime() - t0) / 1e9;
        // A dry run whose maxAge would delete the older half: it reads all 1,000,000 keys and
        // deletes none, so the figure is the listing's (and the plan's) alone.
        Measured listed =
            retention(
                launcher, s3, work, List.of("big"), now.minus(SEGMENT.multipliedBy(500_000)), true);
        System.out.println();
        System.out.println("| one camera, 1,000,000 keys, dry run | value |");
        System.out.println("|---|---|");
        System.out.println("| data set made in s | " + fmt(fillSeconds) + " |");
        System.out.println("| listing pass: wall s | " + fmt(listed.seconds) + " |");
        System.out.println("| listing pass: peak RSS MiB | " + fmt(listed.rssMiB) + " |");
        System.out.println(
            "| would delete | "
                + listed
                    .output
                    .strip()
                    .lines()
                    .filter(l -> l.contains("dry run:"))
                    .findFirst()
                    .orElse("?")
                + " |");
      }
    }
  }

  private record Measured(double seconds, double rssMiB, String output) {}

  private static Measured retention(
      Path launcher, EmbeddedS3 s3, Path work, List<String> cameras, Instant cutoff, boolean dryRun)
      throws Exception {
    // The command takes its own now: maxAge is set at launch so that its cutoff is this one (to
    // within its start-up, far less than the half segment the cutoff has on either side).
    Duration maxAge = Duration.between(cutoff, Instant.now());
    ProcessBuilder pb =
        new ProcessBuilder("/usr/bin/time", "-f", "TIME %e %M", launcher.toString(), "retention");
    Map<String, String> env = pb.environment();
    env.put(CommonEnv.NAMESPACE, NS);
    env.put(RetentionEnv.CAMERAS, String.join(",", cameras));
    env.put(RetentionEnv.MAX_AGE_SECONDS, Long.toString(maxAge.toSeconds()));
    env.put(RetentionEnv.DRY_RUN, Boolean.toString(dryRun));
    env.put(StoreEnv.S3_ENDPOINT, s3.endpoint().toString());
    env.put(StoreEnv.S3_BUCKET, BUCKET);
    env.put(StoreEnv.S3_ACCESS_KEY, s3.accessKey());
    env.put(StoreEnv.S3_SECRET_KEY, s3.secretKey());
    env.put(CommonEnv.TERMINATION_LOG, work.resolve("termination-log").toString());
    return run(pb, work.resolve("retention.log"));
  }

  private static Measured baseline(EmbeddedS3 s3, Path work, List<String> cameras, Instant cutoff)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "/usr/bin/time",
                "-f",
                "TIME %e %M",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                RetentionBaseline.class.getName(),
                s3.endpoint().toString(),
                s3.accessKey(),
                s3.secretKey(),
                BUCKET,
                NS,
                cutoff.toString()));
    command.addAll(cameras);
    return run(new ProcessBuilder(command), work.resolve("baseline.log"));
  }

  private static Measured run(ProcessBuilder pb, Path log) throws Exception {
    Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    int exit = p.waitFor();
    String output = Files.readString(log);
    String timeLine =
        output
            .lines()
            .filter(l -> l.startsWith("TIME "))
            .reduce((a, b) -> b)
            .orElseThrow(() -> new IllegalStateException("no /usr/bin/time line in " + log));
    if (exit != 0) {
      throw new IllegalStateException(pb.command().get(3) + " exited " + exit + "; see " + log);
    }
    String[] parts = timeLine.split(" ");
    return new Measured(Double.parseDouble(parts[1]), Long.parseLong(parts[2]) / 1024.0, output);
  }

  /** The cameras' segments as empty objects, written straight into s3proxy's files. */
  private static void fill(EmbeddedS3 s3, Path data, Instant now, List<String> cameras, int count)
      throws IOException {
    deleteTree(data.resolve(BUCKET));
    s3.createBucket(BUCKET);
    Instant newestEnd = now.minus(SEGMENT.dividedBy(2));
    for (String camera : cameras) {
      List<String> keys = new ArrayList<>(Math.min(count, 100_000));
      for (int k = count; k >= 1; k--) {
        keys.add(
            new SegmentKey(NS, camera, newestEnd.minus(SEGMENT.multipliedBy(k)), SEGMENT)
                .objectKey());
        if (keys.size() == 100_000) {
          s3.putEmptyObjectsDirectly(BUCKET, keys);
          keys.clear();
        }
      }
      s3.putEmptyObjectsDirectly(BUCKET, keys);
    }
  }

  private static long countFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
