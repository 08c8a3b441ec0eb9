package dev.camrec.recorder.record;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * How far the media of one FFmpeg run lags behind the wall clock: how a stall is measured.
 *
 * <p>Each observation pairs a wall time with the media time muxed by then; their difference is
 * constant while the camera streams in real time. The lag is now minus the wall time at which the
 * newest media was due, judged against the smallest difference seen recently (the baseline). A
 * stalled camera's lag grows by a second a second, whatever FFmpeg does meanwhile: a late flush of
 * buffered packets (FFmpeg 7.1 muxes what it held back about 10 s into a stall of a camera with
 * audio) advances the media time only up to the moment the camera stopped, so it cannot make a
 * stall look like streaming again. Counting from the last progress instead restarted the count at
 * that flush, and a stall was noticed only by FFmpeg's own socket timeout after twice the input
 * timeout.
 *
 * <p>The baseline is the minimum over a sliding window, not over the whole run, so that a camera
 * clock running slower than ours (drift of a few hundred ppm is common) never accumulates into a
 * lag: over the window it amounts to milliseconds.
 */
final class MediaLag {

  /** A step back in media time this large is a new time line, not packets out of order. */
  private static final Duration TIMESTAMP_RESET = Duration.ofSeconds(2);

  private record Observation(Instant wall, Duration offset) {}

  private final Duration window;
  private final Deque<Observation> observations = new ArrayDeque<>();
  private Duration newestMedia;
  private Duration baseline;

  /**
   * @param window how far back the baseline looks; longer than any lag that counts as a stall
   */
  MediaLag(Duration window) {
    this.window = window;
  }

  /** {@code media} was muxed by {@code wall}. */
  synchronized void observe(Instant wall, Duration media) {
    if (newestMedia != null && media.plus(TIMESTAMP_RESET).compareTo(newestMedia) < 0) {
      // The camera's timestamps started over (its encoder restarted): so does the measure.
      observations.clear();
      newestMedia = null;
    }
    if (newestMedia == null || media.compareTo(newestMedia) > 0) {
      newestMedia = media;
    }
    Duration offset = Duration.between(Instant.EPOCH, wall).minus(media);
    // Keep only observations that can still be the window's minimum: each is a candidate until
    // a smaller offset arrives after it or it leaves the window.
    while (!observations.isEmpty() && observations.peekLast().offset().compareTo(offset) >= 0) {
      observations.pollLast();
    }
    observations.addLast(new Observation(wall, offset));
    Instant oldest = wall.minus(window);
    while (observations.size() > 1 && observations.peekFirst().wall().isBefore(oldest)) {
      observations.pollFirst();
    }
    baseline = observations.peekFirst().offset();
  }

  /** How long ago the newest media was due; empty before any media arrived. */
  synchronized Optional<Duration> at(Instant now) {
    return mediaEnd()
        .map(end -> Duration.between(end, now))
        .map(lag -> lag.isNegative() ? Duration.ZERO : lag);
  }

  /** Wall time of the end of the newest media, as the baseline places it. */
  synchronized Optional<Instant> mediaEnd() {
    return newestMedia == null
        ? Optional.empty()
        : Optional.of(Instant.EPOCH.plus(baseline).plus(newestMedia));
  }
}
