package dev.camrec.recorder.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Tags H.265 video in a segment {@code hvc1} instead of FFmpeg's {@code hev1}: Safari, QuickTime
 * and iOS play HEVC in MP4 only with {@code hvc1}. For a stream copy it is the sample entry's name
 * and nothing else, which is all {@code -tag:v hvc1} would change; but FFmpeg refuses that option
 * for H.264 (it cannot be made to depend on the codec, which is known only once the camera
 * answered), so the recorder renames the entry in each finished segment instead. Our segments are
 * fragmented with an empty moov at the front, so the entry is within the first few kilobytes.
 */
public final class HevcTag {

  private static final int HEAD = 64 * 1024;
  private static final Set<String> CONTAINERS = Set.of("moov", "trak", "mdia", "minf", "stbl");
  private static final byte[] HVC1 = "hvc1".getBytes(StandardCharsets.US_ASCII);

  private HevcTag() {}

  /** Renames an {@code hev1} sample entry to {@code hvc1}; true if there was one. */
  public static boolean toHvc1(Path segment) throws IOException {
    try (FileChannel file =
        FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer head = ByteBuffer.allocate((int) Math.min(HEAD, file.size()));
      while (head.hasRemaining() && file.read(head) >= 0) {
        // read the whole head
      }
      head.flip();
      OptionalLong at = hev1Entry(head, 0, head.limit());
      if (at.isEmpty()) {
        return false;
      }
      file.write(ByteBuffer.wrap(HVC1), at.getAsLong());
      return true;
    }
  }

  /** Offset of the type of an {@code hev1} sample entry among the boxes in [from, to). */
  static OptionalLong hev1Entry(ByteBuffer mp4, int from, int to) {
    int box = from;
    while (box + 8 <= to) {
      long size = Integer.toUnsignedLong(mp4.getInt(box));
      String type = type(mp4, box + 4);
      if (size < 8 || box + size > to) {
        return OptionalLong.empty(); // 64-bit or open-ended sizes: not a moov box we wrote
      }
      int end = (int) (box + size);
      if (CONTAINERS.contains(type)) {
        OptionalLong inner = hev1Entry(mp4, box + 8, end);
        if (inner.isPresent()) {
          return inner;
        }
      } else if (type.equals("stsd") && box + 24 <= end) {
        // full box header (version, flags), entry count, then the first entry's size and type
        int entryType = box + 20;
        if (type(mp4, entryType).equals("hev1")) {
          return OptionalLong.of(entryType);
        }
      }
      box = end;
    }
    return OptionalLong.empty();
  }

  private static String type(ByteBuffer mp4, int at) {
    byte[] b = new byte[4];
    mp4.get(at, b);
    return new String(b, StandardCharsets.US_ASCII);
  }
}
