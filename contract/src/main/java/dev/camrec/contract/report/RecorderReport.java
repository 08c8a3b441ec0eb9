package dev.camrec.contract.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.camrec.contract.clock.CameraClockOffset;
import dev.camrec.contract.termination.TerminationJson;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a running recorder tells the operator, as a small JSON object it writes next to its segments
 * ({@link dev.camrec.contract.layout.RecorderReportKey}). The bucket is the channel because both
 * sides already reach it: the recorder needs no Kubernetes API access, and the operator already
 * polls the store for each camera (one GET more), where reading the readiness endpoint over the pod
 * IP would need the operator to reach every pod's network. A report outlives the pod, so the last
 * word of a recorder that could not store is still there for the operator. New recorder figures are
 * a new field here and a line where the recorder fills it in.
 *
 * @param startedAt when this recorder process started (RFC 3339): the counts are since then
 * @param writtenAt when the report was written (RFC 3339); see {@link #isCurrent}
 * @param cameraError why the camera gives no media right now; null while media arrives
 * @param reconnects FFmpeg relaunches after the camera dropped, stalled or failed
 * @param gaps times recording was interrupted other than by the recorder's own stop
 * @param gapSeconds seconds missing between recorded segments: the gaps', and the recorder's own
 *     restarts' (the time between the last segment of one process and the first of the next)
 * @param spoolBacklogSegments finished segments waiting in the spool for upload
 * @param spoolBacklogBytes their bytes
 * @param cameraClock what the recorder's connection learnt of the camera's clock; null before its
 *     first segment
 * @param lostFootage segments deleted before they were stored, over the last {@link
 *     #LOSS_SHOWN_FOR}; null when none
 */
public record RecorderReport(
    String startedAt,
    String writtenAt,
    CameraError cameraError,
    long reconnects,
    long gaps,
    double gapSeconds,
    long spoolBacklogSegments,
    long spoolBacklogBytes,
    CameraClock cameraClock,
    LostFootage lostFootage) {

  /**
   * A recorder writes its report at least this often, and at once when what it says changed (within
   * {@link #CHANGE_DELAY}).
   */
  public static final Duration HEARTBEAT = Duration.ofSeconds(30);

  /** How soon a changed report is written. */
  public static final Duration CHANGE_DELAY = Duration.ofSeconds(2);

  /**
   * Lost footage stays in the report (across recorder restarts) and so on the Camera for a day
   * after the last loss: long enough for someone to see it, short enough not to cry wolf for good.
   */
  public static final Duration LOSS_SHOWN_FOR = Duration.ofDays(1);

  /** The camera did not answer: connection refused, no route, name not resolved. */
  public static final String CAMERA_UNREACHABLE = "CameraUnreachable";

  /** The camera accepted the connection but sent nothing within the input timeout. */
  public static final String CAMERA_TIMEOUT = "CameraTimeout";

  /** The camera answered 404: the stream path in the URL is wrong. */
  public static final String CAMERA_NOT_FOUND = "CameraNotFound";

  /** The camera answered 401: no credentials or the wrong ones. */
  public static final String CAMERA_UNAUTHORIZED = "CameraUnauthorized";

  /** Any other failure to open the camera's stream; the message has FFmpeg's words. */
  public static final String CAMERA_ERROR = "CameraError";

  /**
   * Why the camera gives no media.
   *
   * @param reason one of the CamelCase constants above
   * @param message FFmpeg's last error and what to check; never holds a credential
   * @param since when the recorder first met this error in a row of failed runs (RFC 3339)
   */
  public record CameraError(String reason, String message, String since) {}

  /**
   * A {@link CameraClockOffset} as JSON.
   *
   * @param offsetMillis the camera's clock minus the recorder's; null when it sends no reports
   * @param keys the clock the segment keys are on: CAMERA or RECORDER
   */
  public record CameraClock(Long offsetMillis, String keys) {

    public static CameraClock of(CameraClockOffset clock) {
      return new CameraClock(
          clock.offset().map(Duration::toMillis).orElse(null), clock.keys().name());
    }

    public CameraClockOffset offset() {
      return new CameraClockOffset(
          Optional.ofNullable(offsetMillis).map(Duration::ofMillis),
          CameraClockOffset.KeyClock.valueOf(keys));
    }
  }

  /**
   * Footage lost: segments the spool deleted before the store confirmed them.
   *
   * @param segments how many
   * @param seconds their total length
   * @param from start of the first lost segment (RFC 3339)
   * @param to end of the last lost segment (RFC 3339)
   */
  public record LostFootage(long segments, long seconds, String from, String to) {

    /** This loss and a later one, as one. */
    public LostFootage plus(LostFootage later) {
      return new LostFootage(
          segments + later.segments,
          seconds + later.seconds,
          Instant.parse(later.from).isBefore(Instant.parse(from)) ? later.from : from,
          Instant.parse(later.to).isAfter(Instant.parse(to)) ? later.to : to);
    }

    /** Whether the last loss is recent enough to show: see {@link #LOSS_SHOWN_FOR}. */
    public boolean shownAt(Instant now) {
      return Instant.parse(to).plus(LOSS_SHOWN_FOR).isAfter(now);
    }
  }

  /**
   * Whether the report comes from a recorder that is running now: written within two heartbeats. An
   * older one is the last word of a recorder that is gone (scaled down, or a previous pod).
   */
  public boolean isCurrent(Instant now) {
    return Instant.parse(writtenAt).isAfter(now.minus(HEARTBEAT.multipliedBy(2)));
  }

  /** The same report written at another time: to tell whether anything but the time changed. */
  public RecorderReport writtenAt(Instant at) {
    return new RecorderReport(
        startedAt,
        at.toString(),
        cameraError,
        reconnects,
        gaps,
        gapSeconds,
        spoolBacklogSegments,
        spoolBacklogBytes,
        cameraClock,
        lostFootage);
  }

  public String toJson() {
    try {
      return TerminationJson.JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a plain record always serializes", e);
    }
  }

  /** The report in the text, or empty for anything that is not one. */
  public static Optional<RecorderReport> parse(String json) {
    return TerminationJson.parse(json, RecorderReport.class)
        .filter(r -> r.writtenAt() != null && r.startedAt() != null);
  }
}
