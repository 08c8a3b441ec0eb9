package dev.camrec.recorder.record;

import java.util.Optional;

/**
 * One line of FFmpeg's CSV segment list ({@code name,start,end}), written when a segment is
 * finished; start and end are seconds since the run's first packet.
 */
public record SegmentListLine(String fileName, double startSeconds, double endSeconds) {

  public static Optional<SegmentListLine> parse(String line) {
    // File names are ours (no commas), so the last two fields are always the times.
    int lastComma = line.lastIndexOf(',');
    int secondComma = lastComma < 0 ? -1 : line.lastIndexOf(',', lastComma - 1);
    if (secondComma <= 0) {
      return Optional.empty();
    }
    try {
      double start = Double.parseDouble(line.substring(secondComma + 1, lastComma).trim());
      double end = Double.parseDouble(line.substring(lastComma + 1).trim());
      String name = line.substring(0, secondComma).trim();
      if (name.startsWith("\"") && name.endsWith("\"") && name.length() >= 2) {
        name = name.substring(1, name.length() - 1);
      }
      if (end < start || name.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new SegmentListLine(name, start, end));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
