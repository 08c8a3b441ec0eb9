package dev.camrec.contract.clock;

import java.util.Locale;

/**
 * Which clock a camera's segment keys are on ({@code spec.recording.clock}, passed to the recorder
 * as {@link dev.camrec.contract.env.RecordEnv#CLOCK} in lower case).
 */
public enum ClockSetting {
  /** The camera's clock, from its RTCP sender reports; the recorder's when it sends none. */
  CAMERA,
  /** The recorder's clock: when the first packet of a connection arrived, plus media time. */
  RECORDER,
  /**
   * The camera's clock when it sends reports and agrees with the recorder's within the operator's
   * tolerance, else the recorder's.
   */
  AUTO;

  public String envValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ClockSetting fromEnv(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }
}
