package dev.camrec.contract.env;

/**
 * Environment of {@code recorder-sidecar record}: the operator sets these on the recorder pod, the
 * recorder reads them. Credentials arrive only this way (or as mounted files), never as
 * command-line arguments, so they stay out of the process list and the pod's args. The names every
 * command shares are in {@link CommonEnv}, the storage's in {@link StoreEnv}.
 */
public final class RecordEnv {
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

  /** Local spool for finished segments awaiting upload, and its size limit in bytes. */
  public static final String SPOOL_DIR = "CAMREC_SPOOL_DIR";

  public static final String SPOOL_MAX_BYTES = "CAMREC_SPOOL_MAX_BYTES";

  /** Port of /healthz, /readyz and /metrics. */
  public static final String HTTP_PORT = "CAMREC_HTTP_PORT";

  /**
   * Seconds the recorder may spend after SIGTERM closing its open segment and uploading what the
   * spool holds. The operator derives it from the pod's terminationGracePeriodSeconds ({@link
   * StopBudget}), so the recorder finishes before the kubelet's SIGKILL.
   */
  public static final String DRAIN_SECONDS = "CAMREC_DRAIN_SECONDS";

  /**
   * Which clock segment keys are on: camera, recorder or auto ({@link
   * dev.camrec.contract.clock.ClockSetting}); default auto.
   */
  public static final String CLOCK = "CAMREC_CLOCK";

  /**
   * Milliseconds the camera's clock may differ from the recorder's before auto keys on the
   * recorder's clock and the camera's status says its clock is off (operator setting, default
   * 2000).
   */
  public static final String CLOCK_TOLERANCE_MS = "CAMREC_CLOCK_TOLERANCE_MS";

  public static final long DEFAULT_CLOCK_TOLERANCE_MS = 2000;

  /** Defaults the operator relies on when it leaves a variable unset. */
  public static final int DEFAULT_HTTP_PORT = 8080;

  public static final String DEFAULT_SPOOL_DIR = "/spool";

  /** Paths of the recorder's HTTP endpoints, for probes. */
  public static final String LIVENESS_PATH = "/healthz";

  public static final String READINESS_PATH = "/readyz";
  public static final String METRICS_PATH = "/metrics";

  private RecordEnv() {}
}
