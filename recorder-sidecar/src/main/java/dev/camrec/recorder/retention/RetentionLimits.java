package dev.camrec.recorder.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a policy keeps of each camera: segments that ended within {@code maxAge}, and of those at
 * most {@code maxBytes}, the newest. Either may be absent, not both.
 */
public record RetentionLimits(Optional<Duration> maxAge, Optional<Long> maxBytes) {

  public RetentionLimits {
    if (maxAge.isEmpty() && maxBytes.isEmpty()) {
      throw new IllegalArgumentException("a retention run needs a maximum age, bytes or both");
    }
    maxAge.filter(a -> a.isNegative() || a.isZero()).ifPresent(RetentionLimits::notPositive);
    maxBytes.filter(b -> b < 0).ifPresent(RetentionLimits::notPositive);
  }

  /** Segments that ended before this are deleted by age; none without a maximum age. */
  public Optional<Instant> ageCutoff(Instant now) {
    return maxAge.map(now::minus);
  }

  private static void notPositive(Object limit) {
    throw new IllegalArgumentException("retention limits must be positive: " + limit);
  }
}
