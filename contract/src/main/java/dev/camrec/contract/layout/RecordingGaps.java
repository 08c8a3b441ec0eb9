package dev.camrec.contract.layout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The one place that decides what a gap in the stored recording is: time between one segment's end
 * and the next segment's start, read from the object keys alone. Camera drops, stalls and recorder
 * restarts all leave such a gap. The operator counts them as a Camera's breaks; a clip lists the
 * ones inside its range.
 */
public final class RecordingGaps {

  /**
   * Gaps up to this long are not gaps. Consecutive segments of one FFmpeg run abut within a few
   * milliseconds (start = first-packet wall time + media offset, rounded to ms), while any relaunch
   * waits at least the ~1 s backoff before it reconnects; 500 ms sits well between the two.
   */
  public static final Duration TOLERANCE = Duration.ofMillis(500);

  private RecordingGaps() {}

  /** A stretch of time with no stored recording between two segments. */
  public record Gap(Instant from, Instant to) {
    public Instant midpoint() {
      return from.plus(Duration.between(from, to).dividedBy(2));
    }

    public Duration length() {
      return Duration.between(from, to);
    }
  }

  /**
   * The gaps longer than {@link #TOLERANCE} between segments, in time order, whatever order the
   * listing gave; overlapping segments (a restarted recorder re-uploading) leave no gap. Time
   * before the first segment and after the last is no gap: nothing is known to be missing there.
   */
  public static List<Gap> between(Collection<SegmentKey.Timing> segments) {
    List<SegmentKey.Timing> inOrder = new ArrayList<>(segments);
    inOrder.sort(Comparator.comparing(SegmentKey.Timing::start));
    List<Gap> gaps = new ArrayList<>();
    Coverage coverage = new Coverage();
    for (SegmentKey.Timing segment : inOrder) {
      coverage.add(segment).ifPresent(gaps::add);
    }
    return gaps;
  }

  /**
   * The same rule one segment at a time, for who cannot hold every segment: the recording covered
   * so far, and the gap each next segment (in start order) leaves after it.
   */
  public static final class Coverage {

    private Instant coveredUntil;

    /** The end of the recording covered so far, if any segment was added. */
    public Optional<Instant> coveredUntil() {
      return Optional.ofNullable(coveredUntil);
    }

    /** Takes the next segment in start order; the gap before it, if it leaves one. */
    public Optional<Gap> add(SegmentKey.Timing segment) {
      Optional<Gap> gap = Optional.empty();
      if (coveredUntil != null
          && Duration.between(coveredUntil, segment.start()).compareTo(TOLERANCE) > 0) {
        gap = Optional.of(new Gap(coveredUntil, segment.start()));
      }
      Instant end = segment.start().plus(segment.duration());
      if (coveredUntil == null || end.isAfter(coveredUntil)) {
        coveredUntil = end;
      }
      return gap;
    }

    /** A coverage that goes on from this one's, leaving this one as it is. */
    public Coverage copy() {
      Coverage copy = new Coverage();
      copy.coveredUntil = coveredUntil;
      return copy;
    }
  }
}
