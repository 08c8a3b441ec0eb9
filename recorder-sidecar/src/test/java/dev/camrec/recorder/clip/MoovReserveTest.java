package dev.camrec.recorder.clip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MoovReserveTest {

  @Test
  void anHourOf25FpsVideoAndAacAudioGetsRoomForMoreThanTheMoovFfmpegWrote() {
    // bench/clip.sh's hour: 89,984 video and 168,809 audio samples, a moov of 2,045,028 bytes.
    double rate = (89_984 + 168_809) / 3598.0;

    long room = MoovReserve.bytes(Duration.ofSeconds(3598), rate);

    assertThat(room).isGreaterThan(3 * 2_045_028L).isLessThan(10_000_000L);
  }

  @Test
  void aShortClipGetsTheFixedPartAndLittleMore() {
    assertThat(MoovReserve.bytes(Duration.ofSeconds(5), 40))
        .isBetween(MoovReserve.FIXED_BYTES, MoovReserve.FIXED_BYTES + 8 * 1024);
  }
}
