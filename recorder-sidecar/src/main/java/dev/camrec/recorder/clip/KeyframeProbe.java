package dev.camrec.recorder.clip;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the first keyframe of a segment is: ffprobe lists the video packets from the start and
 * stops being read at the first one flagged as a keyframe. Run for the segments that begin a
 * recording run ({@link ClipPlan#runStarts}); every other segment starts on a keyframe.
 */
final class KeyframeProbe {

  /** Packets looked at before giving up: more than a GOP of any camera we know (10 s at 30 fps). */
  private static final int MAX_PACKETS = 300;

  private final Path ffprobe;

  KeyframeProbe(Path ffprobe) {
    this.ffprobe = ffprobe;
  }

  /** The first keyframe, in the file's timestamps and after its first video packet. */
  record FirstKeyframe(double pts, Duration leadIn) {}

  /** Empty when no keyframe is among the first packets: nothing of the segment can be decoded. */
  Optional<FirstKeyframe> find(String location) throws IOException {
    try (Ffprobe probe =
        new Ffprobe(
            ffprobe,
            location,
            "-select_streams",
            "v:0",
            "-read_intervals",
            "%+#" + MAX_PACKETS,
            "-show_entries",
            "packet=pts_time,flags")) {
      double first = Double.NaN;
      for (String line; (line = probe.line()) != null; ) {
        String[] f = line.split(",");
        if (f.length < 2 || f[0].isBlank() || f[0].equals("N/A")) {
          continue;
        }
        double pts = Double.parseDouble(f[0]);
        first = Double.isNaN(first) ? pts : Math.min(first, pts);
        if (f[1].startsWith("K")) {
          return Optional.of(
              new FirstKeyframe(pts, Duration.ofNanos(Math.round((pts - first) * 1e9))));
        }
      }
      return Optional.empty();
    }
  }
}
