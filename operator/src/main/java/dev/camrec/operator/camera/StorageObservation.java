package dev.camrec.operator.camera;

import java.time.Instant;
import java.util.Optional;

/**
 * What the storage said about one camera: whether it answered (status True/False/Unknown with a
 * reason and message), and its newest segment and recent byte counts when it did.
 */
public record StorageObservation(
    String status,
    String reason,
    String message,
    Optional<Instant> newestSegmentStart,
    Optional<Instant> newestSegmentEnd,
    long bytesLastHour,
    long bytesLastDay) {

  public static StorageObservation unavailable(String status, String reason, String message) {
    return new StorageObservation(status, reason, message, Optional.empty(), Optional.empty(), 0, 0);
  }

  public boolean available() {
    return "True".equals(status);
  }
}
