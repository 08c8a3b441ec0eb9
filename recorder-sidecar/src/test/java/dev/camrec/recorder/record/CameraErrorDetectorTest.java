package dev.camrec.recorder.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camrec.contract.report.RecorderReport;
import dev.camrec.contract.report.RecorderReport.CameraError;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FFmpeg 7.1's own lines, as it printed them for each kind of camera failure. */
class CameraErrorDetectorTest {

  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final CameraErrorDetector detector =
      new CameraErrorDetector("rtsp://cam.local:554/stream", TIMEOUT);

  @Test
  void refusedConnectionIsUnreachable() {
    CameraError e =
        failedRun(
            "[in#0 @ 0x5650a2eeecc0] Error opening input: Connection refused",
            "Error opening input file rtsp://cam.local:554/stream.",
            "Error opening input files: Connection refused");

    assertThat(e.reason()).isEqualTo(RecorderReport.CAMERA_UNREACHABLE);
    assertThat(e.message())
        .startsWith("Nothing answers at rtsp://cam.local:554/stream")
        .contains("FFmpeg: Connection refused.");
  }

  @Test
  void unresolvableHostIsUnreachableWithTheClearerLine() {
    CameraError e =
        failedRun(
            "[tcp @ 0x5610afb962c0] Failed to resolve hostname cam.local: Name or service not"
                + " known",
            "[in#0 @ 0x5610afb92cc0] Error opening input: Input/output error");

    assertThat(e.reason()).isEqualTo(RecorderReport.CAMERA_UNREACHABLE);
    assertThat(e.message()).contains("FFmpeg: Failed to resolve hostname cam.local");
  }

  @Test
  void missingPathIsNotFound() {
    CameraError e =
        failedRun(
            "[http @ 0x55f0b7399900] HTTP error 404 Not Found",
            "[in#0 @ 0x55f0b7398cc0] Error opening input: Server returned 404 Not Found");

    assertThat(e.reason()).isEqualTo(RecorderReport.CAMERA_NOT_FOUND);
  }

  @Test
  void refusedLoginIsUnauthorized() {
    CameraError e =
        failedRun(
            "[rtsp @ 0x55d1] method DESCRIBE failed: 401 Unauthorized",
            "[in#0 @ 0x55d0] Error opening input: Server returned 401 Unauthorized (authorization"
                + " failed)");

    assertThat(e.reason()).isEqualTo(RecorderReport.CAMERA_UNAUTHORIZED);
  }

  @Test
  void silentCameraTimesOutAfterTheInputTimeout() {
    List.of("[in#0 @ 0x5635] Error opening input: Invalid data found when processing input")
        .forEach(detector::stderrLine);
    detector.runEnded(false, TIMEOUT, T);

    assertThat(detector.current().orElseThrow().reason()).isEqualTo(RecorderReport.CAMERA_TIMEOUT);
  }

  @Test
  void keepsWhenTheSameErrorBeganAndClearsOnMedia() {
    failedRun("[in#0 @ 0x1] Error opening input: Connection refused");
    detector.stderrLine("[in#0 @ 0x1] Error opening input: Connection refused");
    detector.runEnded(false, Duration.ofMillis(5), T.plusSeconds(30));

    assertThat(detector.current().orElseThrow().since()).isEqualTo(T.toString());

    detector.mediaArrived();
    assertThat(detector.current()).isEmpty();
  }

  @Test
  void aRunThatGotMediaLeavesNoError() {
    detector.stderrLine("[in#0 @ 0x1] Error opening input: Connection refused");
    detector.runEnded(true, Duration.ofMinutes(5), T);

    assertThat(detector.current()).isEmpty();
  }

  private CameraError failedRun(String... lines) {
    List.of(lines).forEach(detector::stderrLine);
    detector.runEnded(false, Duration.ofMillis(20), T);
    return detector.current().orElseThrow();
  }
}
