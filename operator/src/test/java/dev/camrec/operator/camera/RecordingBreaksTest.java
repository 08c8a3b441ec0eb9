package dev.camrec.operator.camera;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camrec.api.Recording;
import dev.camrec.api.RecordingSchedule;
import dev.camrec.api.TimeWindow;
import dev.camrec.contract.layout.RecordingGaps;
import dev.camrec.contract.layout.RecordingGaps.Gap;
import dev.camrec.contract.layout.SegmentKey.Timing;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class RecordingBreaksTest {

  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  private static final Predicate<Instant> AROUND_THE_CLOCK = t -> true;

  /** Segments of 10 s from {@code first}, each starting {@code jitterMs} after the previous end. */
  private static List<Timing> run(Instant first, int count, long jitterMs) {
    List<Timing> segments = new ArrayList<>();
    Instant start = first;
    for (int i = 0; i < count; i++) {
      segments.add(segment(start, 10_000));
      start = start.plusMillis(10_000 + jitterMs);
    }
    return segments;
  }

  private static Timing segment(Instant start, long millis) {
    return new Timing(start, Duration.ofMillis(millis));
  }

  private static long breaks(List<Timing> segments, Predicate<Instant> scheduled) {
    return RecordingBreaks.count(RecordingGaps.between(segments), NOW, scheduled);
  }

  @Test
  void segmentsThatAbutWithinMillisecondsAreNoBreak() {
    List<Timing> segments = run(NOW.minusSeconds(600), 30, 3);

    assertThat(RecordingGaps.between(segments)).isEmpty();
    assertThat(breaks(segments, AROUND_THE_CLOCK)).isZero();
  }

  @Test
  void aReconnectGapIsOneBreak() {
    List<Timing> segments = new ArrayList<>(run(NOW.minusSeconds(600), 10, 0));
    // The recorder relaunched after its 1 s backoff and a connect: 2.4 s without recording.
    Instant resumed = NOW.minusSeconds(500).plusMillis(2_400);
    segments.addAll(run(resumed, 10, 0));

    assertThat(RecordingGaps.between(segments))
        .containsExactly(new Gap(NOW.minusSeconds(500), resumed));
    assertThat(breaks(segments, AROUND_THE_CLOCK)).isEqualTo(1);
  }

  @Test
  void aGapJustOverTheToleranceCountsAndOneJustUnderDoesNot() {
    Instant t = NOW.minusSeconds(300);
    List<Timing> segments =
        List.of(
            segment(t, 10_000),
            segment(t.plusMillis(10_499), 10_000),
            segment(t.plusMillis(21_100), 10_000));

    assertThat(breaks(segments, AROUND_THE_CLOCK)).isEqualTo(1);
  }

  @Test
  void segmentsListedOutOfOrderGiveTheSameGaps() {
    List<Timing> inOrder = new ArrayList<>(run(NOW.minusSeconds(600), 5, 0));
    inOrder.addAll(run(NOW.minusSeconds(500), 5, 0));
    List<Timing> shuffled = new ArrayList<>(inOrder);
    java.util.Collections.reverse(shuffled);
    shuffled.add(0, shuffled.remove(4));

    assertThat(RecordingGaps.between(shuffled))
        .isEqualTo(RecordingGaps.between(inOrder))
        .hasSize(1);
    assertThat(breaks(shuffled, AROUND_THE_CLOCK)).isEqualTo(1);
  }

  @Test
  void overlappingSegmentsLeaveNoGap() {
    Instant t = NOW.minusSeconds(300);
    // A long segment that a short one lies inside, then one that abuts the long one.
    List<Timing> segments =
        List.of(
            segment(t, 30_000),
            segment(t.plusSeconds(5), 5_000),
            segment(t.plusSeconds(30), 10_000));

    assertThat(RecordingGaps.between(segments)).isEmpty();
  }

  @Test
  void aGapInAScheduledPauseIsNoBreak() {
    // Recording 08:00-11:00 UTC daily; stopped at 11:00, resumed (next day) at 08:00:04.
    Recording recording =
        new Recording(
            true,
            10,
            null,
            new RecordingSchedule("UTC", List.of(new TimeWindow(List.of(), "08:00", "11:00"))),
            null);
    Predicate<Instant> scheduled = RecordingPlan.scheduledToRecord(recording);
    List<Timing> segments = new ArrayList<>(run(Instant.parse("2026-11-21T10:59:00Z"), 6, 0));
    segments.addAll(run(Instant.parse("2026-11-22T08:00:04Z"), 6, 0));
    // ... and a camera drop inside today's window.
    segments.addAll(run(Instant.parse("2026-11-22T08:01:30Z"), 6, 0));

    assertThat(RecordingGaps.between(segments)).hasSize(2);
    assertThat(breaks(segments, scheduled)).isEqualTo(1);
    assertThat(breaks(segments, AROUND_THE_CLOCK)).isEqualTo(2);
  }

  @Test
  void onlyBreaksOfTheLast24HoursCount() {
    List<Timing> segments = new ArrayList<>(run(NOW.minus(Duration.ofHours(30)), 3, 0));
    segments.addAll(run(NOW.minus(Duration.ofHours(25)), 3, 0)); // gap centred 27.5 h ago
    segments.addAll(run(NOW.minus(Duration.ofHours(1)), 3, 0)); // gap centred 13 h ago

    assertThat(RecordingGaps.between(segments)).hasSize(2);
    assertThat(breaks(segments, AROUND_THE_CLOCK)).isEqualTo(1);
  }
}
