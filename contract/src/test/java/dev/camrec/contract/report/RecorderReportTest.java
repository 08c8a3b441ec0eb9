package dev.camrec.contract.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camrec.contract.layout.RecorderReportKey;
import dev.camrec.contract.layout.SegmentKey;
import dev.camrec.contract.report.RecorderReport.CameraError;
import dev.camrec.contract.report.RecorderReport.LostFootage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecorderReportTest {

  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void roundTripsThroughJson() {
    var report =
        new RecorderReport(
            T.toString(),
            T.plusSeconds(5).toString(),
            new CameraError(RecorderReport.CAMERA_UNREACHABLE, "Connection refused", T.toString()),
            3,
            2,
            21.65,
            4,
            4096,
            new RecorderReport.CameraClock(-3540L, "RECORDER"),
            new LostFootage(10, 100, T.toString(), T.plusSeconds(100).toString()));

    assertThat(RecorderReport.parse(report.toJson())).contains(report);
  }

  @Test
  void leavesOutWhatIsNotThere() {
    var report = new RecorderReport(T.toString(), T.toString(), null, 0, 0, 0, 0, 0, null, null);

    assertThat(report.toJson()).doesNotContain("cameraError").doesNotContain("lostFootage");
    assertThat(RecorderReport.parse(report.toJson())).contains(report);
  }

  @Test
  void somethingElseIsNoReport() {
    assertThat(RecorderReport.parse("<Error/>")).isEmpty();
    assertThat(RecorderReport.parse("{\"reason\":\"X\"}")).isEmpty();
  }

  @Test
  void isCurrentForTwoHeartbeats() {
    var report = new RecorderReport(T.toString(), T.toString(), null, 0, 0, 0, 0, 0, null, null);

    assertThat(report.isCurrent(T.plus(RecorderReport.HEARTBEAT))).isTrue();
    assertThat(report.isCurrent(T.plus(RecorderReport.HEARTBEAT.multipliedBy(2)))).isFalse();
  }

  @Test
  void lossesAddUpAndShowForADay() {
    var first = new LostFootage(2, 20, T.toString(), T.plusSeconds(20).toString());
    var later = new LostFootage(1, 10, T.plusSeconds(60).toString(), T.plusSeconds(70).toString());

    LostFootage both = first.plus(later);

    assertThat(both).isEqualTo(new LostFootage(3, 30, T.toString(), T.plusSeconds(70).toString()));
    assertThat(both.shownAt(T.plusSeconds(70).plus(RecorderReport.LOSS_SHOWN_FOR))).isFalse();
    assertThat(both.shownAt(T.plus(RecorderReport.LOSS_SHOWN_FOR))).isTrue();
  }

  @Test
  void keyStaysOutOfWhatRetentionAndListingsRead() {
    String key = new RecorderReportKey("ns", "cam").objectKey();

    assertThat(key).isEqualTo("status/ns/cam/recorder.json");
    assertThat(key).doesNotStartWith(SegmentKey.RECORDINGS_PREFIX);
    assertThat(SegmentKey.parse(key)).isEmpty();
  }
}
