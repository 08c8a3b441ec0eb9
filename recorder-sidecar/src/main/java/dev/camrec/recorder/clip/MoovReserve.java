package dev.camrec.recorder.clip;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The room FFmpeg reserves at the front of the clip for its moov ({@code -moov_size}): the moov is
 * written there when the cut ends, so it is in front of the media (a browser plays while
 * downloading) without +faststart's second pass over the file, and every byte after the reserved
 * room is final once FFmpeg wrote it, ready to upload.
 *
 * <p>FFmpeg fails the cut when the moov outgrows the room, so the room is sized from a packet rate
 * measured in one segment (ffprobe counts packets of all streams over its first seconds) with
 * margins: a moov takes about 8 bytes per sample (measured: 2.0 MB for an hour of 25 fps H.264 and
 * 48 kHz AAC, 259,000 samples); the room allows {@link #BYTES_PER_SAMPLE} and half as many packets
 * again. What is not used stays in the file as a {@code free} box (9 MB of 1.84 GB for that hour).
 */
final class MoovReserve {

  /** Sample size, time, composition offset and chunk entries at their largest; ~8 measured. */
  static final int BYTES_PER_SAMPLE = 24;

  /** A camera's frame rate may rise within the clip (a night mode ending). */
  static final double RATE_MARGIN = 1.5;

  /** ftyp, the track headers, sample descriptions and edit lists. */
  static final long FIXED_BYTES = 64 * 1024;

  /** When the rate cannot be measured: 60 fps video and 48 kHz AAC, with room. */
  static final double UNKNOWN_RATE = 150;

  /** Seconds of a segment whose packets are counted. */
  private static final int PROBE_SECONDS = 10;

  private MoovReserve() {}

  static long bytes(Duration clip, double packetsPerSecond) {
    double seconds = clip.toNanos() / 1e9;
    return FIXED_BYTES
        + (long) Math.ceil(seconds * packetsPerSecond * RATE_MARGIN * BYTES_PER_SAMPLE);
  }

  /** Packets per second of all streams over the segment's first seconds; UNKNOWN_RATE if unread. */
  static double packetRate(Path ffprobe, String location) throws IOException {
    long packets = 0;
    double first = Double.POSITIVE_INFINITY;
    double last = Double.NEGATIVE_INFINITY;
    try (Ffprobe probe =
        new Ffprobe(
            ffprobe,
            location,
            "-read_intervals",
            "%+" + PROBE_SECONDS,
            "-show_entries",
            "packet=pts_time")) {
      for (String line; (line = probe.line()) != null; ) {
        String pts = line.replace(",", "").trim();
        if (pts.isEmpty() || pts.equals("N/A")) {
          continue;
        }
        double t = Double.parseDouble(pts);
        first = Math.min(first, t);
        last = Math.max(last, t);
        packets++;
      }
    }
    // The span between the first and the last packet holds one packet fewer than were counted.
    return packets > 1 && last > first ? (packets - 1) / (last - first) : UNKNOWN_RATE;
  }
}
