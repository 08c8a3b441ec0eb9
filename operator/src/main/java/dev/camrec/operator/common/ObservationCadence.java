package dev.camrec.operator.common;

import dev.camrec.contract.layout.SegmentFreshness;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

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

  private static final Duration MIN_UPLOAD_ALLOWANCE = Duration.ofSeconds(2);

  /** Every object is looked at again at least this often, even when nothing is expected. */
  public static final Duration IDLE_LOOK = Duration.ofMinutes(5);

  /**
   * A bucket seen to exist is taken to exist this long before it is asked again (one HEAD per store
   * and bucket, not per camera poll); a listing that fails asks again at once.
   */
  public static final Duration BUCKET_CHECK_EVERY = Duration.ofMinutes(5);

  /** A cached answer nobody asked for again for this long belongs to a deleted object. */
  public static final Duration ABANDONED_AFTER = Duration.ofMinutes(30);

  /**
   * How often a camera is listed while its next segment is overdue or none is known: half a
   * segment, within [min, max].
   */
  Duration pollInterval(int segmentSeconds) {
    Duration half = Duration.ofMillis(segmentSeconds * 500L);
    if (half.compareTo(minPollInterval) < 0) {
      return minPollInterval;
    }
    return half.compareTo(MAX_POLL_INTERVAL) > 0 ? MAX_POLL_INTERVAL : half;
  }

  /**
   * When to list a camera again after listing it at {@code now}: just after its next segment should
   * have landed (the newest segment's end, one segment, and {@link #uploadAllowance}), so a camera
   * that records is listed once per segment, and LAST SEGMENT follows the store within the
   * allowance. When that moment is past (the segment is late, or none is known), every {@link
   * #pollInterval} until it lands. Never sooner than the least poll interval, nor later than one
   * segment and the allowance from now (a camera clock far ahead must not silence the listing).
   */
  public Instant nextListing(Optional<Instant> newestSegmentEnd, int segmentSeconds, Instant now) {
    Duration segment = Duration.ofSeconds(segmentSeconds);
    Duration latest = segment.plus(uploadAllowance(segmentSeconds));
    Optional<Instant> expected =
        newestSegmentEnd
            .map(end -> end.plus(latest))
            .filter(now::isBefore)
            .map(t -> t.isAfter(now.plus(latest)) ? now.plus(latest) : t);
    Instant soonest = now.plus(minPollInterval);
    Instant next = expected.orElse(now.plus(pollInterval(segmentSeconds)));
    return next.isBefore(soonest) ? soonest : next;
  }

  /**
   * How long after a segment ends it is expected in the store: FFmpeg closes it at the next key
   * frame, then the recorder uploads it. A tenth of the segment, at least 2 s.
   */
  static Duration uploadAllowance(int segmentSeconds) {
    Duration tenth = Duration.ofMillis(segmentSeconds * 100L);
    return tenth.compareTo(MIN_UPLOAD_ALLOWANCE) < 0 ? MIN_UPLOAD_ALLOWANCE : tenth;
  }

  /** No segment ending within this long means the camera stopped recording. */
  public static Duration staleAfter(int segmentSeconds) {
    return SegmentFreshness.staleAfter(Duration.ofSeconds(segmentSeconds));
  }
}
