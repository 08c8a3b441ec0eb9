package dev.camrec.recorder.record;

import dev.camrec.contract.clock.ClockSetting;
import dev.camrec.contract.env.CommonEnv;
import dev.camrec.contract.env.RecordEnv;
import dev.camrec.contract.env.StoreEnv;
import dev.camrec.contract.store.StoreSettings;
import dev.camrec.contract.termination.TerminationLog;
import dev.camrec.recorder.FfmpegExecutables;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code recorder-sidecar record}: every option defaults to its environment variable (the operator
 * configures pods by env only). Credentials have no option on purpose: they come from the
 * environment or from mounted files, so they never show in the process list.
 *
 * <p>Runs until SIGTERM (exit 143, after the open segment is stored), or until a {@link FatalCause}
 * that relaunching FFmpeg cannot fix: then the recorder leaves a {@link
 * dev.camrec.contract.termination.TerminationMessage} in the termination log, stores what it
 * recorded, and exits with the cause's code (10 to 13: see {@link FatalCause.Kind}); a
 * configuration it cannot use (12, 13) is found before anything starts. Picocli's own codes: 1 for
 * an error at start (storage unreachable), 2 for a command line it cannot parse.
 */
@Command(
    name = "record",
    mixinStandardHelpOptions = true,
    description = "Record a camera into segments and upload them to S3.")
public final class RecordCommand implements Callable<Integer> {

  private static final Logger LOG = Logger.getLogger(RecordCommand.class.getName());

  @Option(
      names = "--source",
      defaultValue = "${env:" + RecordEnv.SOURCE_URL + "}",
      description = "Camera URL, no credentials")
  URI source;

  @Option(names = "--username-file", description = "File holding the camera user name")
  Path usernameFile;

  @Option(names = "--password-file", description = "File holding the camera password")
  Path passwordFile;

  @Option(
      names = "--segment-seconds",
      defaultValue = "${env:" + RecordEnv.SEGMENT_SECONDS + ":-60}")
  int segmentSeconds;

  @Option(
      names = "--audio",
      defaultValue = "${env:" + RecordEnv.AUDIO + ":-copy}",
      description = "copy, aac or none")
  String audio;

  @Option(
      names = "--input-timeout-seconds",
      defaultValue = "${env:" + RecordEnv.INPUT_TIMEOUT_SECONDS + ":-10}")
  int inputTimeoutSeconds;

  @Option(
      names = "--drain-seconds",
      defaultValue = "${env:" + RecordEnv.DRAIN_SECONDS + ":-25}",
      description =
          "After SIGTERM: seconds to close the open segment and upload the spool before exiting."
              + " The operator sets it from the pod's grace period; 25 fits Kubernetes' default 30.")
  int drainSeconds;

  @Option(
      names = "--clock",
      defaultValue = "${env:" + RecordEnv.CLOCK + ":-auto}",
      description = "Clock of the segment keys: camera, recorder or auto")
  String clock;

  @Option(
      names = "--clock-tolerance-ms",
      defaultValue =
          "${env:"
              + RecordEnv.CLOCK_TOLERANCE_MS
              + ":-"
              + RecordEnv.DEFAULT_CLOCK_TOLERANCE_MS
              + "}",
      description = "How far the camera's clock may be off for auto to key on it")
  long clockToleranceMs;

  @Option(names = "--s3-endpoint", defaultValue = "${env:" + StoreEnv.S3_ENDPOINT + "}")
  URI s3Endpoint;

  @Option(
      names = "--s3-region",
      defaultValue = "${env:" + StoreEnv.S3_REGION + ":-" + StoreEnv.DEFAULT_REGION + "}")
  String s3Region;

  @Option(names = "--s3-bucket", defaultValue = "${env:" + StoreEnv.S3_BUCKET + "}")
  String s3Bucket;

  @Option(names = "--s3-access-key-file", description = "File holding the S3 access key")
  Path s3AccessKeyFile;

  @Option(names = "--s3-secret-key-file", description = "File holding the S3 secret key")
  Path s3SecretKeyFile;

  @Option(names = "--namespace", defaultValue = "${env:" + CommonEnv.NAMESPACE + "}")
  String namespace;

  @Option(names = "--camera", defaultValue = "${env:" + CommonEnv.CAMERA + "}")
  String camera;

  @Option(
      names = "--spool-dir",
      defaultValue = "${env:" + RecordEnv.SPOOL_DIR + ":-" + RecordEnv.DEFAULT_SPOOL_DIR + "}")
  Path spoolDir;

  @Option(
      names = "--spool-max-bytes",
      defaultValue = "${env:" + RecordEnv.SPOOL_MAX_BYTES + ":-1073741824}")
  long spoolMaxBytes;

