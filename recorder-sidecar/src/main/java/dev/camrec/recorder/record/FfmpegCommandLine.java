package dev.camrec.recorder.record;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The FFmpeg invocation for one recording run. */
public final class FfmpegCommandLine {

  /** Seconds between FFmpeg's progress reports, which the run's anchor is estimated from. */
  static final String PROGRESS_PERIOD = "0.5";

  private FfmpegCommandLine() {}

  /**
   * @param input the camera URL, credentials included (FFmpeg's RTSP and HTTP clients take them
   *     only in the URL)
   * @param outputPattern segment file pattern with a {@code %06d} index
   */
  public static List<String> build(RecordingConfig config, String input, Path outputPattern) {
    long timeoutMicros = config.inputTimeout().toNanos() / 1000;
    String scheme = config.source().getScheme().toLowerCase(Locale.ROOT);
    List<String> cmd =
        new ArrayList<>(
            List.of(
                config.ffmpeg().toString(),
                // No -nostdin: we stop FFmpeg with q on its stdin. Progress goes to stderr for the
                // anchor.
                "-hide_banner",
                "-loglevel",
                "warning",
                "-nostats",
                "-progress",
                "pipe:2",
                "-stats_period",
                PROGRESS_PERIOD));
    if (scheme.startsWith("rtsp")) {
      // TCP: no UDP loss, works through NAT; -timeout: socket I/O timeout, how a stall is noticed.
      cmd.addAll(List.of("-rtsp_transport", "tcp", "-timeout", Long.toString(timeoutMicros)));
    } else {
      // HTTP cameras (MJPEG) carry no timestamps: arrival time is the only clock there is.
      cmd.addAll(
          List.of(
              "-rw_timeout", Long.toString(timeoutMicros), "-use_wallclock_as_timestamps", "1"));
    }
    cmd.addAll(List.of("-i", input, "-map", "0:v:0", "-c:v", "copy"));
    switch (config.audio()) {
      case COPY -> cmd.addAll(List.of("-map", "0:a:0?", "-c:a", "copy"));
      case AAC -> cmd.addAll(List.of("-map", "0:a:0?", "-c:a", "aac"));
      case NONE -> cmd.add("-an");
    }
    cmd.addAll(
        List.of(
            "-f",
            "segment",
            "-segment_time",
            Long.toString(config.segment().toSeconds()),
            "-segment_format",
            "mp4",
            // Fragmented MP4: a killed FFmpeg leaves a file readable up to its last fragment,
            // provided
            // each fragment reaches the disk when written (flush_packets) instead of when FFmpeg's
            // 256 KiB I/O buffer fills: at a low bit rate that is many seconds of video.
            "-segment_format_options",
            "movflags=+frag_keyframe+empty_moov+default_base_moof:flush_packets=1"
                // A prft box before every fragment: the camera's NTP time of its first frame, from
                // the camera's RTCP sender reports (SegmentCameraTime reads it). HTTP cameras
                // have no such reports.
                + (scheme.startsWith("rtsp") ? ":write_prft=wallclock" : ""),
            "-reset_timestamps",
            "1",
            // One CSV line per FINISHED segment on stdout: name,start,end (seconds since first
            // packet).
            "-segment_list",
            "pipe:1",
            "-segment_list_type",
            "csv",
            outputPattern.toString()));
    return cmd;
  }
}
