package dev.camrec.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the recorder does with the camera's audio track. */
public enum Audio {
  /** Keep the camera's audio as it is (no re-encode). */
  @JsonProperty("copy")
  COPY,
  /** Re-encode audio to AAC, for cameras whose codec (e.g. G.711) MP4 cannot hold. */
  @JsonProperty("aac")
  AAC,
  /** Drop audio. */
  @JsonProperty("none")
  NONE
}
