package dev.camrec.recorder.record;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads FFmpeg's stderr, run after run, for failures that relaunching cannot fix. The lines it
 * looks for are the ones FFmpeg 7.1 prints (see the unit test for them verbatim).
 *
 * <p>A camera that refuses the credentials is fatal only after {@link #UNAUTHORIZED_RUNS} runs in a
 * row ended in 401 with no run receiving media in between: a camera may refuse once while it
 * reboots, or while its user database loads.
 */
final class FatalCauseDetector {

  static final int UNAUTHORIZED_RUNS = 3;

  /**
   * The MP4 muxer refusing a codec for output stream #1: the audio, since the command line maps the
   * video first and the audio second. A stream copy cannot change that; a relaunch neither.
   */
  private static final Pattern UNSTORABLE_AUDIO =
      Pattern.compile("Could not find tag for codec (\\S+) in stream #1\\b");

  /** RTSP: the DESCRIBE answer; HTTP (MJPEG): the response status. */
  static final Pattern UNAUTHORIZED =
      Pattern.compile("method DESCRIBE failed: 401\\b|HTTP error 401\\b");

  private final boolean credentialsConfigured;
  // Written by the stderr reader of the current run, read once the run has ended.
  private volatile String unstorableAudioCodec;
  private volatile boolean unauthorized;
  private int unauthorizedRuns;

  /**
   * @param credentialsConfigured whether the recorder sends a user name and password at all
   */
  FatalCauseDetector(boolean credentialsConfigured) {
    this.credentialsConfigured = credentialsConfigured;
  }

  /** One line of the current run's stderr. */
  void stderrLine(String line) {
    Matcher audio = UNSTORABLE_AUDIO.matcher(line);
    if (audio.find()) {
      unstorableAudioCodec = audio.group(1);
    } else if (UNAUTHORIZED.matcher(line).find()) {
      unauthorized = true;
    }
  }

  /**
   * The current run has ended, after its stderr was read.
   *
   * @param receivedMedia whether the run got media from the camera: it was let in
   * @return the cause to stop recording for, if the runs so far show one
   */
  Optional<FatalCause> runEnded(boolean receivedMedia) {
    String codec = unstorableAudioCodec;
    boolean refused = unauthorized;
    unstorableAudioCodec = null;
    unauthorized = false;
    if (codec != null) {
      return Optional.of(
          new FatalCause(
              FatalCause.Kind.AUDIO_CODEC_NOT_STORABLE,
              "The camera sends "
                  + codec
                  + " audio, which MP4 segments cannot hold as a copy. "
                  + "Set the Camera's audio mode (spec.recording.audio) to aac to transcode it, "
                  + "or to none to record without audio."));
    }
    if (receivedMedia) {
      unauthorizedRuns = 0;
    } else if (refused) {
      unauthorizedRuns++;
    }
    if (unauthorizedRuns < UNAUTHORIZED_RUNS) {
      return Optional.empty();
    }
    return Optional.of(
        new FatalCause(
            FatalCause.Kind.CAMERA_UNAUTHORIZED,
            credentialsConfigured
                ? "The camera refused the user name and password "
                    + unauthorizedRuns
                    + " times in a row "
                    + "(401 Unauthorized). Check username and password in the Secret named by the "
                    + "Camera's spec.source.credentialsSecretRef."
                : "The camera requires a user name and password (401 Unauthorized). Name a Secret with "
                    + "username and password in the Camera's spec.source.credentialsSecretRef."));
  }
}
