package dev.camrec.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.camrec.contract.clock.ClockSetting;

/** Which clock segment keys (the recorded times) are on. */
public enum SegmentClock {
  /** The camera's clock, from its RTCP sender reports; the recorder's when it sends none. */
  @JsonProperty("Camera")
  CAMERA(ClockSetting.CAMERA),
  /** The recorder's clock: when the stream's first packet arrived, plus media time. */
  @JsonProperty("Recorder")
  RECORDER(ClockSetting.RECORDER),
  /** The camera's clock while it agrees with the recorder's within the operator's tolerance. */
  @JsonProperty("Auto")
  AUTO(ClockSetting.AUTO);

  private final ClockSetting setting;

  SegmentClock(ClockSetting setting) {
    this.setting = setting;
  }

  /** The recorder's value for it. */
  public ClockSetting setting() {
    return setting;
  }
}