  @Option(
      names = "--http-port",
      defaultValue = "${env:" + RecordEnv.HTTP_PORT + ":-" + RecordEnv.DEFAULT_HTTP_PORT + "}")
  int httpPort;

  @Option(
      names = "--http-address",
      defaultValue = "0.0.0.0",
      description = "Address of the health/metrics server")
  String httpAddress;

  @Option(
      names = "--termination-log",
      defaultValue =
          "${env:" + CommonEnv.TERMINATION_LOG + ":-" + CommonEnv.DEFAULT_TERMINATION_LOG + "}",
      description = "File that tells Kubernetes why the recorder gave up")
  Path terminationLog;

  private boolean stopped;

  @Override
  public Integer call() throws Exception {
    // Every configuration the recorder cannot use ends in a termination message the operator
    // shows, not in a bare exit 1 of picocli's.
    Optional<String> badSource = SourceCheck.problem(source);
    if (badSource.isPresent()) {
      return cannotStart(new FatalCause(FatalCause.Kind.INVALID_SOURCE, badSource.get()));
    }
    RecordingConfig config;
    try {
      config = configuration();
    } catch (IllegalArgumentException | IOException e) {
      return cannotStart(new FatalCause(FatalCause.Kind.RECORDER_MISCONFIGURED, e.getMessage()));
    }
    Recorder recorder = Recorder.start(config);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () ->
                    stopOnce(
                        recorder,
                        "SIGTERM: closing the open segment and uploading the spool within "
                            + drainSeconds
                            + " s"),
                "shutdown"));
    FatalCause cause = recorder.awaitFatalCause();
    LOG.severe(
        "recording cannot go on: "
            + cause.terminationMessage().reason()
            + ": "
            + cause.message()
            + " Exiting with code "
            + cause.exitCode()
            + " once the finished segments are stored.");
    new TerminationLog(terminationLog).write(cause.terminationMessage());
    stopOnce(recorder, "uploading the finished segments");
    return cause.exitCode();
  }

  private RecordingConfig configuration() throws IOException {
    Map<String, String> env = System.getenv();
    return new RecordingConfig(
        source,
        secret(usernameFile, env, RecordEnv.SOURCE_USERNAME),
        secret(passwordFile, env, RecordEnv.SOURCE_PASSWORD),
        Duration.ofSeconds(segmentSeconds),
        audioMode(),
        Duration.ofSeconds(inputTimeoutSeconds),
        new StoreSettings(
            required(s3Endpoint, "--s3-endpoint / " + StoreEnv.S3_ENDPOINT).toString(),
            s3Region,
            required(s3Bucket, "--s3-bucket / " + StoreEnv.S3_BUCKET),
            required(secret(s3AccessKeyFile, env, StoreEnv.S3_ACCESS_KEY), StoreEnv.S3_ACCESS_KEY),
            required(secret(s3SecretKeyFile, env, StoreEnv.S3_SECRET_KEY), StoreEnv.S3_SECRET_KEY)),
        required(namespace, "--namespace / " + CommonEnv.NAMESPACE),
        required(camera, "--camera / " + CommonEnv.CAMERA),
        spoolDir,
        spoolMaxBytes,
        new InetSocketAddress(httpAddress, httpPort),
        FfmpegExecutables.ffmpeg(env),
        FfmpegExecutables.ffprobe(env),
        ClockSetting.fromEnv(clock),
        Duration.ofMillis(clockToleranceMs));
  }

  private AudioMode audioMode() {
    try {
      return AudioMode.valueOf(audio.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown audio mode " + audio + " (" + RecordEnv.AUDIO + "); use copy, aac or none");
    }
  }

  /** Leaves the cause in the termination log and exits with its code: nothing was recorded. */
  private int cannotStart(FatalCause cause) {
    LOG.severe("cannot record: " + cause.terminationMessage().reason() + ": " + cause.message());
    new TerminationLog(terminationLog).write(cause.terminationMessage());
    return cause.exitCode();
  }

  /**
   * The graceful stop, whichever comes first: SIGTERM's shutdown hook or a fatal cause. Exiting
   * after a fatal cause runs the hook too, which then finds the work done.
   */
  private synchronized void stopOnce(Recorder recorder, String why) {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      LOG.info(why);
      recorder.stop(Duration.ofSeconds(drainSeconds));
      recorder.close();
    } catch (Exception e) {
      LOG.severe("unclean stop: " + e);
    }
  }

  private static <T> T required(T value, String what) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      throw new IllegalArgumentException("missing " + what);
    }
    return value;
  }

  /**
   * A mounted file wins over the environment variable; trailing newlines are not part of a secret.
   */
  private static String secret(Path file, Map<String, String> env, String variable)
      throws IOException {
    if (file != null) {
      return Files.readString(file).strip();
    }
    return env.get(variable);
  }
}
