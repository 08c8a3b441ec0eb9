package dev.camrec.recorder.record;

import dev.camrec.contract.termination.TerminationMessage;

/**
 * A reason to stop recording that relaunching FFmpeg cannot fix: only a person changing the Camera
 * or its Secret can. The recorder reports it in its termination log and exits with the kind's own
 * exit code, so the pod's state shows it even without the log.
 *
 * @param message what the person should change; never holds a credential
 */
public record FatalCause(Kind kind, String message) {

  /**
   * The causes, each with its exit code: the one place the recorder's non-zero codes are defined.
   */
  public enum Kind {
    /** Exit 10: the camera's audio codec cannot be stored in MP4 segments as a stream copy. */
    AUDIO_CODEC_NOT_STORABLE(TerminationMessage.AUDIO_CODEC_NOT_STORABLE, 10),
    /** Exit 11: the camera keeps answering 401 Unauthorized to the configured credentials. */
    CAMERA_UNAUTHORIZED(TerminationMessage.CAMERA_UNAUTHORIZED, 11),
    /** Exit 12: the camera URL carries credentials or has a scheme FFmpeg is not let read. */
    INVALID_SOURCE(TerminationMessage.INVALID_SOURCE, 12),
    /** Exit 13: a setting is missing or unusable; found at start, before anything is recorded. */
    RECORDER_MISCONFIGURED(TerminationMessage.RECORDER_MISCONFIGURED, 13);

    private final String reason;
    private final int exitCode;

    Kind(String reason, int exitCode) {
      this.reason = reason;
      this.exitCode = exitCode;
    }
  }

  public int exitCode() {
    return kind.exitCode;
  }

  public TerminationMessage terminationMessage() {
    return new TerminationMessage(kind.reason, message);
  }
}
