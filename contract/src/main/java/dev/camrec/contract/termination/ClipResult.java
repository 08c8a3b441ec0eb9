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
 * @param gaps ranges inside the clip with no recording, at most {@link #MAX_GAPS}
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

  /** About 60 bytes each: 30 of them leave room for everything else within 4 KiB. */
  public static final int MAX_GAPS = 30;

  public ClipResult {
    message = TerminationJson.shortened(message, MAX_MESSAGE_CHARS);
    gaps = gaps == null ? List.of() : gaps;
    if (gaps.size() > MAX_GAPS) {
      gapsOmitted += gaps.size() - MAX_GAPS;
      gaps = List.copyOf(gaps.subList(0, MAX_GAPS));
    }
  }

  public static Optional<ClipResult> parse(String text) {
    return TerminationJson.parse(text, ClipResult.class).filter(r -> r.reason() != null);
  }
}
