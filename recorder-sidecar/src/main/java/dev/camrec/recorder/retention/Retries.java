package dev.camrec.recorder.retention;

import java.time.Duration;

/**
 * How often a failed store call is tried, and how long to wait between tries (doubling). A store
 * answering SlowDown or dropping a connection usually answers the next call; one down for longer is
 * left to the next scheduled run.
 */
public record Retries(int attempts, Duration firstDelay) {

  /** Four tries over about 7 s. */
  public static final Retries DEFAULT = new Retries(4, Duration.ofSeconds(1));

  public Retries {
    if (attempts < 1) {
      throw new IllegalArgumentException("at least one attempt: " + attempts);
    }
  }

  /** Waits before try {@code attempt} (2, 3, ...): firstDelay, then twice as long each time. */
  public void pauseBefore(int attempt) {
    long millis = firstDelay.toMillis() << Math.min(attempt - 2, 10);
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to retry", e);
    }
  }
}
