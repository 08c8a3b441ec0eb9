package dev.camrec.operator.camera;

import static dev.camrec.api.ConditionTypes.*;

import dev.camrec.api.RecorderFigures;
import dev.camrec.contract.report.RecorderReport;
import dev.camrec.contract.report.RecorderReport.CameraError;
import dev.camrec.contract.report.RecorderReport.LostFootage;
import dev.camrec.operator.common.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Words what the recorder said in its {@link RecorderReport} for the Camera's status. */
final class RecorderReportStatus {

  private RecorderReportStatus() {}

  /**
   * Why the camera gives no media, from a recorder running now: a report left by a recorder that is
   * gone says nothing about the next one.
   */
  static Optional<CameraError> cameraError(Optional<RecorderReport> report, Instant now) {
    return report.filter(r -> r.isCurrent(now)).map(RecorderReport::cameraError);
  }

  /**
   * FootageLost while the report shows a loss of the last day; while the store cannot be read the
   * condition stays as it was, so an outage neither raises nor hides it.
   */
  static Optional<Condition> footageLost(
      Optional<RecorderReport> report,
      Instant now,
      boolean storageAvailable,
      List<Condition> previous) {
    if (!storageAvailable) {
      return Conditions.find(previous, FOOTAGE_LOST);
    }
    return report
        .map(RecorderReport::lostFootage)
        .filter(l -> l.shownAt(now))
        .map(RecorderReportStatus::lostCondition);
  }

  private static Condition lostCondition(LostFootage l) {
    return Conditions.of(
        FOOTAGE_LOST,
        TRUE,
        "SegmentsLost",
        l.segments()
            + " segment(s) ("
            + l.seconds()
            + " s) recorded between "
            + l.from()
            + " and "
            + l.to()
            + " were lost: the recorder's spool was full while the store did not take them."
            + " Give the recorder a larger spool (spec.spool) or make the store more available."
            + " Shown until a day after the last loss.");
  }

  static RecorderFigures figures(RecorderReport r, Instant now) {
    return new RecorderFigures(
        r.startedAt(),
        r.writtenAt(),
        r.gaps(),
        r.gapSeconds(),
        r.spoolBacklogSegments(),
        r.spoolBacklogBytes(),
        r.lostFootage() != null && r.lostFootage().shownAt(now) ? r.lostFootage().segments() : 0L,
        r.cameraClock() == null || r.cameraClock().offsetMillis() == null
            ? null
            : r.cameraClock().offsetMillis() / 1e3);
  }
}
