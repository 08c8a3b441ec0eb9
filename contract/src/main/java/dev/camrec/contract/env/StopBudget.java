package dev.camrec.contract.env;

import java.time.Duration;

/**
 * How long a recorder pod may take to stop, and how much of it the recorder spends draining: one
 * number for both sides. The pod's terminationGracePeriodSeconds is one segment (the segment open
 * at SIGTERM may have just begun, and the spool may hold one more finished one) plus an upload
 * allowance; the recorder gets that less a margin for the JVM to exit and the kubelet's own
 * latency, so its last upload ends before the SIGKILL rather than being cut by it.
 */
public record StopBudget(Duration gracePeriod) {

  /** Left for the JVM's exit after the drain, so the SIGKILL never lands mid-upload. */
  public static final Duration EXIT_MARGIN = Duration.ofSeconds(5);

  public static StopBudget of(int segmentSeconds, int uploadAllowanceSeconds) {
    return new StopBudget(Duration.ofSeconds((long) segmentSeconds + uploadAllowanceSeconds));
  }

  /** What the recorder is told to use: the grace period less {@link #EXIT_MARGIN}. */
  public Duration drain() {
    Duration drain = gracePeriod.minus(EXIT_MARGIN);
    return drain.isNegative() ? Duration.ZERO : drain;
  }
}
