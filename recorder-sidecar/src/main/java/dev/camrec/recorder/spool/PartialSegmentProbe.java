package dev.camrec.recorder.spool;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Media duration of a segment FFmpeg never finished (killed mid-write). Its fragmented MP4 has no
 * total duration, so ffprobe lists the packets it can read (those in complete fragments) and the
 * duration is the end of the last one.
 */
public final class PartialSegmentProbe {

  private final Path ffprobe;

  public PartialSegmentProbe(Path ffprobe) {
    this.ffprobe = ffprobe;
  }

  /** Zero when not even one fragment is readable. */
  public Duration duration(Path file) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                ffprobe.toString(),
                "-v",
                "quiet",
                "-select_streams",
                "v:0",
                "-show_entries",
                "packet=pts_time,duration_time",
                "-of",
                "csv=p=0",
                file.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    double first = Double.NaN;
    double end = 0;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        String[] f = line.split(",");
        if (f.length < 2 || f[0].isBlank() || f[0].equals("N/A")) {
          continue;
        }
        double pts = Double.parseDouble(f[0]);
        double dur = f[1].isBlank() || f[1].equals("N/A") ? 0 : Double.parseDouble(f[1]);
        first = Double.isNaN(first) ? pts : Math.min(first, pts);
        end = Math.max(end, pts + dur);
      }
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("ffprobe did not finish on " + file.getFileName());
    }
    return Double.isNaN(first)
        ? Duration.ZERO
        : Duration.ofMillis(Math.round((end - first) * 1000));
  }
}
