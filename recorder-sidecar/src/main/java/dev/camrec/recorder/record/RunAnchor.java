package dev.camrec.recorder.record;

import dev.camrec.contract.layout.SegmentKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Wall-clock time of media offset 0 of one FFmpeg run, i.e. when the run's first packet arrived.
 *
 * <p>FFmpeg's progress reports ({@code out_time_us}, every half second) tell how much media has
 * been muxed; a report seen at wall time W with media time T puts the first packet at W - T plus
 * whatever delay the report had on its way to us. Delays only ever make that estimate later, so the
 * smallest W - T seen is the best one. The anchor is refined until the run's first segment is
 * named, then frozen, so that every key of the run uses the same anchor and consecutive keys abut.
 * This is more accurate than watching for the first file (FFmpeg writes the MP4 header before any
 * packet) and needs no extra process.
 */
public final class RunAnchor {

  private Instant estimate;
  private boolean frozen;
  private Long previousEndMillis;

  /** Takes one progress report: {@code mediaTime} muxed as seen at {@code wallTime}. */
  public synchronized void onProgress(Instant wallTime, Duration mediaTime) {
    if (frozen || mediaTime.isZero() || mediaTime.isNegative()) {
      return;
    }
    Instant candidate = wallTime.minus(mediaTime);
    if (estimate == null || candidate.isBefore(estimate)) {
      estimate = candidate;
    }
  }

  public synchronized Optional<Instant> current() {
    return Optional.ofNullable(estimate);
  }

  /**
   * The key of a finished segment on this anchor. The run's first finished segment is the last
   * observation the anchor takes (its finishing moment against its end offset); then the anchor is
   * frozen.
   */
  public synchronized SegmentKey keyFor(
      SegmentListLine line, Instant finishedAt, String namespace, String camera) {
    return keyOn(line, freeze(line, finishedAt), namespace, camera);
  }

  /** Takes the run's first finished segment as the last observation; returns the frozen anchor. */
  public synchronized Instant freeze(SegmentListLine line, Instant finishedAt) {
    if (!frozen) {
      // The segment closed when the packet at its end offset was muxed: one more observation.
      Instant candidate = finishedAt.minus(seconds(line.endSeconds()));
      if (estimate == null || candidate.isBefore(estimate)) {
        estimate = candidate;
      }
      frozen = true;
    }
    return estimate;
  }

  /**
   * The key of a finished segment whose media offset 0 is at {@code anchor} (this recorder-clock
   * anchor, or the camera's time of it): all keys of a run must be made on one anchor.
   */
  public synchronized SegmentKey keyOn(
      SegmentListLine line, Instant anchor, String namespace, String camera) {
    // Segments of one run are contiguous by construction, so each key starts where the previous
    // one ended. FFmpeg's listed end can fall short of the next start by the last frame's
    // duration (MJPEG over HTTP has no packet durations); stitching keeps keys abutting.
    long startMs =
        previousEndMillis != null
            ? previousEndMillis
            : anchor.toEpochMilli() + Math.round(line.startSeconds() * 1000);
    long endMs = Math.max(startMs, anchor.toEpochMilli() + Math.round(line.endSeconds() * 1000));
    previousEndMillis = endMs;
    return new SegmentKey(
        namespace, camera, Instant.ofEpochMilli(startMs), Duration.ofMillis(endMs - startMs));
  }

  private static Duration seconds(double s) {
    return Duration.ofNanos(Math.round(s * 1e9));
  }
}
