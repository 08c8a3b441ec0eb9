package dev.camrec.recorder.clip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConcatScriptTest {

  @Test
  void aUrlReadFromItsStartIsReadAsAStreamAndOneEnteredAtAnInpointSeeks() {
    String script =
        ConcatScript.of(
            List.of(
                new ConcatScript.Input(
                    "http://s3/a.mp4?X-Amz-Signature=1", Duration.ofSeconds(60), Optional.of(0.4)),
                new ConcatScript.Input(
                    "http://s3/b.mp4?X-Amz-Signature=2",
                    Duration.ofMillis(59_500),
                    Optional.empty()),
                new ConcatScript.Input("/work/c.mp4", Duration.ofSeconds(60), Optional.empty())));

    assertThat(script)
        .isEqualTo(
            """
            ffconcat version 1.0
            file 'http://s3/a.mp4?X-Amz-Signature=1'
            inpoint 0.400000
            duration 60.000000
            file 'http://s3/b.mp4?X-Amz-Signature=2'
            option seekable 0
            duration 59.500000
            file '/work/c.mp4'
            duration 60.000000
            """);
  }
}
