package dev.camrec.recorder.record;

import java.time.Duration;

/**
 * Delay before the next attempt: starts small, doubles on each failure, capped; reset on success.
 */
public final class Backoff {

  private final Duration initial;
  private final Duration cap;
  private Duration next;

  public Backoff(Duration initial, Duration cap) {
    this.initial = initial;
    this.cap = cap;
    this.next = initial;
  }

  /** The delay to wait now; the one after it is twice as long, up to the cap. */
  public Duration nextDelay() {
    Duration delay = next;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(cap) > 0 ? cap : doubled;
    return delay;
  }

  public void reset() {
    next = initial;
  }
}
