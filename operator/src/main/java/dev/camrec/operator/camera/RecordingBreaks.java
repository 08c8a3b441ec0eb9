package dev.camrec.operator.camera;

import dev.camrec.contract.layout.RecordingGaps;
import dev.camrec.contract.layout.RecordingGaps.Gap;
import dev.camrec.operator.common.ObservationCadence;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * A Camera's breaks: the gaps in its stored recording ({@link RecordingGaps}, shared with clips)
 * that fall in recent time the schedule had recording on. The operator cannot see the recorder's
 * metrics, but camera drops, stalls and recorder restarts all leave such a gap; the schedule's own
 * pauses are not breaks.
 */
public final class RecordingBreaks {

  /** Breaks are counted over this much recent time. */
  static final Duration WINDOW = ObservationCadence.WINDOW;

  private RecordingBreaks() {}

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
