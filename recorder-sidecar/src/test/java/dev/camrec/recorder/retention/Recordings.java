package dev.camrec.recorder.retention;

import dev.camrec.contract.layout.SegmentKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Segment keys laid out as a recorder leaves them, and which of them a retention run must keep,
 * worked out the plain way (all in memory, newest first) to check the streamed plan against.
 */
final class Recordings {

  private Recordings() {}

  /**
   * {@code count} abutting segments of {@code length}, the newest ending half a segment before
   * {@code now}: an age cutoff of whole segments from {@code now} then falls mid-segment, so a run
   * a few seconds later deletes the same ones.
   */
  static List<SegmentKey> segments(
      String namespace, String camera, Instant now, Duration length, int count) {
    Instant newestEnd = now.minus(length.dividedBy(2));
    List<SegmentKey> keys = new ArrayList<>();
    for (int k = count; k >= 1; k--) {
      keys.add(new SegmentKey(namespace, camera, newestEnd.minus(length.multipliedBy(k)), length));
    }
    return keys;
  }

  static List<String> objectKeys(List<SegmentKey> segments) {
    return segments.stream().map(SegmentKey::objectKey).toList();
  }

  /** The keys of one camera that a run with these limits keeps (each segment {@code size}). */
  static Set<String> kept(
      List<SegmentKey> segments, long size, Instant now, Duration maxAge, Long maxBytes) {
    Instant cutoff = now.minus(maxAge);
    List<SegmentKey> young =
        segments.stream()
            .filter(s -> !s.end().isBefore(cutoff))
            .sorted(Comparator.comparing(SegmentKey::start).reversed())
            .toList();
    Set<String> kept = new TreeSet<>();
    long bytes = 0;
    for (SegmentKey s : young) {
      if (maxBytes != null && bytes + size > maxBytes) {
        break;
      }
      bytes += size;
      kept.add(s.objectKey());
    }
    return kept;
  }
}
