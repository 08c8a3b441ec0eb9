package dev.camrec.contract.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camrec.contract.source.SourceUrl.Problem;
import org.junit.jupiter.api.Test;

class SourceUrlTest {

  @Test
  void camerasUrlsPass() {
    assertThat(SourceUrl.problem("rtsp://10.0.0.7:554/stream1")).isEmpty();
    assertThat(SourceUrl.problem("HTTPS://cam.local/mjpeg")).isEmpty();
  }

  @Test
  void credentialsAnOtherSchemeOrNoHostAreRefused() {
    assertThat(SourceUrl.problem("rtsp://admin:secret@10.0.0.7/s")).contains(Problem.CREDENTIALS);
    assertThat(SourceUrl.problem("rtsp://admin@10.0.0.7/s")).contains(Problem.CREDENTIALS);
    assertThat(SourceUrl.problem("file:///etc/passwd")).contains(Problem.UNSUPPORTED_SCHEME);
    assertThat(SourceUrl.problem("10.0.0.7/stream")).contains(Problem.UNSUPPORTED_SCHEME);
    assertThat(SourceUrl.problem("rtsp:///stream")).contains(Problem.NO_HOST);
    assertThat(SourceUrl.problem("rtsp://cam/a b")).contains(Problem.NOT_A_URL);
    assertThat(SourceUrl.problem(" ")).contains(Problem.MISSING);
  }

  @Test
  void theSchemeIsSafeToShow() {
    assertThat(SourceUrl.scheme("FTP://user:pw@host/")).isEqualTo("ftp");
    assertThat(SourceUrl.scheme("no scheme")).isEmpty();
  }
}
