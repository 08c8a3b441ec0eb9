package dev.camrec.testbed.camera;

/**
 * Tells whether an RTP payload starts a keyframe, so a client joining mid-stream gets its first
 * video packet at a point where decoding (and a clean MP4 segment) can start.
 */
final class Keyframes {
  private Keyframes() {}

  static boolean startsKeyframe(String encoding, byte[] rtp, int offset, int length) {
    int header = rtpHeaderLength(rtp, offset, length);
    if (header < 0 || length - header < 3) {
      return false;
    }
    int p = offset + header;
    return switch (encoding) {
      case "H264" -> h264(rtp, p);
      case "H265" -> h265(rtp, p);
      default -> true;
    };
  }

  private static boolean h264(byte[] b, int p) {
    int type = b[p] & 0x1f;
    if (type == 24) { // STAP-A: first aggregated NAL after a 2-byte size
      type = b[p + 3] & 0x1f;
    } else if (type == 28) { // FU-A: only the fragment with the start bit
      return (b[p + 1] & 0x80) != 0 && (b[p + 1] & 0x1f) == 5;
    }
    return type == 5 || type == 7;
  }

  private static boolean h265(byte[] b, int p) {
    int type = (b[p] >> 1) & 0x3f;
    if (type == 48) { // aggregation packet: first NAL after a 2-byte size
      type = (b[p + 4] >> 1) & 0x3f;
    } else if (type == 49) { // fragmentation unit
      return (b[p + 2] & 0x80) != 0 && isIrapOrParameterSet(b[p + 2] & 0x3f);
    }
    return isIrapOrParameterSet(type);
  }

  private static boolean isIrapOrParameterSet(int type) {
    return (type >= 16 && type <= 21) || (type >= 32 && type <= 34);
  }

  /** Length of the fixed header, CSRCs and extension, or -1 when it is not an RTP packet. */
  private static int rtpHeaderLength(byte[] b, int offset, int length) {
    if (length < 12 || (b[offset] & 0xc0) != 0x80) {
      return -1;
    }
    int header = 12 + 4 * (b[offset] & 0x0f);
    if ((b[offset] & 0x10) != 0) {
      if (length < header + 4) {
        return -1;
      }
      int words = ((b[offset + header + 2] & 0xff) << 8) | (b[offset + header + 3] & 0xff);
      header += 4 + 4 * words;
    }
    return header <= length ? header : -1;
  }
}
