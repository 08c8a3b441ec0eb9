package dev.camrec.recorder.record;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A stretch of time the recorder has no recording of, once recording resumed: from the end of the
 * last media before it to the first media after it. The recorder logs each one and adds its length
 * to {@code camrec_recording_gap_seconds_total}.
 */
public record RecordingGap(Instant start, Instant end, Cause cause) {
  /** Why the recording stopped or stayed stopped. */
  public enum Cause {
    CAMERA_DROPPED("the camera dropped the connection"),
    CAMERA_STALLED("the camera stalled (connection open, no media)"),
    CAMERA_REFUSED("the camera refused connections"),
    CAMERA_UNAUTHORIZED("the camera refused the credentials"),
    FFMPEG_KILLED("FFmpeg was killed or crashed"),
    RECORDER_RESTARTED("the recorder restarted");

    private final String words;

    Cause(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }
  }

  public Duration length() {
    Duration d = Duration.between(start, end);
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** The log line: start, end, length and cause, in words an operator reads. */
  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT,
        "recording gap from %s to %s (%.3f s): %s",
        start.truncatedTo(ChronoUnit.MILLIS),
        end.truncatedTo(ChronoUnit.MILLIS),
        length().toMillis() / 1e3,
        cause.words());
  }
}
