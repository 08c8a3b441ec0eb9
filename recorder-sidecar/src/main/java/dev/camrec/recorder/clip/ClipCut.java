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
 * <p>The moov goes to the front, so a browser plays while downloading, into room reserved for it
 * ({@code -moov_size}, see {@link MoovReserve}): FFmpeg writes the media once, in order, and the
 * moov into the room at the end, so the upload sends the file while it grows ({@link ClipUpload}).
 * {@code +faststart} instead rewrote the whole file after the cut. Fragmented MP4 written to a pipe
 * would need no local file, but FFmpeg 7.1 cannot carry the exact start there: without an edit list
 * it shifts the lead-in to 0 (the clip starts up to a GOP early), and with one ({@code
 * +delay_moov}) its own demuxer still presents the lead-in frames (measured with ffprobe: first
 * frame at -1.37 s, 154 frames instead of 120).
 */
final class ClipCut {

  /** Lines of FFmpeg's error output kept for the failure message. */
  private static final int TAIL_LINES = 8;

  /**
   * What FFmpeg 7.1 logs when an input fails part way (a segment the concat demuxer cannot open or
   * read: truncated, deleted meanwhile). It then ends the input as if it were over and exits 0: a
   * clip silently cut short. {@code -xerror} would fail it too, but also on the muxer's dropped
   * non-monotonic timestamps at segment joins, which leave a clip that plays.
   */
  static final String DEMUX_ERROR = "Error during demuxing";

  private ClipCut() {}

  static List<String> commandLine(
      Path ffmpeg, Path script, ClipPlan plan, long moovReserve, Path output) {
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
            "-moov_size",
            Long.toString(moovReserve),
            "-f",
            "mp4",
            "-y",
            output.toString()));
    return cmd;
  }

  /** Starts FFmpeg; its error output is kept (URLs' signatures removed) for a failure message. */
  static Running start(List<String> command, Redaction redaction) throws IOException {
    Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    return new Running(p, redaction);
  }

  /** FFmpeg failed: the cause is in the segments or FFmpeg, not the store. */
  static final class Failed extends IOException {
    Failed(String message) {
      super(message);
    }
  }

  /** A running cut. */
  static final class Running {
    private final Process process;
    private final Deque<String> tail = new ArrayDeque<>();
    private volatile boolean inputFailed;
    private final Thread tailReader;

    private Running(Process process, Redaction redaction) {
      this.process = process;
      this.tailReader = new Thread(() -> keepTail(redaction), "ffmpeg-stderr");
      tailReader.setDaemon(true);
      tailReader.start();
    }

    boolean isAlive() {
      return process.isAlive();
    }

    /** Waits for FFmpeg's end; throws {@link Failed} with its last lines when it failed. */
    void await() throws IOException {
      int exit;
      try {
        exit = process.waitFor();
        tailReader.join();
      } catch (InterruptedException e) {
        stop();
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while FFmpeg cut the clip", e);
      }
      if (exit != 0 || inputFailed) {
        synchronized (tail) {
          throw new Failed(
              (exit != 0 ? "FFmpeg exited with " + exit : "FFmpeg could not read every segment")
                  + (tail.isEmpty() ? "" : ": " + String.join(" | ", tail)));
        }
      }
    }

    /** Ends FFmpeg if it still runs (the upload failed). */
    void stop() {
      process.destroyForcibly();
    }

    private void keepTail(Redaction redaction) {
      try (BufferedReader err =
          new BufferedReader(
              new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = err.readLine()) != null; ) {
          inputFailed |= line.contains(DEMUX_ERROR);
          synchronized (tail) {
            if (tail.size() == TAIL_LINES) {
              tail.removeFirst();
            }
            tail.addLast(redaction.apply(line));
          }
        }
      } catch (IOException e) {
        // FFmpeg ended and closed its side; its exit code tells the rest.
      }
    }
  }
}
