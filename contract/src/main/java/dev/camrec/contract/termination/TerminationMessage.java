package dev.camrec.contract.termination;

import java.util.Optional;

/**
 * Why the recorder stopped on its own, for a cause that retrying cannot fix. The recorder writes it
 * as one JSON line to the container's termination log ({@link TerminationLog}); Kubernetes copies
 * that file into the pod's {@code lastState.terminated.message}, where the operator reads it back
 * into the Camera's conditions. One class on both sides keeps the format and the reasons in one
 * place.
 *
 * @param reason a CamelCase condition reason, one of the constants below
 * @param message what a person should do about it; never holds a credential
 */
public record TerminationMessage(String reason, String message) implements TerminationJson {

  /** The camera sends audio the segment container cannot hold as a stream copy (e.g. G.711). */
  public static final String AUDIO_CODEC_NOT_STORABLE = "AudioCodecNotStorable";

  /** The camera keeps refusing the configured user name and password. */
  public static final String CAMERA_UNAUTHORIZED = "CameraUnauthorized";

  /** The camera URL has credentials in it or a scheme the recorder cannot read. */
  public static final String INVALID_SOURCE = "InvalidSource";

  /** A setting the recorder needs is missing or unusable (the operator sets them all). */
  public static final String RECORDER_MISCONFIGURED = "RecorderMisconfigured";

  public TerminationMessage {
    message = TerminationJson.shortened(message, MAX_MESSAGE_BYTES);
  }

  /**
   * The message in a terminated container's state, if the recorder wrote one. Anything else there
   * (Kubernetes may put a log tail into it, or nothing) is not ours and yields empty.
   */
  public static Optional<TerminationMessage> parse(String text) {
    return TerminationJson.parse(text, TerminationMessage.class)
        .filter(m -> m.reason() != null && !m.reason().isBlank());
  }
}
