package dev.camrec.testbed.camera;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;

/** The FFmpeg executables of the bytedeco jar, run as a camera client would run them. */
final class Ffmpeg {
  static final Path FFMPEG = Path.of(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
  static final Path FFPROBE = Path.of(Loader.load(org.bytedeco.ffmpeg.ffprobe.class));

  /** Loops encoded once per build and shared by all tests. */
  static final Path LOOPS = Path.of("target", "camera-loops").toAbsolutePath();

  private Ffmpeg() {}

  static Process startClient(Path log, String... args) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(FFMPEG.toString(), "-hide_banner", "-nostdin", "-y", "-loglevel", "error"));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Runs a client to its end and returns its exit code. */
  static int run(Path log, String... args) throws IOException, InterruptedException {
    Process p = startClient(log, args);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("ffmpeg did not finish in 30 s: " + Files.readString(log));
    }
    return p.exitValue();
  }

  /** Codec names of the file's streams, in order. */
  static List<String> codecs(Path file) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                FFPROBE.toString(),
                "-v",
                "error",
                "-show_entries",
                "stream=codec_name",
                "-of",
                "csv=p=0",
                file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    p.waitFor(10, TimeUnit.SECONDS);
    return out.isEmpty() ? List.of() : List.of(out.split("\\s+"));
  }

  /** Duration of the file in seconds as ffprobe reports it. */
  static double duration(Path file) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                FFPROBE.toString(),
                "-v",
                "error",
                "-show_entries",
                "format=duration",
                "-of",
                "csv=p=0",
                file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    p.waitFor(10, TimeUnit.SECONDS);
    return Double.parseDouble(out);
  }
}
