package dev.camrec.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RedactionTest {

  @Test
  void removesUserInfoFromUrlsAndKnownSecretsAnywhere() {
    Redaction redaction = new Redaction(Arrays.asList("s3cr%t", null));

    assertThat(redaction.apply("Input #0, rtsp, from 'rtsp://admin:pa55@10.0.0.7:554/live':"))
        .isEqualTo("Input #0, rtsp, from 'rtsp://***@10.0.0.7:554/live':");
    assertThat(redaction.apply("auth failed for password s3cr%t")).doesNotContain("s3cr%t");
  }
}
