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

  @Test
  void removesTheSignatureAndCredentialOfPresignedUrls() {
    String url =
        "http://127.0.0.1:9000/camrec/recordings/a.mp4?X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=AKIA1234%2F20260302%2Fus-east-1%2Fs3%2Faws4_request"
            + "&X-Amz-Date=20260302T081500Z&X-Amz-Expires=43200&X-Amz-SignedHeaders=host"
            + "&X-Amz-Signature=0123456789abcdef";

    String redacted = new Redaction(java.util.List.of()).apply("Impossible to open '" + url + "'");

    assertThat(redacted)
        .doesNotContain("0123456789abcdef", "AKIA1234")
        .contains("X-Amz-Signature=***", "X-Amz-Credential=***", "/camrec/recordings/a.mp4");
  }
}
