package dev.camrec.recorder.record;

import dev.camrec.contract.clock.ClockSetting;
import dev.camrec.contract.store.StoreSettings;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** Everything {@code record} needs, resolved from flags, environment and secret files. */
public record RecordingConfig(
    URI source,
    String username,
    String password,
    Duration segment,
    AudioMode audio,
    Duration inputTimeout,
    StoreSettings store,
    String namespace,
    String camera,
    Path spoolDir,
    long spoolMaxBytes,
    InetSocketAddress http,
    Path ffmpeg,
    Path ffprobe,
    ClockSetting clock,
    Duration clockTolerance) {

  /**
   * The clock setting in effect: HTTP cameras send no RTCP sender reports, so their runs are keyed
   * on the recorder's clock at once instead of holding segments back for a report.
   */
  public ClockSetting effectiveClock() {
    return source.getScheme().toLowerCase(Locale.ROOT).startsWith("rtsp")
        ? clock
        : ClockSetting.RECORDER;
  }

  /** The camera URL FFmpeg opens: with credentials when there are any. Never log it. */
  public String sourceWithCredentials() {
    if (username == null || username.isEmpty()) {
      return source.toString();
    }
    String userInfo = encode(username) + (password == null ? "" : ":" + encode(password));
    String s = source.toString();
    int schemeEnd = s.indexOf("://") + 3;
    return s.substring(0, schemeEnd) + userInfo + "@" + s.substring(schemeEnd);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Without the secrets: a record's default toString would print them. */
  @Override
  public String toString() {
    return "RecordingConfig[source="
        + source
        + ", segment="
        + segment
        + ", audio="
        + audio
        + ", inputTimeout="
        + inputTimeout
        + ", store="
        + store.where()
        + ", camera="
        + namespace
        + "/"
        + camera
        + ", spool="
        + spoolDir
        + " (max "
        + spoolMaxBytes
        + " bytes), http="
        + http
        + ", ffmpeg="
        + ffmpeg
        + ", clock="
        + clock
        + " (tolerance "
        + clockTolerance
        + ")]";
  }
}
