package dev.camrec.operator.camera;

import dev.camrec.contract.layout.SegmentKey;
import dev.camrec.operator.common.ObservationCadence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The one place that decides what a break in the stored recording is: a gap between one segment's
 * end and the next segment's start, read from the object keys alone. The operator cannot see the
 * recorder's metrics, but camera drops, stalls and recorder restarts all leave such a gap; the
 * schedule's own pauses are not breaks.
 */
public final class RecordingBreaks {

  /**
   * Gaps up to this long are not breaks. Consecutive segments of one FFmpeg run abut within a few
   * milliseconds (start = first-packet wall time + media offset, rounded to ms), while any relaunch
   * waits at least the ~1 s backoff before it reconnects; 500 ms sits well between the two.
   */
  static final Duration TOLERANCE = Duration.ofMillis(500);

  /** Breaks are counted over this much recent time. */
  static final Duration WINDOW = ObservationCadence.WINDOW;

  private RecordingBreaks() {}

  /** A stretch of time with no stored recording between two segments. */
  public record Gap(Instant from, Instant to) {
    Instant midpoint() {
      return from.plus(Duration.between(from, to).dividedBy(2));
    }
  }

  /**
   * The gaps longer than {@link #TOLERANCE} between segments, in time order, whatever order the
   * listing gave; overlapping segments (a restarted recorder re-uploading) leave no gap. Time
   * before the first segment and after the last is no gap: nothing is known to be missing there.
   */
  public static List<Gap> gaps(Collection<SegmentKey.Timing> segments) {
    List<SegmentKey.Timing> inOrder = new ArrayList<>(segments);
    inOrder.sort(Comparator.comparing(SegmentKey.Timing::start));
    List<Gap> gaps = new ArrayList<>();
    Instant coveredUntil = null;
    for (SegmentKey.Timing segment : inOrder) {
      Instant end = segment.start().plus(segment.duration());
      if (coveredUntil != null
          && Duration.between(coveredUntil, segment.start()).compareTo(TOLERANCE) > 0) {
        gaps.add(new Gap(coveredUntil, segment.start()));
      }
      if (coveredUntil == null || end.isAfter(coveredUntil)) {
        coveredUntil = end;
      }
    }
    return gaps;
  }

  /**
   * The breaks of the last {@link #WINDOW} before {@code now}: gaps whose midpoint lies in that
   * window and at a time the schedule had recording on (a gap centred in a schedule pause is the
   * pause itself).
   */
  public static long count(List<Gap> gaps, Instant now, Predicate<Instant> scheduledToRecord) {
    Instant since = now.minus(WINDOW);
    return gaps.stream()
        .map(Gap::midpoint)
        .filter(mid -> mid.isAfter(since) && !mid.isAfter(now))
        .filter(scheduledToRecord)
        .count();
  }
}
