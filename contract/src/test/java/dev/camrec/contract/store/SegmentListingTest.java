package dev.camrec.contract.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camrec.contract.layout.SegmentKey;
import dev.camrec.testbed.s3.EmbeddedS3;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentListingTest {

  static final String BUCKET = "rec";
  static final Duration MINUTE = Duration.ofMinutes(1);

  @TempDir Path dir;
  EmbeddedS3 s3;
  StoreConnection store;

  @BeforeEach
  void start() {
    s3 = EmbeddedS3.start(dir);
    s3.createBucket(BUCKET);
    store =
        StoreConnection.open(
            new StoreSettings(
                s3.endpoint().toString(), "us-east-1", BUCKET, s3.accessKey(), s3.secretKey()),
            StoreTimeouts.TRANSFER);
  }

  @AfterEach
  void stop() {
    store.close();
    s3.close();
  }

  @Test
  void allListsOneCameraOldestFirstAcrossYearsAndMonthsAndNothingElse() throws IOException {
    List<SegmentKey> door =
        List.of(
            segment("ns", "door", "2025-12-31T23:59:00Z"),
            segment("ns", "door", "2026-01-01T00:00:00Z"),
            segment("ns", "door", "2026-02-28T12:00:00Z"),
            segment("ns", "door", "2026-02-28T12:01:00Z"));
    List<String> keys = new ArrayList<>(door.stream().map(SegmentKey::objectKey).toList());
    // Neighbours that share the prefix text but not the camera: never listed.
    keys.add(segment("ns", "door-2", "2026-01-01T00:00:00Z").objectKey());
    keys.add(segment("other", "door", "2026-01-01T00:00:00Z").objectKey());
    keys.add("clips/ns/door-abc.mp4");
    keys.add("recordings/ns/door/2026/01/01/not-a-segment.txt");
    s3.putEmptyObjectsDirectly(BUCKET, keys);

    List<SegmentKey> listed = keysOf(new SegmentListing(store, "ns", "door").all());

    assertThat(listed).containsExactlyElementsOf(door);
  }

  @Test
  void prefixesFromADayOrHourOnAfterTheNewestKeyHeld() throws IOException {
    Instant t0 = Instant.parse("2026-11-22T10:58:00Z");
    List<SegmentKey> segments = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      segments.add(new SegmentKey("ns", "cam", t0.plus(MINUTE.multipliedBy(i)), MINUTE));
    }
    s3.putEmptyObjectsDirectly(BUCKET, segments.stream().map(SegmentKey::objectKey).toList());
    SegmentListing listing = new SegmentListing(store, "ns", "cam");
    Instant now = t0.plus(Duration.ofMinutes(10));

    assertThat(keysOf(listing.startedInPrefixes(t0, now, ChronoUnit.DAYS, Optional.empty())))
        .containsExactlyElementsOf(segments);
    // An hour prefix from 11:00 holds the three segments from 11:00 on.
    assertThat(
            keysOf(
                listing.startedInPrefixes(
                    Instant.parse("2026-11-22T11:00:00Z"),
                    now,
                    ChronoUnit.HOURS,
                    Optional.empty())))
        .containsExactlyElementsOf(segments.subList(2, 5));
    assertThat(
            keysOf(
                listing.startedInPrefixes(
                    t0, now, ChronoUnit.HOURS, Optional.of(segments.get(2).objectKey()))))
        .containsExactlyElementsOf(segments.subList(3, 5));
  }

  @Test
  void shortSegmentsAreListedByHourLongOnesByDay() {
    assertThat(SegmentListing.spanFor(Duration.ofSeconds(2))).isEqualTo(ChronoUnit.HOURS);
    assertThat(SegmentListing.spanFor(Duration.ofSeconds(28))).isEqualTo(ChronoUnit.HOURS);
    assertThat(SegmentListing.spanFor(Duration.ofSeconds(29))).isEqualTo(ChronoUnit.DAYS);
    assertThat(SegmentListing.spanFor(Duration.ofMinutes(1))).isEqualTo(ChronoUnit.DAYS);
  }

  @Test
  void aStoreThatDoesNotAnswerEndsTheListingWithWhatItSaid() {
    s3.stop();

    Iterable<StoredSegment> listing = new SegmentListing(store, "ns", "cam").all();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> listing.iterator().hasNext())
        .isInstanceOf(ListingFailed.class)
        .hasMessageContaining("recordings/ns/cam/")
        .hasCauseInstanceOf(IOException.class);
  }

  private static SegmentKey segment(String namespace, String camera, String start) {
    return new SegmentKey(namespace, camera, Instant.parse(start), MINUTE);
  }

  private static List<SegmentKey> keysOf(Iterable<StoredSegment> listing) {
    return StreamSupport.stream(listing.spliterator(), false).map(StoredSegment::key).toList();
  }
}
