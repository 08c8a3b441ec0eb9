package dev.camrec.contract.env;

/** Environment names every command of the recorder image reads (record, clip, retention). */
public final class CommonEnv {
  /** Namespace of the custom resource the command works for: the object key prefix. */
  public static final String NAMESPACE = "CAMREC_NAMESPACE";

  /** Name of the Camera (record, clip). */
  public static final String CAMERA = "CAMREC_CAMERA";

  /**
   * File the command writes its one-line JSON result to before it exits; the container's
   * terminationMessagePath, read back by the operator from the pod's terminated state.
   */
  public static final String TERMINATION_LOG = "CAMREC_TERMINATION_LOG";

  /** Kubernetes' default terminationMessagePath. */
  public static final String DEFAULT_TERMINATION_LOG = "/dev/termination-log";

  /** Path of the ffmpeg executable; default: ffmpeg on PATH, else the one bundled in the jar. */
  public static final String FFMPEG = "CAMREC_FFMPEG";

  private CommonEnv() {}
}
