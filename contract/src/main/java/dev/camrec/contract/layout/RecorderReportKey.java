package dev.camrec.contract.layout;

/**
 * The one place that knows where a recorder leaves its {@link
 * dev.camrec.contract.report.RecorderReport}: {@code status/<namespace>/<camera>/recorder.json}.
 *
 * <p>Outside {@link SegmentKey#RECORDINGS_PREFIX} on purpose: retention deletes only under that
 * prefix, so it never removes a report (the operator would lose what the recorder said), and
 * segment listings and clips read only that prefix, so a report is never taken for a segment. Its
 * own prefix keeps it apart from {@link ClipKey#CLIPS_PREFIX} too.
 */
public record RecorderReportKey(String namespace, String camera) {

  public static final String STATUS_PREFIX = "status/";

  public String objectKey() {
    return STATUS_PREFIX + namespace + "/" + camera + "/recorder.json";
  }
}
