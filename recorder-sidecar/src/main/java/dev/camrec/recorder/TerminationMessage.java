package dev.camrec.recorder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * Why the recorder stopped on its own, for a cause that retrying cannot fix. The recorder writes it
 * as one JSON line to the container's termination log ({@link RecorderEnv#TERMINATION_LOG});
 * Kubernetes copies that file into the pod's {@code lastState.terminated.message}, where the
 * operator reads it back into the Camera's conditions. One class on both sides keeps the format and
 * the reasons in one place.
 *
 * @param reason a CamelCase condition reason, one of the constants below
 * @param message what a person should do about it; never holds a credential
 */
public record TerminationMessage(String reason, String message) {

  /** The camera sends audio the segment container cannot hold as a stream copy (e.g. G.711). */
  public static final String AUDIO_CODEC_NOT_STORABLE = "AudioCodecNotStorable";

  /** The camera keeps refusing the configured user name and password. */
  public static final String CAMERA_UNAUTHORIZED = "CameraUnauthorized";

  private static final ObjectMapper JSON = new ObjectMapper();

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("two strings always serialize", e);
    }
  }

  /**
   * The message in a terminated container's state, if the recorder wrote one. Anything else there
   * (Kubernetes may put a log tail into it, or nothing) is not ours and yields empty.
   */
  public static Optional<TerminationMessage> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      TerminationMessage parsed = JSON.readValue(text.strip(), TerminationMessage.class);
      return parsed.reason() == null || parsed.reason().isBlank()
          ? Optional.empty()
          : Optional.of(parsed);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }
}
