package dev.camrec.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a clip does when recordings are missing inside its range. */
public enum OnGap {
  /** Join the recordings around the gap and list the gap in the status. */
  @JsonProperty("Concatenate")
  CONCATENATE,
  /** Fail the clip. */
  @JsonProperty("Fail")
  FAIL
}
