package dev.camrec.operator.camera;

import dev.camrec.contract.layout.SegmentKey;
import dev.camrec.operator.common.EffectiveStorage;
import dev.camrec.operator.common.ObservationCadence;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * One camera's stored segments of about the last day, kept between polls in key order (which is
 * time order), so that a poll needs to list only the keys after the newest one it already has.
 */
final class StoredSegments {

  private record Stored(String objectKey, SegmentKey.Timing timing, long size) {}

  private final Deque<Stored> segments = new ArrayDeque<>();

  /** The greatest key held; listing may start after it. */
  Optional<String> newestKey() {
    return Optional.ofNullable(segments.peekLast()).map(Stored::objectKey);
  }

  /** The start of the newest segment held. */
  Optional<Instant> newestStart() {
    return Optional.ofNullable(segments.peekLast()).map(s -> s.timing().start());
  }

  /**
   * Takes one listed segment. Listings come in key order, so a key not after the newest held is one
   * already held (or one that arrived late, which the next full listing picks up).
   */
  void add(String objectKey, SegmentKey.Timing timing, long size) {
    Optional<String> newest = newestKey();
    if (newest.isEmpty() || objectKey.compareTo(newest.get()) > 0) {
      segments.addLast(new Stored(objectKey, timing, size));
    }
  }

  /** What the segments held say at {@code now}; drops those too old to matter any more. */
  StorageObservation observe(Instant now, EffectiveStorage storage) {
    Instant keptSince = now.minus(ObservationCadence.KEPT);
    while (!segments.isEmpty() && segments.peekFirst().timing().start().isBefore(keptSince)) {
      segments.removeFirst();
    }
    Instant hourAgo = now.minus(1, ChronoUnit.HOURS);
    Instant dayAgo = now.minus(ObservationCadence.WINDOW);
    long lastHour = 0;
    long lastDay = 0;
    for (Stored s : segments) {
      if (s.timing().start().isAfter(dayAgo)) {
        lastDay += s.size();
      }
      if (s.timing().start().isAfter(hourAgo)) {
        lastHour += s.size();
      }
    }
    Optional<SegmentKey.Timing> newest =
        Optional.ofNullable(segments.peekLast()).map(Stored::timing);
    List<SegmentKey.Timing> timings = segments.stream().map(Stored::timing).toList();
    return new StorageObservation(
        StorageObservation.Answer.LISTED,
        storage,
        "",
        newest.map(SegmentKey.Timing::start),
        newest.map(t -> t.start().plus(t.duration())),
        lastHour,
        lastDay,
        RecordingBreaks.gaps(timings));
  }
}
