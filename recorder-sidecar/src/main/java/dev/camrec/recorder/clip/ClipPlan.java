package dev.camrec.recorder.clip;

import dev.camrec.contract.layout.RecordingGaps;
import dev.camrec.contract.layout.RecordingGaps.Gap;
import dev.camrec.contract.layout.SegmentKey;
import dev.camrec.contract.store.StoredSegment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What to cut, decided from the segment keys: the segments that overlap {@code [start, end)} in
 * time order, where the clip really starts and ends, the gaps between them, and where FFmpeg seeks
 * to and stops in the concatenated timeline (each segment counted with the duration its key gives:
 * the {@code duration} line of the concat script).
 *
 * <p>Within one recording run every segment starts on a keyframe (the segment muxer cuts there).
 * The first segment of a run may not: FFmpeg stores the stream from the first packet it received,
 * and until the camera's next keyframe nothing can be decoded. Such a segment's <em>lead-in</em>
 * (found by {@link KeyframeProbe}) is skipped with the concat script's {@code inpoint}, and counts
 * as part of the gap before it: a clip never starts with, or shows in the middle, frames no player
 * can decode.
 *
 * <p>Gaps vanish from the concatenated timeline: the seek point is in the first segment, and the
 * stop point is the offset of the last segment plus how far into it the clip ends.
 *
 * @param parts the overlapping segments, oldest first, each with its lead-in; empty when nothing
 *     was recorded
 * @param actualStart the later of the requested start and where the first part's pictures begin
 * @param actualEnd the earlier of the requested end and the last part's end
 * @param gaps missing (or undecodable) recordings between {@code actualStart} and {@code actualEnd}
 * @param seek where the clip starts in the concatenated timeline (FFmpeg's input {@code -ss})
 * @param stop where it ends in the concatenated timeline (FFmpeg's input {@code -to})
 * @param estimatedBytes the clip's approximate size: the segments' bytes for the share they give
 */
public record ClipPlan(
    List<Part> parts,
    Instant actualStart,
    Instant actualEnd,
    List<Gap> gaps,
    Duration seek,
    Duration stop,
    long estimatedBytes) {

  /** One segment in the clip; pictures begin {@code leadIn} after its key's start. */
  public record Part(StoredSegment segment, Duration leadIn) {
    public Instant start() {
      return segment.key().start().plus(leadIn);
    }

    public Instant end() {
      return segment.key().end();
    }

    /** Its length in the concatenated timeline. */
    public Duration duration() {
      return segment.key().duration().minus(leadIn);
    }
  }

  /**
   * The segments overlapping the range that begin a recording run: no segment ends within {@link
   * RecordingGaps#TOLERANCE} before them. The listing must reach back far enough to hold a run's
   * previous segment ({@link Clipper#LONGEST_SEGMENT}).
   */
  public static List<StoredSegment> runStarts(
      Iterable<StoredSegment> listed, Instant start, Instant end) {
    List<StoredSegment> all = sorted(listed);
    List<StoredSegment> starts = new ArrayList<>();
    Instant coveredUntil = null;
    for (StoredSegment s : all) {
      SegmentKey k = s.key();
      boolean runStart =
          coveredUntil == null
              || Duration.between(coveredUntil, k.start()).compareTo(RecordingGaps.TOLERANCE) > 0;
      if (runStart && overlaps(k, start, end)) {
        starts.add(s);
      }
      if (coveredUntil == null || k.end().isAfter(coveredUntil)) {
        coveredUntil = k.end();
      }
    }
    return starts;
  }

  /**
   * The plan for the listed segments (any order, any range: those outside are left out). {@code
   * leadIns} holds what {@link KeyframeProbe} found for the {@link #runStarts}: empty for a segment
   * without a keyframe (left out); a segment not in the map starts on one.
   */
  public static ClipPlan of(
      Iterable<StoredSegment> listed,
      Instant start,
      Instant end,
      Map<StoredSegment, Optional<Duration>> leadIns) {
    List<Part> parts = new ArrayList<>();
    Instant coveredUntil = null;
    for (StoredSegment s : sorted(listed)) {
      SegmentKey k = s.key();
      Optional<Duration> leadIn = leadIns.getOrDefault(s, Optional.of(Duration.ZERO));
      // Wholly inside the one before (a restarted recorder uploading a partial segment again):
      // it would play twice.
      boolean covered = coveredUntil != null && !k.end().isAfter(coveredUntil);
      if (!overlaps(k, start, end) || covered || leadIn.isEmpty()) {
        continue;
      }
      Part part = new Part(s, leadIn.get());
      if (positive(part.duration()) && part.end().isAfter(start)) {
        parts.add(part);
        coveredUntil = k.end();
      }
    }
    if (parts.isEmpty()) {
      return new ClipPlan(List.of(), start, start, List.of(), Duration.ZERO, Duration.ZERO, 0);
    }
    Part first = parts.get(0);
    Part last = parts.get(parts.size() - 1);
    Instant actualStart = first.start().isAfter(start) ? first.start() : start;
    Instant actualEnd = last.end().isBefore(end) ? last.end() : end;
    Duration offsetOfLast = Duration.ZERO;
    double bytes = 0;
    for (Part p : parts) {
      if (p != last) {
        offsetOfLast = offsetOfLast.plus(p.duration());
      }
      Instant from = p.start().isAfter(actualStart) ? p.start() : actualStart;
      Instant to = p.end().isBefore(actualEnd) ? p.end() : actualEnd;
      bytes +=
          (double) p.segment().size()
              * Math.max(0, Duration.between(from, to).toMillis())
              / Math.max(1, p.segment().key().duration().toMillis());
    }
    List<Gap> gaps =
        RecordingGaps.between(
                parts.stream().map(p -> new SegmentKey.Timing(p.start(), p.duration())).toList())
            .stream()
            .map(g -> clamp(g, actualStart, actualEnd))
            .filter(g -> g.length().compareTo(RecordingGaps.TOLERANCE) > 0)
            .toList();
    return new ClipPlan(
        List.copyOf(parts),
        actualStart,
        actualEnd,
        gaps,
        Duration.between(first.start(), actualStart),
        offsetOfLast.plus(Duration.between(last.start(), actualEnd)),
        Math.round(bytes));
  }

  public boolean isEmpty() {
    return parts.isEmpty();
  }

  private static boolean overlaps(SegmentKey k, Instant start, Instant end) {
    return k.start().isBefore(end) && k.end().isAfter(start) && positive(k.duration());
  }

  static boolean positive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }

  private static List<StoredSegment> sorted(Iterable<StoredSegment> listed) {
    List<StoredSegment> all = new ArrayList<>();
    listed.forEach(all::add);
    all.sort(Comparator.comparing((StoredSegment s) -> s.key().start()));
    return all;
  }

  private static Gap clamp(Gap g, Instant from, Instant to) {
    Instant a = g.from().isBefore(from) ? from : g.from();
    Instant b = g.to().isAfter(to) ? to : g.to();
    return new Gap(a, b.isBefore(a) ? a : b);
  }
}
