package dev.camrec.recorder.clip;

import dev.camrec.contract.env.ClipEnv;
import dev.camrec.contract.env.CommonEnv;
import dev.camrec.contract.store.StoreSettings;
import dev.camrec.contract.termination.ClipResult;
import dev.camrec.contract.termination.TerminationLog;
import dev.camrec.recorder.FfmpegExecutables;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code recorder-sidecar clip}: cuts one ClipRequest's clip and leaves a {@link ClipResult} in the
 * termination log. Options default to their environment variables (the operator configures the Job
 * by env); the storage comes from the environment only, credentials included, so nothing secret is
 * in argv.
 *
 * <p>Exit codes: 0 stored; {@link ClipResult#EXIT_PERMANENT} for what no retry changes (no
 * recordings, gaps with onGap Fail, a codec change, too large for the work directory); {@link
 * ClipResult#EXIT_RETRYABLE} for storage and FFmpeg failures; picocli's 2 for a bad command line.
 */
@Command(
    name = "clip",
    mixinStandardHelpOptions = true,
    description = "Cut one time range of a camera's stored segments into one MP4 and store it.")
public final class ClipCommand implements Callable<Integer> {

  private static final Logger LOG = Logger.getLogger(ClipCommand.class.getName());

  @Option(names = "--namespace", defaultValue = "${env:" + CommonEnv.NAMESPACE + "}")
  String namespace;

  @Option(names = "--camera", defaultValue = "${env:" + CommonEnv.CAMERA + "}")
  String camera;

  @Option(
      names = "--start",
      defaultValue = "${env:" + ClipEnv.START + "}",
      description = "RFC 3339, e.g. 2026-03-02T08:15:00Z")
  String start;

  @Option(names = "--end", defaultValue = "${env:" + ClipEnv.END + "}", description = "RFC 3339")
  String end;

  @Option(
      names = "--on-gap",
      defaultValue = "${env:" + ClipEnv.ON_GAP + ":-Concatenate}",
      description = "Concatenate or Fail")
  String onGap;

  @Option(names = "--object-key", defaultValue = "${env:" + ClipEnv.OBJECT_KEY + "}")
  String objectKey;

  @Option(names = "--segment-seconds", defaultValue = "${env:" + ClipEnv.SEGMENT_SECONDS + ":-60}")
  int segmentSeconds;

  @Option(
      names = "--work-dir",
      defaultValue = "${env:" + ClipEnv.WORK_DIR + ":-" + ClipEnv.DEFAULT_WORK_DIR + "}")
  Path workDir;

  @Option(
      names = "--work-dir-limit",
      defaultValue = "${env:" + ClipEnv.WORK_DIR_LIMIT + "}",
      description = "bytes the work directory may hold; unset: its file system's free space")
  Long workDirLimit;

  @Option(
      names = "--inputs",
      defaultValue = "urls",
      description = "urls (FFmpeg reads presigned URLs) or copy (download segments first)")
  String inputs;

  @Option(
      names = "--termination-log",
      defaultValue =
          "${env:" + CommonEnv.TERMINATION_LOG + ":-" + CommonEnv.DEFAULT_TERMINATION_LOG + "}")
  Path terminationLog;

  @Override
  public Integer call() {
    Map<String, String> env = System.getenv();
    ClipConfig config =
        new ClipConfig(
            required(namespace, CommonEnv.NAMESPACE),
            required(camera, CommonEnv.CAMERA),
            OffsetDateTime.parse(required(start, ClipEnv.START)).toInstant(),
            OffsetDateTime.parse(required(end, ClipEnv.END)).toInstant(),
            ClipConfig.OnGap.valueOf(onGap.trim().toUpperCase(Locale.ROOT)),
            required(objectKey, ClipEnv.OBJECT_KEY),
            Duration.ofSeconds(segmentSeconds),
            StoreSettings.fromEnv(env),
            workDir,
            workDirLimit == null ? OptionalLong.empty() : OptionalLong.of(workDirLimit),
            FfmpegExecutables.ffmpeg(env),
            FfmpegExecutables.ffprobe(env),
            ClipConfig.Inputs.valueOf(inputs.trim().toUpperCase(Locale.ROOT)));
    ClipResult result = new Clipper(config).run();
    new TerminationLog(terminationLog).write(result);
    if (result.succeeded()) {
      LOG.info(result.message());
      return 0;
    }
    LOG.severe(result.reason() + ": " + result.message());
    return exitCode(result.reason());
  }

  static int exitCode(String reason) {
    return switch (reason) {
      case ClipResult.STORAGE_FAILED, ClipResult.CUT_FAILED -> ClipResult.EXIT_RETRYABLE;
      default -> ClipResult.EXIT_PERMANENT;
    };
  }

  private static String required(String value, String variable) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing " + variable);
    }
    return value;
  }
}
