package dev.camrec.contract.layout;

import java.time.Duration;

/**
 * How late the newest stored segment may be, in segment lengths, before each side says recording
 * stopped: the recorder's readiness probe and the Camera's Recording condition.
 */
public final class SegmentFreshness {

  /**
   * The recorder is ready while a segment was stored within about two segment lengths (one being
   * written, one being uploaded), plus a few seconds for the upload itself.
   */
  public static Duration readinessWindow(Duration segment) {
    return segment.multipliedBy(2).plusSeconds(5);
  }

  /**
   * The Camera's Recording condition turns False when no segment ended within three segment
   * lengths: one more than readiness allows, so a pod going unready is seen first.
   */
  public static Duration staleAfter(Duration segment) {
    return segment.multipliedBy(3);
  }

  private SegmentFreshness() {}
}
