package dev.camrec.contract.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SegmentKeyTest {

  @Test
  void keyCarriesUtcStartAndDurationUnderTheDayPrefix() {
    SegmentKey key =
        new SegmentKey(
            "home", "porch", Instant.parse("2026-03-29T00:59:58.1234Z"), Duration.ofMillis(2002));

    assertThat(key.objectKey())
        .isEqualTo("recordings/home/porch/2026/03/29/20260329T005958.123Z_2002.mp4");
    assertThat(SegmentKey.parse(key.objectKey())).contains(key);
  }

  @Test
  void hourPrefixIsTheBeginningOfEveryKeyStartingInThatHour() {
    Instant hour = Instant.parse("2026-03-29T00:00:00Z");
    String prefix = SegmentKey.hourPrefix("home", "porch", hour);

    assertThat(prefix).isEqualTo("recordings/home/porch/2026/03/29/20260329T00");
    for (Instant start : List.of(hour, hour.plusSeconds(1799), hour.plusMillis(3_599_999))) {
      assertThat(new SegmentKey("home", "porch", start, Duration.ofSeconds(2)).objectKey())
          .startsWith(prefix);
    }
    assertThat(
            new SegmentKey("home", "porch", hour.plusSeconds(3600), Duration.ofSeconds(2))
                .objectKey())
        .doesNotStartWith(prefix);
    assertThat(
            new SegmentKey("home", "porch", hour.minusMillis(1), Duration.ofSeconds(2)).objectKey())
        .doesNotStartWith(prefix);
  }

  @Test
  void keysSortInTimeOrder() {
    Instant t = Instant.parse("2026-12-31T23:59:59.990Z");
    List<String> keys =
        Stream.of(t.plusMillis(20), t, t.plusSeconds(3600 * 24 * 40), t.plusMillis(5))
            .map(s -> new SegmentKey("ns", "cam", s, Duration.ofSeconds(60)).objectKey())
            .toList();

    assertThat(keys.stream().sorted().toList())
        .containsExactly(keys.get(1), keys.get(3), keys.get(0), keys.get(2));
  }

  @Test
  void foreignKeysAreNotSegments() {
    assertThat(SegmentKey.parse("clips/ns/clip-1.mp4")).isEmpty();
    assertThat(SegmentKey.parse("recordings/ns/cam/2026/01/01/notes.txt")).isEmpty();
    assertThat(SegmentKey.parse("recordings/ns/cam/20260101T000000.000Z_1000.mp4")).isEmpty();
  }
}
