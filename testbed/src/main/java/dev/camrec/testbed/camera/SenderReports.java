package dev.camrec.testbed.camera;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The camera's own clock as its RTCP sender reports show it to clients, like a real camera's: one
 * clock for its timestamps and its reports, {@link #shift}ed off this machine's, or reports held
 * back altogether, like a camera that sends none. The source FFmpeg's own video reports do not
 * agree with its timestamps (they follow the wall clock while its paced playback does not, by about
 * 25 ms per 5 s), which would re-time the recorder's stream at every report; so the video reports'
 * NTP time is rewritten from their RTP time on the first report's footing. It also keeps the
 * camera's time of each recent video keyframe: the truth tests compare keys against.
 */
final class SenderReports {

  private static final int SENDER_REPORT = 200;
  private static final long NTP_TO_UNIX_SECONDS = 2_208_988_800L;
  private static final double VIDEO_CLOCK_RATE = 90_000;
  private static final int KEPT_KEYFRAMES = 1000;

  private volatile Duration shift = Duration.ZERO;
  private volatile boolean sent = true;
  private final Deque<KeyframeTime> keyframes = new ArrayDeque<>();
  private Instant firstNtp;
  private long firstRtp;

  void shift(Duration shift) {
    this.shift = shift;
  }

  void send(boolean sent) {
    this.sent = sent;
  }

  /**
   * Shifts the NTP time of the sender reports in an RTCP compound packet, in place; returns whether
   * the packet is to be sent on. A video report also dates the keyframes after it.
   */
  synchronized boolean relay(byte[] packet, int length, boolean video) {
    for (int at = 0; at + 20 <= length; at += 4 * (1 + u16(packet, at + 2))) {
      if ((packet[at + 1] & 0xff) != SENDER_REPORT) {
        continue;
      }
      Instant ntp = fromNtp(u64(packet, at + 8));
      if (video) {
        long rtp = u32(packet, at + 16);
        if (firstNtp == null) {
          firstNtp = ntp;
          firstRtp = rtp;
        }
        ntp = videoTime(rtp);
      }
      putU64(packet, at + 8, toNtp(ntp.plus(shift)));
    }
    return sent;
  }

  /**
   * A video RTP packet that starts a keyframe was relayed now. It is dated on the clock as shifted
   * now, as the client will date it from the next report (the source sends one every 5 s).
   */
  synchronized void keyframe(byte[] rtp) {
    if (firstNtp == null) {
      return;
    }
    keyframes.addLast(new KeyframeTime(Instant.now(), videoTime(u32(rtp, 4)).plus(shift)));
    if (keyframes.size() > KEPT_KEYFRAMES) {
      keyframes.removeFirst();
    }
  }

  /** A new source: new RTP timestamps, so the footing of its first report again. */
  synchronized void sourceRestarted() {
    firstNtp = null;
  }

  /** The unshifted camera time of a video RTP timestamp. */
  private Instant videoTime(long rtp) {
    int ticks = (int) (rtp - firstRtp); // signed: RTP timestamps wrap
    return firstNtp.plusNanos(Math.round(ticks / VIDEO_CLOCK_RATE * 1e9));
  }

  synchronized List<KeyframeTime> keyframes() {
    return List.copyOf(keyframes);
  }

  private static Instant fromNtp(long ntp) {
    long seconds = (ntp >>> 32) - NTP_TO_UNIX_SECONDS;
    return Instant.ofEpochSecond(seconds, ((ntp & 0xffffffffL) * 1_000_000_000L) >>> 32);
  }

  private static long toNtp(Instant t) {
    long seconds = t.getEpochSecond() + NTP_TO_UNIX_SECONDS;
    return (seconds << 32) | (((long) t.getNano() << 32) / 1_000_000_000L);
  }

  private static int u16(byte[] b, int at) {
    return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }

  private static long u32(byte[] b, int at) {
    return ((long) u16(b, at) << 16) | u16(b, at + 2);
  }

  private static long u64(byte[] b, int at) {
    return (u32(b, at) << 32) | u32(b, at + 4);
  }

  private static void putU64(byte[] b, int at, long v) {
    for (int i = 7; i >= 0; i--) {
      b[at + i] = (byte) v;
      v >>>= 8;
    }
  }
}
