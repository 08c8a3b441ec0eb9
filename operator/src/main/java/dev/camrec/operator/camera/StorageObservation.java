package dev.camrec.operator.camera;

import dev.camrec.contract.layout.RecordingGaps;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the storage said about one camera: whether it answered (status True/False/Unknown with a
 * reason and message), and its newest segment, recent byte counts and the gaps between stored
 * segments when it did. A bucket that answered but whose listing did not finish is available with a
 * {@code listingProblem}: what landed is then not known.
 */
public record StorageObservation(
    String status,
    String reason,
    String message,
    Optional<Instant> newestSegmentStart,
    Optional<Instant> newestSegmentEnd,
    long bytesLastHour,
    long bytesLastDay,
    List<RecordingGaps.Gap> gaps,
    Optional<String> listingProblem) {

  public static StorageObservation unavailable(String status, String reason, String message) {
    return new StorageObservation(
        status,
        reason,
        message,
        Optional.empty(),
        Optional.empty(),
        0,
        0,
        List.of(),
        Optional.empty());
  }

  public static StorageObservation listingIncomplete(
      String reason, String message, String problem) {
    return new StorageObservation(
        "True",
        reason,
        message,
        Optional.empty(),
        Optional.empty(),
        0,
        0,
        List.of(),
        Optional.of(problem));
  }

  public boolean available() {
    return "True".equals(status);
  }

  /** Whether the segment figures (newest, bytes, gaps) are what the store holds. */
  public boolean segmentsKnown() {
    return available() && listingProblem.isEmpty();
  }
}
