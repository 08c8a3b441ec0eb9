package dev.camrec.recorder.clip;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * ffprobe asked one question about one segment (a presigned URL or a file), its answer read as CSV
 * lines; the reader may stop early, and closing ends ffprobe either way.
 */
final class Ffprobe implements AutoCloseable {

  private final Process process;
  private final BufferedReader out;

  Ffprobe(Path ffprobe, String location, String... query) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                ffprobe.toString(),
                "-v",
                "error",
                "-protocol_whitelist",
                "file,http,https,tcp,tls"));
    cmd.addAll(List.of(query));
    cmd.addAll(List.of("-of", "csv=p=0", location));
    process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** The next line of the answer; null at its end. */
  String line() throws IOException {
    return out.readLine();
  }

  @Override
  public void close() throws IOException {
    out.close();
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
