package dev.camrec.recorder.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code prft} boxes of one finished fragmented-MP4 segment: FFmpeg's mp4 muxer ({@code
 * write_prft=wallclock}) writes one before every {@code moof}, holding the NTP time of the
 * fragment's first sample of the first track. Only top-level boxes are read and {@code mdat} is
 * skipped, so a minute of video costs a few hundred small reads; {@code moov} gives each track's
 * timescale and the {@code moof} after a {@code prft} its first sample's duration.
 */
final class ProducerTimes {

  /** NTP seconds from 1900 to 1970. */
  private static final long NTP_TO_UNIX_SECONDS = 2_208_988_800L;

  /**
   * One fragment's producer time: its first sample, at {@code mediaSeconds} into the segment, was
   * stamped {@code ntp}; {@code frameSeconds} is that sample's duration (0 when unknown).
   */
  record ProducerTime(Instant ntp, double mediaSeconds, double frameSeconds) {}

  private ProducerTimes() {}

  static List<ProducerTime> read(Path segment) throws IOException {
    try (FileChannel file = FileChannel.open(segment, StandardOpenOption.READ)) {
      Map<Long, Long> timescales = new HashMap<>();
      List<ProducerTime> times = new ArrayList<>();
      long trackOfPending = -1;
      long ntpOfPending = 0;
      long mediaOfPending = 0;
      long size = file.size();
      for (long pos = 0; pos + 8 <= size; ) {
        ByteBuffer header = readAt(file, pos, 16);
        long boxSize = Integer.toUnsignedLong(header.getInt(0));
        String type = type(header, 4);
        int headerSize = 8;
        if (boxSize == 1 && header.limit() >= 16) {
          boxSize = header.getLong(8);
          headerSize = 16;
        } else if (boxSize == 0) {
          boxSize = size - pos; // to the end of the file
        }
        if (boxSize < headerSize || pos + boxSize > size) {
          break; // a fragment cut off by a crash: what came before it still counts
        }
        long body = pos + headerSize;
        int bodySize = (int) Math.min(boxSize - headerSize, Integer.MAX_VALUE);
        switch (type) {
          case "moov" -> timescales(readAt(file, body, bodySize), timescales);
          case "prft" -> {
            ByteBuffer prft = readAt(file, body, bodySize);
            int version = prft.get(0);
            trackOfPending = Integer.toUnsignedLong(prft.getInt(4));
            ntpOfPending = prft.getLong(8);
            mediaOfPending =
                version == 0 ? Integer.toUnsignedLong(prft.getInt(16)) : prft.getLong(16);
          }
          case "moof" -> {
            if (trackOfPending >= 0 && timescales.containsKey(trackOfPending)) {
              double timescale = timescales.get(trackOfPending);
              long frame = firstSampleDuration(readAt(file, body, bodySize), trackOfPending);
              times.add(
                  new ProducerTime(
                      ntpToInstant(ntpOfPending), mediaOfPending / timescale, frame / timescale));
            }
            trackOfPending = -1;
          }
          default -> {}
        }
        pos += boxSize;
      }
      return times;
    }
  }

  static Instant ntpToInstant(long ntp) {
    long seconds = (ntp >>> 32) - NTP_TO_UNIX_SECONDS;
    long nanos = ((ntp & 0xffffffffL) * 1_000_000_000L) >>> 32;
    return Instant.ofEpochSecond(seconds, nanos);
  }

  /** Track id to timescale, from {@code moov/trak/{tkhd, mdia/mdhd}}. */
  private static void timescales(ByteBuffer moov, Map<Long, Long> into) {
    for (ByteBuffer trak : children(moov, "trak")) {
      long trackId = -1;
      long timescale = 0;
      for (ByteBuffer tkhd : children(trak, "tkhd")) {
        trackId = Integer.toUnsignedLong(tkhd.getInt(tkhd.get(0) == 1 ? 20 : 12));
      }
      for (ByteBuffer mdia : children(trak, "mdia")) {
        for (ByteBuffer mdhd : children(mdia, "mdhd")) {
          timescale = Integer.toUnsignedLong(mdhd.getInt(mdhd.get(0) == 1 ? 20 : 12));
        }
      }
      if (trackId >= 0 && timescale > 0) {
        into.put(trackId, timescale);
      }
    }
  }

  /** Duration of the fragment's first sample of {@code trackId}: tfhd's default, or trun's. */
  private static long firstSampleDuration(ByteBuffer moof, long trackId) {
    for (ByteBuffer traf : children(moof, "traf")) {
      long duration = 0;
      boolean ours = false;
      for (ByteBuffer tfhd : children(traf, "tfhd")) {
        int flags = tfhd.getInt(0) & 0xffffff;
        ours = Integer.toUnsignedLong(tfhd.getInt(4)) == trackId;
        int at = 8 + ((flags & 0x1) != 0 ? 8 : 0) + ((flags & 0x2) != 0 ? 4 : 0);
        if ((flags & 0x8) != 0) {
          duration = Integer.toUnsignedLong(tfhd.getInt(at));
        }
      }
      if (!ours) {
        continue;
      }
      for (ByteBuffer trun : children(traf, "trun")) {
        int flags = trun.getInt(0) & 0xffffff;
        if ((flags & 0x100) != 0 && trun.getInt(4) > 0) {
          int at = 8 + ((flags & 0x1) != 0 ? 4 : 0) + ((flags & 0x4) != 0 ? 4 : 0);
          duration = Integer.toUnsignedLong(trun.getInt(at));
        }
      }
      return duration;
    }
    return 0;
  }

  /** The bodies of the child boxes of {@code type} inside {@code parent}'s body. */
  private static List<ByteBuffer> children(ByteBuffer parent, String type) {
    List<ByteBuffer> found = new ArrayList<>();
    for (int pos = 0; pos + 8 <= parent.limit(); ) {
      int boxSize = parent.getInt(pos);
      if (boxSize < 8 || pos + boxSize > parent.limit()) {
        break;
      }
      if (type.equals(type(parent, pos + 4))) {
        found.add(parent.slice(pos + 8, boxSize - 8));
      }
      pos += boxSize;
    }
    return found;
  }

  private static String type(ByteBuffer b, int at) {
    char[] c = new char[4];
    for (int i = 0; i < 4; i++) {
      c[i] = (char) (b.get(at + i) & 0xff);
    }
    return new String(c);
  }

  private static ByteBuffer readAt(FileChannel file, long pos, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate((int) Math.min(length, file.size() - pos));
    while (b.hasRemaining() && file.read(b, pos + b.position()) >= 0) {}
    return b.flip();
  }
}
