package dev.camrec.contract.termination;

import java.util.List;
import java.util.Optional;

/**
 * What {@code recorder-sidecar clip} did, left in the termination log for the operator to copy into
 * the ClipRequest's status.
 *
 * @param succeeded whether the clip is stored under {@code objectKey}
 * @param reason CamelCase reason for the Succeeded condition
 * @param message what happened, for a person; never holds a credential
 * @param objectKey where the clip is stored (when succeeded)
 * @param sizeBytes the stored clip's size (when succeeded)
 * @param actualStart where the clip really starts, RFC 3339
 * @param actualEnd where the clip really ends, RFC 3339
 * @param gaps ranges inside the clip with no recording, as many as fit the termination message
 * @param gapsOmitted how many more gaps there were than {@code gaps} lists
 */
public record ClipResult(
    boolean succeeded,
    String reason,
    String message,
    String objectKey,
    Long sizeBytes,
    String actualStart,
    String actualEnd,
    List<TimeSpan> gaps,
    int gapsOmitted)
    implements TerminationJson {

  /** The clip is stored. */
  public static final String CLIP_STORED = "ClipStored";

  /** No segment of the camera overlaps the range. */
  public static final String NO_RECORDINGS = "NoRecordings";

  /** Recordings are missing inside the range and the request said onGap: Fail. */
  public static final String RECORDING_GAPS = "RecordingGaps";

  /**
   * The camera's stream changed (resolution, codec, parameter sets) inside the range: one MP4 track
   * cannot hold both as a stream copy.
   */
  public static final String CODEC_PARAMETERS_CHANGED = "CodecParametersChanged";

  /** The clip needs more room than the clip Job's work directory has free (it is cut there). */
  public static final String CLIP_TOO_LARGE = "ClipTooLarge";

  /** FFmpeg could not cut the clip from the segments. */
  public static final String CUT_FAILED = "CutFailed";

  /** The store could not be listed or read, or did not confirm the upload. */
  public static final String STORAGE_FAILED = "StorageFailed";

  /**
   * Exit code of a clip that no retry can save (the reasons above but the last two): the Job's
   * podFailurePolicy fails the Job at once on it instead of spending its backoffLimit.
   */
  public static final int EXIT_PERMANENT = 3;

  /** Exit code of a failure a retry may overcome (storage, FFmpeg). */
  public static final int EXIT_RETRYABLE = 1;

  /**
   * Bytes left for the gaps: 4 KiB less the message, an object key of Kubernetes' longest names
   * (about 400 bytes) and the other fields. About 60 bytes a gap: some 30 gaps.
   */
  static final int GAPS_BUDGET = MAX_BYTES - MAX_MESSAGE_BYTES - 1_100;

  public ClipResult {
    message = TerminationJson.shortened(message, MAX_MESSAGE_BYTES);
    List<TimeSpan> all = gaps == null ? List.of() : gaps;
    gaps = TerminationJson.fitting(all, GAPS_BUDGET);
    gapsOmitted += all.size() - gaps.size();
  }

  /** A failure: nothing stored. */
  public static ClipResult failed(String reason, String message, List<TimeSpan> gaps) {
    return new ClipResult(false, reason, message, null, null, null, null, gaps, 0);
  }

  public static Optional<ClipResult> parse(String text) {
    return TerminationJson.parse(text, ClipResult.class).filter(r -> r.reason() != null);
  }
}
