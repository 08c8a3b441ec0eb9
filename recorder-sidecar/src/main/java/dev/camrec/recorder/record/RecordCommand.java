package dev.camrec.recorder.record;

import dev.camrec.recorder.FfmpegExecutables;
import dev.camrec.recorder.RecorderEnv;
import dev.camrec.recorder.TerminationLog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
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
 * dev.camrec.recorder.TerminationMessage} in the termination log, stores what it recorded, and
 * exits with the cause's code (10, 11: see {@link FatalCause.Kind}). Picocli's own codes: 1 for an
 * error at start (bad configuration, storage unreachable), 2 for a bad command line.
 */
@Command(
    name = "record",
    mixinStandardHelpOptions = true,
    description = "Record a camera into segments and upload them to S3.")
public final class RecordCommand implements Callable<Integer> {

  private static final Logger LOG = Logger.getLogger(RecordCommand.class.getName());

  /** Kubernetes' default terminationGracePeriodSeconds is 30; leave a little for the JVM. */
  private static final Duration GRACE = Duration.ofSeconds(25);

  @Option(
      names = "--source",
      defaultValue = "${env:" + RecorderEnv.SOURCE_URL + "}",
      description = "Camera URL, no credentials")
  URI source;

  @Option(names = "--username-file", description = "File holding the camera user name")
  Path usernameFile;

  @Option(names = "--password-file", description = "File holding the camera password")
  Path passwordFile;

  @Option(
      names = "--segment-seconds",
      defaultValue = "${env:" + RecorderEnv.SEGMENT_SECONDS + ":-60}")
  int segmentSeconds;

  @Option(
      names = "--audio",
      defaultValue = "${env:" + RecorderEnv.AUDIO + ":-copy}",
      description = "copy, aac or none")
  String audio;

  @Option(
      names = "--input-timeout-seconds",
      defaultValue = "${env:" + RecorderEnv.INPUT_TIMEOUT_SECONDS + ":-10}")
  int inputTimeoutSeconds;

  @Option(names = "--s3-endpoint", defaultValue = "${env:" + RecorderEnv.S3_ENDPOINT + "}")
  URI s3Endpoint;

  @Option(names = "--s3-region", defaultValue = "${env:" + RecorderEnv.S3_REGION + ":-us-east-1}")
  String s3Region;

  @Option(names = "--s3-bucket", defaultValue = "${env:" + RecorderEnv.S3_BUCKET + "}")
  String s3Bucket;

  @Option(names = "--s3-access-key-file", description = "File holding the S3 access key")
  Path s3AccessKeyFile;

  @Option(names = "--s3-secret-key-file", description = "File holding the S3 secret key")
  Path s3SecretKeyFile;

  @Option(names = "--namespace", defaultValue = "${env:" + RecorderEnv.NAMESPACE + "}")
  String namespace;

  @Option(names = "--camera", defaultValue = "${env:" + RecorderEnv.CAMERA + "}")
  String camera;

  @Option(
      names = "--spool-dir",
      defaultValue = "${env:" + RecorderEnv.SPOOL_DIR + ":-" + RecorderEnv.DEFAULT_SPOOL_DIR + "}")
  Path spoolDir;

  @Option(
      names = "--spool-max-bytes",
      defaultValue = "${env:" + RecorderEnv.SPOOL_MAX_BYTES + ":-1073741824}")
  long spoolMaxBytes;

  @Option(
      names = "--http-port",
      defaultValue = "${env:" + RecorderEnv.HTTP_PORT + ":-" + RecorderEnv.DEFAULT_HTTP_PORT + "}")
  int httpPort;

  @Option(
      names = "--http-address",
      defaultValue = "0.0.0.0",
      description = "Address of the health/metrics server")
  String httpAddress;

  @Option(
      names = "--termination-log",
      defaultValue =
          "${env:" + RecorderEnv.TERMINATION_LOG + ":-" + RecorderEnv.DEFAULT_TERMINATION_LOG + "}",
      description = "File that tells Kubernetes why the recorder gave up")
  Path terminationLog;

  private boolean stopped;

  @Override
  public Integer call() throws Exception {
    Map<String, String> env = System.getenv();
    RecordingConfig config =
        new RecordingConfig(
            required(source, "--source / " + RecorderEnv.SOURCE_URL),
            secret(usernameFile, env, RecorderEnv.SOURCE_USERNAME),
            secret(passwordFile, env, RecorderEnv.SOURCE_PASSWORD),
            Duration.ofSeconds(segmentSeconds),
            AudioMode.valueOf(audio.trim().toUpperCase(Locale.ROOT)),
            Duration.ofSeconds(inputTimeoutSeconds),
            required(s3Endpoint, "--s3-endpoint / " + RecorderEnv.S3_ENDPOINT),
            s3Region,
            required(s3Bucket, "--s3-bucket / " + RecorderEnv.S3_BUCKET),
            required(
                secret(s3AccessKeyFile, env, RecorderEnv.S3_ACCESS_KEY), RecorderEnv.S3_ACCESS_KEY),
            required(
                secret(s3SecretKeyFile, env, RecorderEnv.S3_SECRET_KEY), RecorderEnv.S3_SECRET_KEY),
            required(namespace, "--namespace / " + RecorderEnv.NAMESPACE),
            required(camera, "--camera / " + RecorderEnv.CAMERA),
            spoolDir,
            spoolMaxBytes,
            new InetSocketAddress(httpAddress, httpPort),
            FfmpegExecutables.ffmpeg(env),
            FfmpegExecutables.ffprobe(env));
    if (source.getUserInfo() != null) {
      throw new IllegalArgumentException(
          "the camera URL must not carry credentials; use "
              + RecorderEnv.SOURCE_USERNAME
              + "/"
              + RecorderEnv.SOURCE_PASSWORD);
    }
    Recorder recorder = Recorder.start(config);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> stopOnce(recorder, "SIGTERM: finishing the open segment and uploading it"),
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
      recorder.stop(GRACE);
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
