package dev.camrec.recorder.report;

import dev.camrec.contract.report.RecorderReport;
import dev.camrec.recorder.health.RecorderMetrics;
import dev.camrec.recorder.record.FfmpegSupervisor;
import dev.camrec.recorder.spool.Spool;
import java.time.Instant;

/**
 * What goes into the recorder's report, from the parts that know it: the one place a new figure for
 * the operator is filled in.
 */
public record ReportContents(
    Instant startedAt, RecorderMetrics metrics, Spool spool, FfmpegSupervisor supervisor) {

  public RecorderReport at(Instant now) {
    return new RecorderReport(
        startedAt.toString(),
        now.toString(),
        supervisor.cameraError().orElse(null),
        metrics.reconnects(),
        metrics.gaps(),
        metrics.gapSeconds(),
        spool.backlogSegments(),
        spool.backlogBytes(),
        metrics.cameraClock().map(RecorderReport.CameraClock::of).orElse(null),
        metrics.lost().filter(l -> l.shownAt(now)).orElse(null));
  }
}
