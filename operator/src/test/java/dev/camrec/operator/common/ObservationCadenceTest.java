package dev.camrec.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ObservationCadenceTest {

  private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
  private final ObservationCadence cadence = new ObservationCadence(Duration.ofSeconds(10));

  @Test
  void aRecordingCameraIsListedOncePerSegmentJustAfterItsNextSegmentShouldLand() {
    // The newest 60 s segment ended 5 s ago: the next ends in 55 s, and has 6 s to upload.
    Optional<Instant> newestEnd = Optional.of(NOW.minusSeconds(5));
    assertThat(cadence.nextListing(newestEnd, 60, NOW)).isEqualTo(NOW.plusSeconds(61));
    // Short segments get at least 2 s to land, and the least poll interval still holds.
    assertThat(cadence.nextListing(Optional.of(NOW.minusSeconds(1)), 10, NOW))
        .isEqualTo(NOW.plusSeconds(11));
    assertThat(cadence.nextListing(Optional.of(NOW.minusSeconds(9)), 10, NOW))
        .isEqualTo(NOW.plusSeconds(10));
  }

  @Test
  void anOverdueSegmentIsLookedForEveryHalfSegment() {
    // The next segment should have landed 14 s ago.
    assertThat(cadence.nextListing(Optional.of(NOW.minusSeconds(80)), 60, NOW))
        .isEqualTo(NOW.plusSeconds(30));
    assertThat(cadence.nextListing(Optional.empty(), 60, NOW)).isEqualTo(NOW.plusSeconds(30));
    // Long segments: at least once a minute while waiting.
    assertThat(cadence.nextListing(Optional.empty(), 600, NOW)).isEqualTo(NOW.plusSeconds(60));
  }

  @Test
  void aSegmentEndingInTheFutureDoesNotPostponeTheNextListingBeyondOneSegment() {
    // A camera clock an hour ahead writes keys from the future.
    assertThat(cadence.nextListing(Optional.of(NOW.plusSeconds(3600)), 60, NOW))
        .isEqualTo(NOW.plusSeconds(66));
  }
}
