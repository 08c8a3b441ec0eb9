package dev.camrec.contract.env;

/**
 * Environment of {@code recorder-sidecar clip}; with {@link CommonEnv#NAMESPACE} and {@link
 * CommonEnv#CAMERA} it names the segments to cut from.
 */
public final class ClipEnv {
  /** Start of the clip, RFC 3339. */
  public static final String START = "CAMREC_CLIP_START";

  /** End of the clip (exclusive), RFC 3339. */
  public static final String END = "CAMREC_CLIP_END";

  /** What to do about missing recordings inside the range: Concatenate or Fail. */
  public static final String ON_GAP = "CAMREC_CLIP_ON_GAP";

  /** Object key the clip is stored under ({@code ClipKey}), chosen by the operator. */
  public static final String OBJECT_KEY = "CAMREC_CLIP_OBJECT_KEY";

  /** Directory for the clip file while it is cut (an emptyDir in the Job's pod). */
  public static final String WORK_DIR = "CAMREC_CLIP_WORK_DIR";

  /**
   * The work directory's size limit in bytes: the emptyDir's sizeLimit, beyond which the kubelet
   * evicts the pod, so the clip checks it before cutting. Unset: the file system's free space.
   */
  public static final String WORK_DIR_LIMIT = "CAMREC_CLIP_WORK_DIR_LIMIT";

  /**
   * The Camera's current segment length in seconds: how the listing groups keys by prefix ({@code
   * SegmentListing.spanFor}). Same variable as the recorder's.
   */
  public static final String SEGMENT_SECONDS = RecordEnv.SEGMENT_SECONDS;

  /** Default work directory in the Job's pod (its own emptyDir). */
  public static final String DEFAULT_WORK_DIR = "/work";

  private ClipEnv() {}
}
