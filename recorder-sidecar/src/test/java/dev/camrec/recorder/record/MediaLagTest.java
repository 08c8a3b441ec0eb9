package dev.camrec.recorder.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MediaLagTest {

  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void streamingInRealTimeLagsNoMoreThanTheReportsAreOld() {
    MediaLag lag = new MediaLag(Duration.ofMinutes(1));
    for (int i = 1; i <= 40; i++) {
      // reports every 0.5 s, each up to 300 ms late
      lag.observe(at(i * 500 + (i % 3) * 100), Duration.ofMillis(i * 500));
    }
    assertThat(lag.at(at(20_400))).contains(Duration.ofMillis(400));
  }

  /**
   * FFmpeg 7.1 with a camera that has audio: about 10 s into a stall it muxes what it held back,
   * and the media time advances once more. That must not restart the count.
   */
  @Test
  void aFlushOfHeldBackPacketsDuringAStallDoesNotHideIt() {
    MediaLag lag = new MediaLag(Duration.ofMinutes(1));
    for (int i = 1; i <= 20; i++) {
      lag.observe(at(i * 500), Duration.ofMillis(i * 500 - 400)); // 400 ms held back
    }
    // the camera stalls at 10 s; reports go on with the same media time
    for (int i = 21; i <= 39; i++) {
      lag.observe(at(i * 500), Duration.ofMillis(9_600));
    }
    lag.observe(at(19_800), Duration.ofMillis(10_000)); // the flush
    // Counted from the newest media at its usual delay (10.4 s), not from the flush (19.8 s).
    assertThat(lag.at(at(20_100))).contains(Duration.ofMillis(9_700));
  }

  @Test
  void aCameraClockSlowerThanOursDoesNotAddUpToALag() {
    MediaLag lag = new MediaLag(Duration.ofMinutes(1));
    // 1000 ppm slow, for a day, one report a second
    for (int s = 1; s <= 86_400; s++) {
      lag.observe(at(s * 1000L), Duration.ofMillis(s * 999L));
    }
    assertThat(lag.at(at(86_400_000L)).orElseThrow()).isLessThan(Duration.ofMillis(100));
  }

  @Test
  void timestampsThatStartOverAreANewTimeLineNotAStall() {
    MediaLag lag = new MediaLag(Duration.ofMinutes(1));
    for (int i = 1; i <= 120; i++) {
      lag.observe(at(i * 500), Duration.ofMillis(i * 500));
    }
    // the camera's encoder restarted at 60 s: its media time starts again from zero
    for (int i = 1; i <= 40; i++) {
      lag.observe(at(60_000 + i * 500), Duration.ofMillis(i * 500));
    }
    assertThat(lag.at(at(80_200))).contains(Duration.ofMillis(200));
  }

  @Test
  void noLagBeforeAnyMedia() {
    assertThat(new MediaLag(Duration.ofMinutes(1)).at(T0)).isEmpty();
  }

  static Instant at(long millis) {
    return T0.plusMillis(millis);
  }
}
