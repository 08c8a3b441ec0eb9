package dev.camrec.recorder.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camrec.contract.clock.CameraClockOffset;
import dev.camrec.contract.clock.CameraClockOffset.KeyClock;
import dev.camrec.contract.clock.ClockSetting;
import dev.camrec.contract.layout.SegmentKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunClockTest {

  /** The recorder's time of the run's first packet. */
  private static final Instant T0 = Instant.parse("2026-12-02T12:00:00Z");

  private static final Duration TOLERANCE = Duration.ofSeconds(2);

  private final RunAnchor anchor = new RunAnchor();

  @Test
  void recorderSettingKeysOnTheRecorderClockAndStillMeasuresTheOffset() {
    RunClock clock = clock(ClockSetting.RECORDER);

    List<RunClock.Keyed> keyed = clock.finished(line(0, 2), T0.plusSeconds(2), camera(0, 700));

    assertThat(starts(keyed)).containsExactly(T0);
    assertThat(clock.offset())
        .contains(new CameraClockOffset(Optional.of(Duration.ofMillis(700)), KeyClock.RECORDER));
  }

  @Test
  void cameraSettingKeysOnTheCameraClockHoweverFarOff() {
    RunClock clock = clock(ClockSetting.CAMERA);

    List<RunClock.Keyed> keyed = clock.finished(line(0, 2), T0.plusSeconds(2), camera(0, -30_000));

    assertThat(starts(keyed)).containsExactly(T0.minusSeconds(30));
    assertThat(clock.offset().orElseThrow().keys()).isEqualTo(KeyClock.CAMERA);
  }

  @Test
  void autoKeysOnTheCameraClockWithinTheToleranceOnly() {
    RunClock near = clock(ClockSetting.AUTO);
    assertThat(starts(near.finished(line(0, 2), T0.plusSeconds(2), camera(0, 1999))))
        .containsExactly(T0.plusMillis(1999));

    RunClock far = new RunClock(ClockSetting.AUTO, TOLERANCE, new RunAnchor(), "ns", "cam");
    assertThat(starts(far.finished(line(0, 2), T0.plusSeconds(2), camera(0, 2001))))
        .containsExactly(T0);
    assertThat(far.offset().orElseThrow().beyond(TOLERANCE)).isTrue();
  }

  @Test
  void anUndatedFirstSegmentIsHeldAndGetsTheCameraAnchorOfTheRun() {
    RunClock clock = clock(ClockSetting.AUTO);

    assertThat(clock.finished(line(0, 4), T0.plusSeconds(4), Optional.empty())).isEmpty();
    assertThat(clock.offset()).isEmpty();
    List<RunClock.Keyed> keyed = clock.finished(line(4, 8), T0.plusSeconds(8), camera(4, 500));

    assertThat(starts(keyed)).containsExactly(T0.plusMillis(500), T0.plusMillis(4500));
    assertThat(keyed.get(0).key().end()).isEqualTo(keyed.get(1).key().start());
  }

  @Test
  void withoutReportsTheHeldSegmentsGoOnTheRecorderClockAfterTheHold() {
    RunClock clock = clock(ClockSetting.CAMERA);

    assertThat(clock.finished(line(0, 6), T0.plusSeconds(6), Optional.empty())).isEmpty();
    List<RunClock.Keyed> keyed = clock.finished(line(6, 12), T0.plusSeconds(12), Optional.empty());

    assertThat(starts(keyed)).containsExactly(T0, T0.plusSeconds(6));
    assertThat(clock.offset()).contains(new CameraClockOffset(Optional.empty(), KeyClock.RECORDER));
    // A report later in the run changes the offset, never the run's anchor.
    keyed = clock.finished(line(12, 18), T0.plusSeconds(18), camera(12, 300));
    assertThat(starts(keyed)).containsExactly(T0.plusSeconds(12));
    assertThat(clock.offset().orElseThrow().offset()).contains(Duration.ofMillis(300));
  }

  @Test
  void aRunEndingWhileASegmentIsHeldKeysItOnTheRecorderClock() {
    RunClock clock = clock(ClockSetting.AUTO);
    clock.finished(line(0, 3), T0.plusSeconds(3), Optional.empty());

    assertThat(starts(clock.ended())).containsExactly(T0);
    assertThat(clock.ended()).isEmpty();
  }

  private RunClock clock(ClockSetting setting) {
    return new RunClock(setting, TOLERANCE, anchor, "ns", "cam");
  }

  private static SegmentListLine line(double start, double end) {
    return new SegmentListLine("run1-000000.mp4", start, end);
  }

  /** The camera's time of a segment starting {@code start} s into the run, {@code ms} ahead. */
  private static Optional<Instant> camera(double start, long ms) {
    return Optional.of(T0.plusMillis(Math.round(start * 1000) + ms));
  }

  private static List<Instant> starts(List<RunClock.Keyed> keyed) {
    return keyed.stream().map(RunClock.Keyed::key).map(SegmentKey::start).toList();
  }
}
