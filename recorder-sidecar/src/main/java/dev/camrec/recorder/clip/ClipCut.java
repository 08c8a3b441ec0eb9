package dev.camrec.recorder.clip;

import dev.camrec.recorder.Redaction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * FFmpeg cutting the clip: the concat demuxer joins the segments (each with its key's duration),
 * {@code -c copy} keeps every byte of video and audio as the camera sent it.
 *
 * <p>The start: the input's timestamps are shifted by {@code -itsoffset -seek}, so the requested
 * instant becomes 0. Stream copy cannot start on a frame that is not a keyframe; FFmpeg drops what
 * comes before the last keyframe at or before 0 and copies the rest, the lead-in with negative
 * timestamps, which the MP4 muxer turns into an edit list: players begin presenting at the
 * requested instant (the lead-in is decoded, never shown). Input-side {@code -ss} would save
 * reading the first segment up to that keyframe, but through the concat demuxer it lands on the
 * keyframe <em>after</em> the start for streams with B-frames (measured with H.265: the first 1.2 s
 * lost), since FFmpeg moves the seek point back by its DTS heuristic to before the first file.
 *
 * <p>The end: output {@code -t}, the clip's length. Stream copy stops at the first packet whose
 * decoding time reaches it; with B-frames the last presented frames may lie up to the reorder depth
 * beyond (cameras rarely send B-frames).
 *
 * <p>{@code +faststart} moves the moov to the front after writing, so a browser plays while
 * downloading.
 */
final class ClipCut {

  /** Lines of FFmpeg's error output kept for the failure message. */
  private static final int TAIL_LINES = 8;

  private ClipCut() {}

  static List<String> commandLine(Path ffmpeg, Path script, ClipPlan plan, Path output) {
    List<String> cmd = new ArrayList<>();
    cmd.addAll(
        List.of(
            ffmpeg.toString(),
            "-hide_banner",
            "-nostdin",
            "-loglevel",
            "error",
            // Presigned URLs are http(s); the script itself is a file.
            "-protocol_whitelist",
            "file,http,https,tcp,tls"));
    if (ClipPlan.positive(plan.seek())) {
      cmd.addAll(List.of("-itsoffset", "-" + ConcatScript.seconds(plan.seek())));
    }
    cmd.addAll(
        List.of(
            "-f",
            "concat",
            "-safe",
            "0",
            "-i",
            script.toString(),
            "-t",
            ConcatScript.seconds(plan.stop().minus(plan.seek())),
            "-map",
            "0:v:0",
            "-map",
            "0:a:0?",
            "-c",
            "copy",
            "-movflags",
            "+faststart",
            "-f",
            "mp4",
            "-y",
            output.toString()));
    return cmd;
  }

  /**
   * Runs FFmpeg to the end. Throws with the last lines of its error output, URLs' signatures
   * removed, when it fails.
   */
  static void run(List<String> command, Redaction redaction) throws IOException {
    Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    Deque<String> tail = new ArrayDeque<>();
    try (BufferedReader err =
        new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = err.readLine()) != null; ) {
        if (tail.size() == TAIL_LINES) {
          tail.removeFirst();
        }
        tail.addLast(redaction.apply(line));
      }
    }
    int exit;
    try {
      exit = p.waitFor();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while FFmpeg cut the clip", e);
    }
    if (exit != 0) {
      throw new IOException(
          "FFmpeg exited with " + exit + (tail.isEmpty() ? "" : ": " + String.join(" | ", tail)));
    }
  }
}
