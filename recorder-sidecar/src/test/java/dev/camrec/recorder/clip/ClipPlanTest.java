package dev.camrec.recorder.clip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camrec.contract.layout.RecordingGaps.Gap;
import dev.camrec.contract.layout.SegmentKey;
import dev.camrec.contract.store.StoredSegment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClipPlanTest {

  static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

  static StoredSegment segment(Instant start, long millis) {
    return new StoredSegment(new SegmentKey("ns", "cam", start, Duration.ofMillis(millis)), 1000);
  }

  /** {@code count} abutting 60 s segments from {@code first}. */
  static List<StoredSegment> run(Instant first, int count) {
    List<StoredSegment> s = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      s.add(segment(first.plusSeconds(60L * i), 60_000));
    }
    return s;
  }

  @Test
  void aRangeInsideTheRecordingSeeksIntoTheFirstSegmentAndStopsInTheLast() {
    List<StoredSegment> listed = run(T0, 10);
    Instant start = T0.plusSeconds(75);
    Instant end = T0.plusSeconds(200);

    ClipPlan plan = ClipPlan.of(listed, start, end, Map.of());

    assertThat(plan.parts())
        .extracting(p -> p.segment())
        .containsExactlyElementsOf(listed.subList(1, 4));
    assertThat(plan.seek()).isEqualTo(Duration.ofSeconds(15));
    assertThat(plan.stop()).isEqualTo(Duration.ofSeconds(140));
    assertThat(plan.actualStart()).isEqualTo(start);
    assertThat(plan.actualEnd()).isEqualTo(end);
    assertThat(plan.gaps()).isEmpty();
    assertThat(plan.estimatedBytes()).isEqualTo(Math.round(1000 * 125 / 60.0));
  }

  @Test
  void gapsLeaveTheJoinedTimelineAndAreListedInWallClockTime() {
    List<StoredSegment> listed = new ArrayList<>(run(T0, 2));
    listed.addAll(run(T0.plusSeconds(150), 2)); // 30 s missing after 08:02:00

    ClipPlan plan = ClipPlan.of(listed, T0.plusSeconds(30), T0.plusSeconds(200), Map.of());

    assertThat(plan.gaps()).containsExactly(new Gap(T0.plusSeconds(120), T0.plusSeconds(150)));
    assertThat(plan.seek()).isEqualTo(Duration.ofSeconds(30));
    // Three segments before the last (180 s) and 50 s into it.
    assertThat(plan.stop()).isEqualTo(Duration.ofSeconds(170));
  }

  @Test
  void aRangeBeyondTheRecordingsIsCutToThem() {
    ClipPlan plan = ClipPlan.of(run(T0, 3), T0.minusSeconds(600), T0.plusSeconds(900), Map.of());

    assertThat(plan.actualStart()).isEqualTo(T0);
    assertThat(plan.actualEnd()).isEqualTo(T0.plusSeconds(180));
    assertThat(plan.seek()).isZero();
    assertThat(plan.stop()).isEqualTo(Duration.ofSeconds(180));
    assertThat(plan.gaps()).isEmpty();
  }

  @Test
  void noOverlappingSegmentIsAnEmptyPlan() {
    assertThat(
            ClipPlan.of(run(T0, 3), T0.plusSeconds(180), T0.plusSeconds(240), Map.of()).isEmpty())
        .isTrue();
  }

  @Test
  void aRunStartWithoutAKeyframeAtItsBeginningStartsThereAndWidensTheGap() {
    List<StoredSegment> first = run(T0, 2);
    List<StoredSegment> second = run(T0.plusSeconds(125), 2);
    List<StoredSegment> listed = new ArrayList<>(first);
    listed.addAll(second);
    Instant start = T0.plusSeconds(10);
    Instant end = T0.plusSeconds(240);

    assertThat(ClipPlan.runStarts(listed, start, end)).containsExactly(first.get(0), second.get(0));
    ClipPlan plan =
        ClipPlan.of(
            listed,
            start,
            end,
            Map.of(
                first.get(0), Optional.of(Duration.ZERO),
                second.get(0), Optional.of(Duration.ofMillis(1200))));

    assertThat(plan.gaps())
        .containsExactly(new Gap(T0.plusSeconds(120), T0.plusSeconds(125).plusMillis(1200)));
    assertThat(plan.parts().get(2).duration()).isEqualTo(Duration.ofMillis(58_800));
    // 60 + 60 + 58.8 s before the last segment, 55 s into it.
    assertThat(plan.stop()).isEqualTo(Duration.ofMillis(233_800));
  }

  @Test
  void aRunStartWithoutAnyKeyframeIsLeftOut() {
    List<StoredSegment> listed = run(T0, 3);

    ClipPlan plan =
        ClipPlan.of(listed, T0, T0.plusSeconds(180), Map.of(listed.get(0), Optional.empty()));

    assertThat(plan.actualStart()).isEqualTo(T0.plusSeconds(60));
    assertThat(plan.parts()).hasSize(2);
  }

  @Test
  void aSegmentWhollyInsideThePreviousOneIsLeftOut() {
    List<StoredSegment> listed = new ArrayList<>(run(T0, 2));
    listed.add(segment(T0.plusSeconds(10), 20_000));

    ClipPlan plan = ClipPlan.of(listed, T0, T0.plusSeconds(120), Map.of());

    assertThat(plan.parts()).hasSize(2);
    assertThat(plan.stop()).isEqualTo(Duration.ofSeconds(120));
  }
}
