package dev.camrec.api;

/** Condition types and statuses the operator writes; Kubernetes API conventions. */
public final class ConditionTypes {

  /** Camera: the recorder runs (or is scaled to zero on purpose) and stores segments. */
  public static final String READY = "Ready";

  /** Camera: the recorder is connected and segments are landing in storage right now. */
  public static final String RECORDING = "Recording";

  /** Camera: the bucket answered the recorder's last upload. */
  public static final String STORAGE_AVAILABLE = "StorageAvailable";

  /**
   * Camera: recorded footage was lost (deleted from a full spool before the store took it) during
   * the last day. Present only then.
   */
  public static final String FOOTAGE_LOST = "FootageLost";

  /**
   * Camera: the camera's clock agrees with the recorder's within the operator's tolerance (True),
   * is off by more (False), or is not known because the camera sends no RTCP sender reports
   * (Unknown).
   */
  public static final String CAMERA_CLOCK_SYNCED = "CameraClockSynced";

  /**
   * ClipRequest: the clip exists in storage (True), failed for good (False), or is in work
   * (Unknown).
   */
  public static final String SUCCEEDED = "Succeeded";

  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  private ConditionTypes() {}
}
