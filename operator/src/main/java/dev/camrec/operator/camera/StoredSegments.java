package dev.camrec.operator.camera;

import dev.camrec.contract.layout.SegmentKey;
import dev.camrec.operator.common.EffectiveStorage;
import dev.camrec.operator.common.ObservationCadence;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One camera's stored segments of about the last day, kept between polls in key order (which is
 * time order), so that a poll needs to list only the keys after the newest one it already has.
 *
 * <p>Held as primitives, 20 bytes a segment, with only the newest key as text: a camera with 60 s
 * segments has some 1,500 of them here, and the operator holds this for every camera (as objects,
 * key string included, it was ~216 bytes a segment: 3.2 GB at 10,000 cameras after a day).
 */
final class StoredSegments {

  private long[] startMillis = new long[16];
  private int[] durationMillis = new int[16];
  private long[] sizes = new long[16];
  private int first;
  private int count;
  private String newestKey;

  /** The greatest key held; listing may start after it. */
  Optional<String> newestKey() {
    return Optional.ofNullable(newestKey);
  }

  /** The start of the newest segment held. */
  Optional<Instant> newestStart() {
    return count == 0 ? Optional.empty() : Optional.of(start(count - 1));
  }

  /**
   * Takes one listed segment. Listings come in key order, so a key not after the newest held is one
   * already held (or one that arrived late, which the next full listing picks up).
   */
  void add(String objectKey, SegmentKey.Timing timing, long size) {
    if (newestKey != null && objectKey.compareTo(newestKey) <= 0) {
      return;
    }
    if (count == startMillis.length) {
      grow();
    }
    int slot = slot(count);
    startMillis[slot] = timing.start().toEpochMilli();
    durationMillis[slot] = (int) Math.min(Integer.MAX_VALUE, timing.duration().toMillis());
    sizes[slot] = size;
    count++;
    newestKey = objectKey;
  }

  /** What the segments held say at {@code now}; drops those too old to matter any more. */
  StorageObservation observe(Instant now, EffectiveStorage storage) {
    long keptSince = now.minus(ObservationCadence.KEPT).toEpochMilli();
    while (count > 0 && startMillis[slot(0)] < keptSince) {
      first = slot(1);
      count--;
    }
    if (count == 0) {
      newestKey = null;
    }
    long hourAgo = now.minus(1, ChronoUnit.HOURS).toEpochMilli();
    long dayAgo = now.minus(ObservationCadence.WINDOW).toEpochMilli();
    long lastHour = 0;
    long lastDay = 0;
    List<SegmentKey.Timing> timings = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int slot = slot(i);
      if (startMillis[slot] > dayAgo) {
        lastDay += sizes[slot];
      }
      if (startMillis[slot] > hourAgo) {
        lastHour += sizes[slot];
      }
      timings.add(timing(i));
    }
    Optional<SegmentKey.Timing> newest =
        count == 0 ? Optional.empty() : Optional.of(timing(count - 1));
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

  private Instant start(int index) {
    return Instant.ofEpochMilli(startMillis[slot(index)]);
  }

  private SegmentKey.Timing timing(int index) {
    return new SegmentKey.Timing(start(index), Duration.ofMillis(durationMillis[slot(index)]));
  }

  /** The array slot of the {@code index}-th oldest segment held (a ring). */
  private int slot(int index) {
    return (first + index) % startMillis.length;
  }

  private void grow() {
    int capacity = startMillis.length * 2;
    long[] starts = new long[capacity];
    int[] durations = new int[capacity];
    long[] bytes = new long[capacity];
    for (int i = 0; i < count; i++) {
      int slot = slot(i);
      starts[i] = startMillis[slot];
      durations[i] = durationMillis[slot];
      bytes[i] = sizes[slot];
    }
    startMillis = starts;
    durationMillis = durations;
    sizes = bytes;
    first = 0;
  }
}
