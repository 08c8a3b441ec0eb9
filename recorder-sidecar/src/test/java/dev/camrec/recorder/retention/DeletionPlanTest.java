package dev.camrec.recorder.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camrec.contract.layout.SegmentKey;
import dev.camrec.contract.store.StoredSegment;
import dev.camrec.recorder.retention.DeletionPlan.Deletion;
import dev.camrec.recorder.retention.DeletionPlan.Why;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DeletionPlanTest {

  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  private static final Duration MINUTE = Duration.ofMinutes(1);

  /** Ten one-minute segments of 100 bytes ending at NOW: starts 11:50 .. 11:59. */
  private static List<StoredSegment> tenMinutes(String camera) {
    List<StoredSegment> segments = new ArrayList<>();
    for (int i = 10; i >= 1; i--) {
      segments.add(segment(camera, NOW.minus(MINUTE.multipliedBy(i)), MINUTE, 100));
    }
    return segments;
  }

  private static StoredSegment segment(String camera, Instant start, Duration d, long size) {
    return new StoredSegment(new SegmentKey("ns", camera, start, d), size);
  }

  private static List<Deletion> plan(
      String camera, RetentionLimits limits, List<StoredSegment> listing) {
    return collect(new DeletionPlan("ns", camera, limits, NOW, () -> listing));
  }

  private static List<Deletion> collect(DeletionPlan plan) {
    List<Deletion> out = new ArrayList<>();
    plan.forEach(out::add);
    return out;
  }

  private static RetentionLimits age(Duration maxAge) {
    return new RetentionLimits(Optional.of(maxAge), Optional.empty());
  }

  private static RetentionLimits bytes(long maxBytes) {
    return new RetentionLimits(Optional.empty(), Optional.of(maxBytes));
  }

  private static List<Instant> starts(List<Deletion> deletions) {
    return deletions.stream().map(d -> d.segment().key().start()).toList();
  }

  @Test
  void ageOnlyDeletesTheSegmentsThatEndedBeforeTheCutoffOldestFirst() {
    List<StoredSegment> segments = tenMinutes("door");
    DeletionPlan plan =
        new DeletionPlan("ns", "door", age(Duration.ofMinutes(7)), NOW, () -> segments);

    List<Deletion> deletions = collect(plan);

    // Cutoff 11:53: the segments 11:50-11:51 and 11:51-11:52 ended before it; 11:52-11:53 ends
    // exactly at it and stays.
    assertThat(starts(deletions))
        .containsExactly(NOW.minus(MINUTE.multipliedBy(10)), NOW.minus(MINUTE.multipliedBy(9)));
    assertThat(deletions).extracting(Deletion::why).containsOnly(Why.AGE);
    assertThat(plan.oldestKept()).contains(NOW.minus(MINUTE.multipliedBy(8)));
  }

  @Test
  void aSegmentCrossingTheAgeBoundaryIsKept() {
    // A 10-minute segment 11:45-11:55 against a cutoff of 11:50: it holds footage younger than the
    // limit, so it stays; the one before (11:35-11:45) goes.
    List<StoredSegment> segments =
        List.of(
            segment("door", NOW.minus(Duration.ofMinutes(25)), Duration.ofMinutes(10), 1),
            segment("door", NOW.minus(Duration.ofMinutes(15)), Duration.ofMinutes(10), 1));
    DeletionPlan plan =
        new DeletionPlan("ns", "door", age(Duration.ofMinutes(10)), NOW, () -> segments);

    assertThat(starts(collect(plan))).containsExactly(NOW.minus(Duration.ofMinutes(25)));
    assertThat(plan.oldestKept()).contains(NOW.minus(Duration.ofMinutes(15)));
  }

  @Test
  void sizeOnlyDeletesTheOldestUntilTheCameraHoldsAtMostMaxBytes() {
    List<StoredSegment> segments = tenMinutes("door");

    List<Deletion> deletions = plan("door", bytes(750), segments);

    // 1000 bytes held, 750 allowed: the three oldest go (700 left), not two (800 > 750).
    assertThat(deletions).hasSize(3).extracting(Deletion::why).containsOnly(Why.SIZE);
    assertThat(starts(deletions))
        .containsExactly(
            NOW.minus(MINUTE.multipliedBy(10)),
            NOW.minus(MINUTE.multipliedBy(9)),
            NOW.minus(MINUTE.multipliedBy(8)));
  }

  @Test
  void exactlyMaxBytesIsWithinTheLimit() {
    assertThat(plan("door", bytes(1000), tenMinutes("door"))).isEmpty();
    assertThat(plan("door", bytes(999), tenMinutes("door"))).hasSize(1);
  }

  @Test
  void bothLimitsDeleteByAgeFirstThenBySizeFromWhatIsLeft() {
    List<StoredSegment> segments = tenMinutes("door");
    DeletionPlan plan =
        new DeletionPlan(
            "ns",
            "door",
            new RetentionLimits(Optional.of(Duration.ofMinutes(7)), Optional.of(500L)),
            NOW,
            () -> segments);

    List<Deletion> deletions = collect(plan);

    // Age takes 11:50 and 11:51; 800 bytes stay, 300 too many: 11:52, 11:53, 11:54 go by size.
    assertThat(deletions)
        .extracting(Deletion::why)
        .containsExactly(Why.AGE, Why.AGE, Why.SIZE, Why.SIZE, Why.SIZE);
    assertThat(plan.oldestKept()).contains(NOW.minus(MINUTE.multipliedBy(5)));
  }

  @Test
  void theSizePassSkipsWhatAgeAlreadyDeletesWhenTheyAreStillListedInADryRun() {
    // A dry run deletes nothing, so the second listing shows the expired segments again.
    List<StoredSegment> segments = tenMinutes("door");
    List<Deletion> deletions =
        plan(
            "door",
            new RetentionLimits(Optional.of(Duration.ofMinutes(7)), Optional.of(500L)),
            segments);

    assertThat(deletions.stream().map(Deletion::segment).distinct()).hasSize(5);
  }

  @Test
  void anEmptyCameraPlansNothing() {
    DeletionPlan plan =
        new DeletionPlan(
            "ns",
            "door",
            new RetentionLimits(Optional.of(MINUTE), Optional.of(0L)),
            NOW,
            List::<StoredSegment>of);

    assertThat(collect(plan)).isEmpty();
    assertThat(plan.oldestKept()).isEmpty();
  }

  @Test
  void anotherCamerasOrNamespacesKeysAreNeverPlannedEvenWhenTheListingYieldsThem() {
    // door-2 shares door's first characters; a listing gone wrong must not get it deleted.
    List<StoredSegment> mixed = new ArrayList<>();
    mixed.addAll(tenMinutes("door-2"));
    mixed.addAll(tenMinutes("door"));
    mixed.add(
        new StoredSegment(
            new SegmentKey("other-ns", "door", NOW.minus(Duration.ofDays(30)), MINUTE), 1));

    List<Deletion> deletions =
        plan("door", new RetentionLimits(Optional.of(MINUTE), Optional.of(0L)), mixed);

    assertThat(deletions).hasSize(10);
    assertThat(deletions)
        .allSatisfy(
            d -> {
              assertThat(d.segment().key().camera()).isEqualTo("door");
              assertThat(d.segment().key().namespace()).isEqualTo("ns");
            });
  }

  @Test
  void withoutAByteLimitTheListingIsReadOnceAndWithOneAtMostTwice() {
    AtomicInteger listings = new AtomicInteger();
    List<StoredSegment> segments = tenMinutes("door");

    collect(
        new DeletionPlan(
            "ns",
            "door",
            age(MINUTE),
            NOW,
            () -> {
              listings.incrementAndGet();
              return segments;
            }));
    assertThat(listings).hasValue(1);

    listings.set(0);
    collect(
        new DeletionPlan(
            "ns",
            "door",
            bytes(50),
            NOW,
            () -> {
              listings.incrementAndGet();
              return segments;
            }));
    assertThat(listings).hasValue(2);
  }

  @Test
  void theSizePassStopsReadingAtTheFirstSegmentItKeeps() {
    // A listing that fails after the eighth segment: the second pass never gets there.
    List<StoredSegment> segments = tenMinutes("door");
    AtomicInteger passes = new AtomicInteger();
    Iterable<StoredSegment> secondPass =
        () ->
            Stream.concat(
                    segments.subList(0, 8).stream(),
                    Stream.<StoredSegment>generate(
                        () -> {
                          throw new AssertionError("read past the last deletion");
                        }))
                .iterator();

    List<Deletion> deletions =
        collect(
            new DeletionPlan(
                "ns",
                "door",
                bytes(500),
                NOW,
                () -> passes.getAndIncrement() == 0 ? segments : secondPass));

    assertThat(deletions).hasSize(5);
  }
}
