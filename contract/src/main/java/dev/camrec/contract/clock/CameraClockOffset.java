package dev.camrec.contract.clock;

import java.time.Duration;
import java.util.Optional;

/**
 * What the recorder learnt about a camera's clock in its current connection: how far the camera's
 * clock is ahead of the recorder's (negative: behind), empty when the camera sent no RTCP sender
 * report, and which clock the connection's segment keys are on. The one value the Camera's status
 * words its clock condition from.
 */
public record CameraClockOffset(Optional<Duration> offset, KeyClock keys) {

  /** The clock a connection's keys are on. */
  public enum KeyClock {
    CAMERA,
    RECORDER
  }

  /** True when the offset is known and larger than {@code tolerance} either way. */
  public boolean beyond(Duration tolerance) {
    return offset.map(o -> o.abs().compareTo(tolerance) > 0).orElse(false);
  }
}
