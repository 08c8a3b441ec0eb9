package dev.camrec.recorder.record;

import dev.camrec.recorder.record.ProducerTimes.ProducerTime;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The camera's time of a segment's first frame, from the segment's {@link ProducerTimes}.
 *
 * <p>A {@code prft} box dates its fragment's first sample with the NTP time the camera's RTCP
 * sender reports give it, one frame late (measured with FFmpeg 5.1 and 7.1: minus one frame it
 * matches the camera's clock within about 1 ms). Before the first sender report, and for a camera
 * that sends none, FFmpeg silently writes the recorder's clock at the moment the fragment was
 * written instead. Only the segment's last fragment is written at a moment we know: when the
 * segment closes, which is when its line appears on the segment list (earlier ones are written in a
 * burst after FFmpeg's probing at the start of a run). So the last {@code prft} decides: within
 * {@link #FALLBACK_WINDOW} of that moment it is the recorder's clock and the segment is undated. A
 * camera time lies there only when the camera's clock is ahead by about the last fragment's length
 * (a keyframe interval); such a segment is taken as undated rather than misdated.
 */
final class SegmentCameraTime {

  static final Duration FALLBACK_WINDOW = Duration.ofMillis(150);

  private static final Logger LOG = Logger.getLogger(SegmentCameraTime.class.getName());

  private SegmentCameraTime() {}

  /** The camera's time of the first frame of a finished segment file; empty when undated. */
  static Optional<Instant> read(Path segment, Instant finishedAt) {
    try {
      return of(ProducerTimes.read(segment), finishedAt);
    } catch (IOException e) {
      // Keying on the recorder's clock is the safe side; the segment itself is still stored.
      LOG.warning("cannot read the producer times of " + segment.getFileName() + ": " + e);
      return Optional.empty();
    }
  }

  /**
   * @param times the segment's producer times, in file order
   * @param finishedAt when the segment's line appeared on the segment list
   * @return the camera's time of the segment's first frame; empty when the camera did not date the
   *     segment's last fragment
   */
  static Optional<Instant> of(List<ProducerTime> times, Instant finishedAt) {
    if (times.isEmpty()) {
      return Optional.empty();
    }
    ProducerTime last = times.get(times.size() - 1);
    if (Duration.between(finishedAt, last.ntp()).abs().compareTo(FALLBACK_WINDOW) <= 0) {
      return Optional.empty();
    }
    return Optional.of(last.ntp().minus(seconds(last.mediaSeconds() + last.frameSeconds())));
  }

  static Duration seconds(double s) {
    return Duration.ofNanos(Math.round(s * 1e9));
  }
}
