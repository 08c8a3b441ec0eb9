package dev.camrec.recorder.record;

import dev.camrec.contract.report.RecorderReport;
import dev.camrec.contract.report.RecorderReport.CameraError;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads FFmpeg's stderr, run after run, for why the camera gives no media while the recorder keeps
 * retrying: the cause the Camera's Ready condition shows instead of "waiting". The lines are the
 * ones FFmpeg 7.1 prints (verbatim in the unit test). Unlike {@link FatalCauseDetector} nothing
 * here stops the recorder: these causes go away when the camera comes back.
 */
final class CameraErrorDetector {

  /** FFmpeg's "[tcp @ 0x55…] " in front of a component's message. */
  private static final Pattern COMPONENT = Pattern.compile("^\\[[^\\]]*\\]\\s*");

  private static final Pattern OPEN_FAILED = Pattern.compile("Error opening input: (.+)$");
  private static final Pattern UNREACHABLE =
      Pattern.compile(
          "Connection refused|No route to host|Network is unreachable|Failed to resolve hostname");
  private static final Pattern TIMEOUT = Pattern.compile("timed out", Pattern.CASE_INSENSITIVE);
  private static final Pattern NOT_FOUND = Pattern.compile("\\b404\\b");
  private static final Pattern UNAUTHORIZED = Pattern.compile("\\b401\\b");

  private final String source;
  private final Duration inputTimeout;
  // Written by the stderr reader of the current run, read once the run has ended.
  private volatile String reason;
  private volatile String said;
  private volatile CameraError current;

  /**
   * @param source the camera URL without credentials, for messages
   * @param inputTimeout how long FFmpeg waits for the camera: a run that failed after at least that
   *     long without a clearer word timed out
   */
  CameraErrorDetector(String source, Duration inputTimeout) {
    this.source = source;
    this.inputTimeout = inputTimeout;
  }

  /** One line of the current run's stderr, credentials already redacted. */
  void stderrLine(String line) {
    String text = COMPONENT.matcher(line).replaceFirst("");
    Matcher open = OPEN_FAILED.matcher(text);
    boolean opening = open.find();
    if (opening) {
      text = open.group(1);
    }
    String specific = specificReason(text);
    if (specific != null && reason == null) {
      reason = specific;
      said = text;
    } else if (opening && said == null) {
      said = text;
    }
  }

  /** Media arrived: whatever kept the camera away is over. */
  void mediaArrived() {
    current = null;
  }

  /** The current run has ended, after its stderr was read. */
  void runEnded(boolean receivedMedia, Duration ranFor, Instant now) {
    String found = reason;
    String words = said;
    reason = null;
    said = null;
    if (receivedMedia) {
      current = null;
      return;
    }
    if (found == null) {
      found =
          ranFor.compareTo(inputTimeout) >= 0
              ? RecorderReport.CAMERA_TIMEOUT
              : RecorderReport.CAMERA_ERROR;
    }
    if (words == null) {
      words = "FFmpeg ended without receiving media";
    }
    CameraError before = current;
    String since =
        before != null && before.reason().equals(found) ? before.since() : now.toString();
    current = new CameraError(found, message(found, words, since), since);
  }

  /** Why the camera gives no media now, if it does not. */
  Optional<CameraError> current() {
    return Optional.ofNullable(current);
  }

  private static String specificReason(String text) {
    if (UNAUTHORIZED.matcher(text).find()) {
      return RecorderReport.CAMERA_UNAUTHORIZED;
    }
    if (NOT_FOUND.matcher(text).find()) {
      return RecorderReport.CAMERA_NOT_FOUND;
    }
    if (UNREACHABLE.matcher(text).find()) {
      return RecorderReport.CAMERA_UNREACHABLE;
    }
    if (TIMEOUT.matcher(text).find()) {
      return RecorderReport.CAMERA_TIMEOUT;
    }
    return null;
  }

  private String message(String reason, String words, String since) {
    String hint =
        switch (reason) {
          case RecorderReport.CAMERA_UNREACHABLE ->
              "Nothing answers at "
                  + source
                  + "; check that the camera is on and the host and port";
          case RecorderReport.CAMERA_TIMEOUT ->
              "The camera at "
                  + source
                  + " sent no media within "
                  + inputTimeout.toSeconds()
                  + " s; check that it is not overloaded and that the network lets the stream"
                  + " through";
          case RecorderReport.CAMERA_NOT_FOUND ->
              "The camera has no stream at " + source + "; check the path in spec.source.url";
          case RecorderReport.CAMERA_UNAUTHORIZED ->
              "The camera at "
                  + source
                  + " refused the login; check the Secret named by"
                  + " spec.source.credentialsSecretRef";
          default -> "Cannot open " + source;
        };
    return hint + ". FFmpeg: " + words + ". The recorder retries (failing since " + since + ").";
  }
}
