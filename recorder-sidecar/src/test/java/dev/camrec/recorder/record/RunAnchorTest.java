package dev.camrec.recorder.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camrec.contract.layout.SegmentKey;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunAnchorTest {

  private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");

  @Test
  void smallestWallMinusMediaTimeWins() {
    RunAnchor anchor = new RunAnchor();
    // Probe burst: 1.5 s of media arrives at once, reported late; then steady reports with 80 ms
    // lag.
    anchor.onProgress(T0.plusMillis(2100), Duration.ofMillis(1500));
    anchor.onProgress(T0.plusMillis(2580), Duration.ofMillis(2500));
    anchor.onProgress(T0.plusMillis(3090), Duration.ofMillis(3000));

    assertThat(anchor.current()).contains(T0.plusMillis(80));
  }

  @Test
  void keysOfOneRunAbutExactly() {
    RunAnchor anchor = new RunAnchor();
    anchor.onProgress(T0.plusMillis(600), Duration.ofMillis(500));

    SegmentKey first =
        anchor.keyFor(new SegmentListLine("a", 0, 2.675778), T0.plusSeconds(3), "ns", "cam");
    SegmentKey second =
        anchor.keyFor(new SegmentListLine("b", 2.675778, 4.675711), T0.plusSeconds(5), "ns", "cam");

    assertThat(first.start()).isEqualTo(T0.plusMillis(100));
    assertThat(first.end()).isEqualTo(second.start());
    assertThat(second.duration()).isEqualTo(Duration.ofMillis(2000));
  }

  @Test
  void aShortListedEndStillAbutsTheNextSegment() {
    RunAnchor anchor = new RunAnchor();
    anchor.onProgress(T0.plusMillis(500), Duration.ofMillis(500));

    SegmentKey first =
        anchor.keyFor(new SegmentListLine("a", 0, 1.92), T0.plusSeconds(3), "ns", "cam");
    SegmentKey second =
        anchor.keyFor(new SegmentListLine("b", 2.0, 3.92), T0.plusSeconds(5), "ns", "cam");

    assertThat(second.start()).isEqualTo(first.end());
    assertThat(second.end()).isEqualTo(T0.plusMillis(3920));
  }

  @Test
  void anchorFreezesWithTheFirstSegmentSoLaterReportsCannotShiftKeys() {
    RunAnchor anchor = new RunAnchor();
    anchor.onProgress(T0.plusMillis(1000), Duration.ofMillis(500));
    SegmentKey first =
        anchor.keyFor(new SegmentListLine("a", 0, 2), T0.plusMillis(2600), "ns", "cam");
    anchor.onProgress(
        T0.plusMillis(2700), Duration.ofMillis(2600)); // would move the anchor to T0+100

    SegmentKey second =
        anchor.keyFor(new SegmentListLine("b", 2, 4), T0.plusSeconds(5), "ns", "cam");

    assertThat(first.start()).isEqualTo(T0.plusMillis(500));
    assertThat(second.start()).isEqualTo(first.end());
  }

  @Test
  void withoutProgressTheFirstSegmentsFinishAnchorsTheRun() {
    RunAnchor anchor = new RunAnchor();

    SegmentKey key = anchor.keyFor(new SegmentListLine("a", 0, 2), T0.plusSeconds(10), "ns", "cam");

    assertThat(key.start()).isEqualTo(T0.plusSeconds(8));
  }
}
