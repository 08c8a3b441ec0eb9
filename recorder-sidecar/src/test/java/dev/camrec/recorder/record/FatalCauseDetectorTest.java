package dev.camrec.recorder.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camrec.contract.termination.TerminationMessage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Lines captured from FFmpeg 7.1 (bytedeco build) recording the testbed's simulated cameras. */
class FatalCauseDetectorTest {

  /** RTSP camera with G.711 A-law audio, -c:a copy into MP4 segments; FFmpeg exits with 234. */
  static final List<String> G711_COPY =
      List.of(
          "[aist#0:1/pcm_alaw @ 0x55a3bfc88000] Guessed Channel Layout: mono",
          "[mp4 @ 0x55a3bfc86b40] Could not find tag for codec pcm_alaw in stream #1, codec not currently supported in container",
          "[out#0/segment @ 0x55a3bfc84700] Could not write header (incorrect codec parameters ?): Invalid argument");

  /** RTSP camera, wrong password; FFmpeg exits with 8. */
  static final List<String> RTSP_401 =
      List.of(
          "[rtsp @ 0x5605f7fbd9c0] method DESCRIBE failed: 401 Unauthorized",
          "[in#0 @ 0x5605f7fbd640] Error opening input: Server returned 401 Unauthorized (authorization failed)",
          "Error opening input file rtsp://***@127.0.0.1:36175/cam.",
          "Error opening input files: Server returned 401 Unauthorized (authorization failed)");

  /** MJPEG camera over HTTP, wrong password; FFmpeg exits with 8. */
  static final List<String> HTTP_401 =
      List.of(
          "[http @ 0x55f9fac13300] HTTP error 401 Unauthorized",
          "[in#0 @ 0x55f9fac12680] Error opening input: Server returned 401 Unauthorized (authorization failed)",
          "Error opening input file http://***@127.0.0.1:35209/cam.",
          "Error opening input files: Server returned 401 Unauthorized (authorization failed)");

  /** The same G.711 camera with -c:a aac: it records; these warnings are harmless. */
  static final List<String> G711_AAC =
      List.of(
          "[aist#0:1/pcm_alaw @ 0x56240b887200] Guessed Channel Layout: mono",
          "[aac @ 0x56240b858180] Too many bits 8832.000000 > 6144 per frame requested, clamping to max");

  /** A camera that went away (port closed): a gap to retry, not a cause to stop; exit 145. */
  static final List<String> CONNECTION_REFUSED =
      List.of(
          "[tcp @ 0x558ed0e0a300] Connection to tcp://127.0.0.1:1?timeout=2000000 failed: Connection refused",
          "[in#0 @ 0x558ed0e06d80] Error opening input: Connection refused",
          "Error opening input file rtsp://127.0.0.1:1/cam.",
          "Error opening input files: Connection refused");

  final FatalCauseDetector detector = new FatalCauseDetector(true);

  @Test
  void g711AudioCopiedIntoMp4IsFatalAtOnceAndNamesTheCodecAndTheAudioModes() {
    FatalCause cause = run(G711_COPY, false).orElseThrow();

    assertThat(cause.exitCode()).isEqualTo(10);
    TerminationMessage message = cause.terminationMessage();
    assertThat(message.reason()).isEqualTo(TerminationMessage.AUDIO_CODEC_NOT_STORABLE);
    assertThat(message.message()).contains("pcm_alaw").contains("aac").contains("none");
  }

  @Test
  void transcodedG711RecordsAndIsNotACause() {
    assertThat(run(G711_AAC, true)).isEmpty();
  }

  @Test
  void rtsp401IsFatalOnlyOnTheThirdRunInARow() {
    assertThat(run(RTSP_401, false)).isEmpty();
    assertThat(run(RTSP_401, false)).isEmpty();
    FatalCause cause = run(RTSP_401, false).orElseThrow();

    assertThat(cause.exitCode()).isEqualTo(11);
    assertThat(cause.terminationMessage().reason())
        .isEqualTo(TerminationMessage.CAMERA_UNAUTHORIZED);
    assertThat(cause.terminationMessage().message()).contains("username and password", "Secret");
  }

  @Test
  void http401CountsLikeRtsp401() {
    run(HTTP_401, false);
    run(HTTP_401, false);
    assertThat(run(HTTP_401, false)).map(FatalCause::exitCode).contains(11);
  }

  @Test
  void aRunThatReceivedMediaStartsTheCountAgain() {
    run(RTSP_401, false);
    run(RTSP_401, false);
    run(List.of(), true);
    assertThat(run(RTSP_401, false)).isEmpty();
    assertThat(run(RTSP_401, false)).isEmpty();
    assertThat(run(RTSP_401, false)).isPresent();
  }

  @Test
  void aCameraAwayInBetweenNeitherCountsNorResets() {
    run(RTSP_401, false);
    assertThat(run(CONNECTION_REFUSED, false)).isEmpty();
    run(RTSP_401, false);
    assertThat(run(CONNECTION_REFUSED, false)).isEmpty();
    assertThat(run(RTSP_401, false)).isPresent();
  }

  @Test
  void withoutCredentialsConfiguredTheMessageAsksForASecret() {
    FatalCauseDetector anonymous = new FatalCauseDetector(false);
    Optional<FatalCause> cause = Optional.empty();
    for (int i = 0; i < FatalCauseDetector.UNAUTHORIZED_RUNS; i++) {
      RTSP_401.forEach(anonymous::stderrLine);
      cause = anonymous.runEnded(false);
    }
    assertThat(cause.orElseThrow().terminationMessage().message())
        .contains("requires a user name and password", "credentialsSecretRef");
  }

  private Optional<FatalCause> run(List<String> stderr, boolean receivedMedia) {
    stderr.forEach(detector::stderrLine);
    return detector.runEnded(receivedMedia);
  }
}
