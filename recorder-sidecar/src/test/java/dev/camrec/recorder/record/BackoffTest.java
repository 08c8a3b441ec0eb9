package dev.camrec.recorder.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void doublesFromOneSecondUpToThirtyThenStartsOverAfterReset() {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    assertThat(
            java.util.stream.Stream.generate(backoff::nextDelay).limit(7).map(Duration::toSeconds))
        .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
    backoff.reset();
    assertThat(backoff.nextDelay()).isEqualTo(Duration.ofSeconds(1));
  }
}
