package dev.camrec.recorder.spool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camrec.recorder.spool.SpoolLimit.Entry;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpoolLimitTest {

  private final List<Entry> ready =
      List.of(new Entry("a", 100), new Entry("b", 100), new Entry("c", 100), new Entry("d", 100));

  @Test
  void withinTheLimitNothingIsDropped() {
    assertThat(SpoolLimit.toDrop(ready, 50, 450)).isEmpty();
  }

  @Test
  void newestGoFirstSoTheOldestUnuploadedIsKeptLongest() {
    assertThat(SpoolLimit.toDrop(ready, 50, 300))
        .extracting(Entry::fileName)
        .containsExactly("d", "c");
  }

  @Test
  void theOldestGoesOnlyWhenNothingElseIsLeft() {
    assertThat(SpoolLimit.toDrop(ready, 500, 300))
        .extracting(Entry::fileName)
        .containsExactly("d", "c", "b", "a");
  }
}
