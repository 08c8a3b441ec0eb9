package dev.camrec.operator.common;

import dev.camrec.contract.layout.SegmentFreshness;
import java.time.Duration;

/**
 * How often the operator looks at what it cannot watch (what landed in storage, the clock), and
 * over which windows: the one place for these numbers.
 *
 * @param minPollInterval least time between two listings of one camera's segments (operator
 *     setting)
 */
public record ObservationCadence(Duration minPollInterval) {

  /** A camera is listed at least this often, however long its segments. */
  public static final Duration MAX_POLL_INTERVAL = Duration.ofMinutes(1);

  /** Status figures (bytes, reconnects) cover this window. */
  public static final Duration WINDOW = Duration.ofHours(24);

  /** Segments held between polls: the window and an hour more, so gaps at its edge are seen. */
  public static final Duration KEPT = WINDOW.plusHours(1);

  /**
   * How often the window is listed whole rather than only after the newest key: takes in late
   * uploads older than the newest key, and what retention deleted.
   */
  public static final Duration FULL_LISTING_EVERY = Duration.ofMinutes(10);

  /** Every object is looked at again at least this often, even when nothing is expected. */
  public static final Duration IDLE_LOOK = Duration.ofMinutes(5);

  /** A cached answer nobody asked for again for this long belongs to a deleted object. */
  public static final Duration ABANDONED_AFTER = Duration.ofMinutes(30);

  /** How often one camera's storage is listed: half a segment, within [min, max]. */
  public Duration pollInterval(int segmentSeconds) {
    Duration half = Duration.ofMillis(segmentSeconds * 500L);
    if (half.compareTo(minPollInterval) < 0) {
      return minPollInterval;
    }
    return half.compareTo(MAX_POLL_INTERVAL) > 0 ? MAX_POLL_INTERVAL : half;
  }

  /** No segment ending within this long means the camera stopped recording. */
  public static Duration staleAfter(int segmentSeconds) {
    return SegmentFreshness.staleAfter(Duration.ofSeconds(segmentSeconds));
  }
}
