package dev.camrec.operator.camera;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the storage said about one camera: whether it answered (status True/False/Unknown with a
 * reason and message), and its newest segment, recent byte counts and the gaps between stored
 * segments when it did.
 */
public record StorageObservation(
    String status,
    String reason,
    String message,
    Optional<Instant> newestSegmentStart,
    Optional<Instant> newestSegmentEnd,
    long bytesLastHour,
    long bytesLastDay,
    List<RecordingBreaks.Gap> gaps) {

  public static StorageObservation unavailable(String status, String reason, String message) {
    return new StorageObservation(status, reason, message, Optional.empty(), Optional.empty(), 0, 0, List.of());
  }

  public boolean available() {
    return "True".equals(status);
  }
}
