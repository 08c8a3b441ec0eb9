package dev.camrec.operator.camera;

import dev.camrec.contract.layout.RecordingGaps;
import dev.camrec.operator.common.EffectiveStorage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the storage said about one camera: how it answered, and its newest segment, recent byte
 * counts and the gaps between stored segments when it listed them. Facts only: {@link
 * StorageCondition} words them for the status.
 *
 * @param answer how the store answered
 * @param storage where the camera's segments go
 * @param detail what the store said when it failed: an S3 error code, an exception's class, or for
 *     missing credentials the Secret's namespace/name
 */
public record StorageObservation(
    Answer answer,
    EffectiveStorage storage,
    String detail,
    Optional<Instant> newestSegmentStart,
    Optional<Instant> newestSegmentEnd,
    long bytesLastHour,
    long bytesLastDay,
    List<RecordingGaps.Gap> gaps) {

  /** How the store answered a poll. */
  public enum Answer {
    /** The bucket is there and its keys were listed. */
    LISTED,
    /** The bucket answered, but listing its keys did not finish (a slow store). */
    LISTING_INCOMPLETE,
    BUCKET_NOT_FOUND,
    ACCESS_DENIED,
    STORAGE_ERROR,
    UNREACHABLE,
    /** No key pair to ask with: the Secret or one of its keys is missing. */
    CREDENTIALS_MISSING
  }

  /** An answer without segment figures. */
  public static StorageObservation without(Answer answer, EffectiveStorage storage, String detail) {
    return new StorageObservation(
        answer, storage, detail, Optional.empty(), Optional.empty(), 0, 0, List.of());
  }

  /** Whether the bucket is there to take segments. */
  public boolean available() {
    return answer == Answer.LISTED || answer == Answer.LISTING_INCOMPLETE;
  }

  /** Whether the segment figures (newest, bytes, gaps) are what the store holds. */
  public boolean segmentsKnown() {
    return answer == Answer.LISTED;
  }

  /** "bucket B at ENDPOINT", for messages. */
  public String where() {
    return "bucket " + storage.bucket() + " at " + storage.endpoint();
  }
}
