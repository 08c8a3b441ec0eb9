package dev.camrec.recorder;

/**
 * The recorder's configuration contract: environment variable names shared by the recorder (which
 * reads them) and the operator (which sets them on the recorder pod). Credentials arrive only this
 * way, never as command-line arguments, so they stay out of the process list and the pod's args.
 */
public final class RecorderEnv {
  /** Camera URL without credentials: rtsp://, rtsps://, http:// or https://. */
  public static final String SOURCE_URL = "CAMREC_SOURCE_URL";

  /** Camera user name; injected from the camera's Secret. Optional. */
  public static final String SOURCE_USERNAME = "CAMREC_SOURCE_USERNAME";

  /** Camera password; injected from the camera's Secret. Optional. */
  public static final String SOURCE_PASSWORD = "CAMREC_SOURCE_PASSWORD";

  /** Segment length in seconds (2..3600, default 60). */
  public static final String SEGMENT_SECONDS = "CAMREC_SEGMENT_SECONDS";

  /** Audio handling: copy, aac or none (default copy). */
  public static final String AUDIO = "CAMREC_AUDIO";

  /** Seconds without data from the camera before FFmpeg gives up and the recorder reconnects. */
  public static final String INPUT_TIMEOUT_SECONDS = "CAMREC_INPUT_TIMEOUT_SECONDS";

  /** S3 endpoint, e.g. http://minio.camrec:9000. */
  public static final String S3_ENDPOINT = "CAMREC_S3_ENDPOINT";

  public static final String S3_REGION = "CAMREC_S3_REGION";
  public static final String S3_BUCKET = "CAMREC_S3_BUCKET";

  /** S3 access key; injected from the storage Secret. */
  public static final String S3_ACCESS_KEY = "CAMREC_S3_ACCESS_KEY";

  /** S3 secret key; injected from the storage Secret. */
  public static final String S3_SECRET_KEY = "CAMREC_S3_SECRET_KEY";

  /** Namespace and name of the Camera: the object key prefix. */
  public static final String NAMESPACE = "CAMREC_NAMESPACE";

  public static final String CAMERA = "CAMREC_CAMERA";

  /** Local spool for finished segments awaiting upload, and its size limit in bytes. */
  public static final String SPOOL_DIR = "CAMREC_SPOOL_DIR";

  public static final String SPOOL_MAX_BYTES = "CAMREC_SPOOL_MAX_BYTES";

  /** Port of /healthz, /readyz and /metrics. */
  public static final String HTTP_PORT = "CAMREC_HTTP_PORT";

  /** Path of the ffmpeg executable; default: ffmpeg on PATH, else the one bundled in the jar. */
  public static final String FFMPEG = "CAMREC_FFMPEG";

  /**
   * File the recorder writes a {@link TerminationMessage} to before it exits for a cause retrying
   * cannot fix; the container's terminationMessagePath.
   */
  public static final String TERMINATION_LOG = "CAMREC_TERMINATION_LOG";

  /** Defaults the operator relies on when it leaves a variable unset. */
  public static final int DEFAULT_HTTP_PORT = 8080;

  public static final String DEFAULT_SPOOL_DIR = "/spool";

  /** Kubernetes' default terminationMessagePath. */
  public static final String DEFAULT_TERMINATION_LOG = "/dev/termination-log";

  /** Paths of the recorder's HTTP endpoints, for probes. */
  public static final String LIVENESS_PATH = "/healthz";

  public static final String READINESS_PATH = "/readyz";
  public static final String METRICS_PATH = "/metrics";

  private RecorderEnv() {}
}
